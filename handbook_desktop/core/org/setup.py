"""Setting up the workspace's own cell without a server, and editing it later (Cài đặt → Chi bộ).

A cell is a chain of units, the cell at the bottom, up to the province, and the facts that say
which unit is this workspace's cell, its term, the place name its documents are dated at and
the members recorded as secretary and deputy. The same service serves the first-start form,
the settings page and `main.py setup`.
"""

from dataclasses import dataclass, replace
from datetime import date

from handbook_desktop.core.errors import ValidationError, WorkspaceError
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.org.terms import default_term, parse_term, term_years
from handbook_desktop.core.org.units import unit_path
from handbook_desktop.core.text import nfc
from handbook_desktop.core.workspace import DEPUTY, HOME_UNIT, PLACE, SECRETARY, TERM, UnitOfWork
from handbook_desktop.i18n import _

MAX_NAME = 200  # OrgUnit.name
MAX_PLACE = 100
MAX_PARENTS = 3  # grassroots body, district or city, province
PARENT_SEPARATORS = (">", "›")


@dataclass(frozen=True)
class CellSetup:
    """The cell as the form shows it; `parents` from the grassroots body up to the province."""

    name: str
    parents: tuple[str, ...]
    place: str = ""  # "" takes it from the grassroots body's name
    term: str = ""
    secretary_id: str | None = None
    deputy_id: str | None = None


def split_parents(text: str) -> tuple[str, ...]:
    """ "Đảng bộ phường Bắc Sơn > Thành ủy Sông Công › Tỉnh ủy Thái Nguyên" → the three names."""
    for separator in PARENT_SEPARATORS[1:]:
        text = text.replace(separator, PARENT_SEPARATORS[0])
    return tuple(text.split(PARENT_SEPARATORS[0]))


def check_cell_setup(setup: CellSetup, today: date) -> CellSetup:
    """The setup cleaned (NFC, single spaces, blank upper levels dropped), or a ValidationError
    naming every problem, one per line."""
    name, place = _clean(setup.name), _clean(setup.place)
    parents = tuple(p for p in map(_clean, setup.parents) if p)
    problems = []
    if not name:
        problems.append(_("Hãy ghi tên chi bộ, ví dụ “Chi bộ Khu phố 5”."))
    if not parents:
        problems.append(_("Hãy ghi ít nhất đảng bộ cơ sở cấp trên của chi bộ, ví dụ “Đảng bộ phường Bắc Sơn”."))
    if len(parents) > MAX_PARENTS:
        problems.append(_("Chỉ ghi tối đa {n} cấp trên: đảng bộ cơ sở, cấp huyện (nếu có) và cấp tỉnh.")
                        .format(n=MAX_PARENTS))
    problems += [_("Tên “{name}…” dài quá {n} ký tự.").format(name=text[:40], n=MAX_NAME)
                 for text in (name, *parents) if len(text) > MAX_NAME]
    if len(place) > MAX_PLACE:
        problems.append(_("Địa danh dài quá {n} ký tự.").format(n=MAX_PLACE))
    term = ""
    if not setup.term.strip():
        problems.append(_("Hãy ghi nhiệm kỳ hiện tại của chi bộ, ví dụ {current}.").format(current=default_term(today)))
    else:
        try:
            term = parse_term(setup.term)
        except ValidationError as exc:
            problems.append(exc.message)
    if term and not term_years(term)[0] <= today.year <= term_years(term)[1]:  # a typo, or last term's
        problems.append(_("Nhiệm kỳ {term} không gồm năm nay ({year}); hãy ghi nhiệm kỳ hiện tại, ví dụ {current}.")
                        .format(term=term, year=today.year, current=default_term(today)))
    if setup.secretary_id and setup.secretary_id == setup.deputy_id:
        problems.append(_("Bí thư và phó bí thư phải là hai đồng chí khác nhau."))
    if problems:
        raise ValidationError("\n".join(problems))
    return replace(setup, name=name, parents=parents, place=place, term=term,
                   secretary_id=setup.secretary_id or None, deputy_id=setup.deputy_id or None)


def set_up_cell(uow: UnitOfWork, setup: CellSetup) -> str:
    """Create the cell and its upper levels in a workspace that keeps no cell; returns the
    cell's unit id. A demo workspace or one that has its cell already is refused."""
    cell = uow.cell
    if cell.is_demo:
        raise WorkspaceError(_("Đây là dữ liệu mẫu: hãy thiết lập chi bộ của mình trong một thư mục dữ liệu "
                               "mới (Cài đặt → Thư mục dữ liệu, hoặc --data-dir)."))
    if cell.unit_id is not None:
        raise WorkspaceError(_("Dữ liệu này đã có chi bộ “{name}”; hãy sửa thông tin trong Cài đặt → Chi bộ.")
                             .format(name=next(iter(unit_path(uow)), "")))
    setup = check_cell_setup(setup, uow.today())
    parent_id = None
    for name, kind in reversed(list(zip(setup.parents, _parent_kinds(len(setup.parents))))):
        parent_id = _add_unit(uow, kind, name, parent_id)
    unit_id = _add_unit(uow, UnitKind.CELL, setup.name, parent_id)
    _record_facts(uow, setup, unit_id)
    return unit_id


def update_cell(uow: UnitOfWork, setup: CellSetup) -> None:
    """Rename the cell and its upper levels, change the term, place, secretary or deputy.
    Units are renamed where they stand; a level added goes on top, a level removed is left
    out of the chain (kept: documents of the library may belong to it)."""
    unit_id = uow.home_unit_id
    setup = check_cell_setup(setup, uow.today())
    chain = _chain(uow, unit_id)
    levels = [(setup.name, UnitKind.CELL), *zip(setup.parents, _parent_kinds(len(setup.parents)))]
    for position, (name, kind) in enumerate(levels):
        if position < len(chain):
            _rename(chain[position], kind, name)
        else:  # a new level on top of the highest one
            new = uow.session.get(OrgUnit, _add_unit(uow, kind, name, None))
            chain[-1].parent_id = chain[-1].unit_id = new.id
            chain.append(new)
    top = chain[len(levels) - 1]
    if top.parent_id is not None:  # fewer levels than before
        top.parent_id, top.unit_id = None, top.id
    _record_facts(uow, setup, unit_id)


def cell_setup(uow: UnitOfWork) -> CellSetup | None:
    """The current values for the form, or None when the workspace keeps no cell."""
    cell = uow.cell
    if cell.unit_id is None:
        return None
    names = unit_path(uow)
    return CellSetup(names[0], tuple(names[1:]), cell.place, cell.term or default_term(uow.today()),
                     cell.secretary_id, cell.deputy_id)


def _parent_kinds(count: int) -> list[UnitKind]:
    """Kinds by position, from the grassroots body up: the highest of two or three is the
    province (since 2025 most grassroots bodies sit right under it), a middle one the district."""
    if count <= 1:
        return [UnitKind.GRASSROOTS] * count
    return [UnitKind.GRASSROOTS, *[UnitKind.DISTRICT] * (count - 2), UnitKind.PROVINCE]


def _add_unit(uow: UnitOfWork, kind: UnitKind, name: str, parent_id: str | None) -> str:
    unit = OrgUnit(id=new_id(), kind=kind, name=name, parent_id=parent_id)
    unit.unit_id = parent_id or unit.id  # a unit's own unit is its parent (itself at the root)
    uow.session.add(unit)
    uow.session.flush()
    return unit.id


def _chain(uow: UnitOfWork, unit_id: str) -> list[OrgUnit]:
    chain = []
    while unit_id and len(chain) <= MAX_PARENTS:
        unit = uow.session.get(OrgUnit, unit_id)
        if unit is None:
            break
        chain.append(unit)
        unit_id = unit.parent_id
    return chain


def _rename(unit: OrgUnit, kind: UnitKind, name: str) -> None:
    if unit.name != name:
        unit.name = name
    if unit.kind != kind:
        unit.kind = kind


def _record_facts(uow: UnitOfWork, setup: CellSetup, unit_id: str) -> None:
    values = {HOME_UNIT: unit_id, TERM: setup.term, PLACE: setup.place, SECRETARY: setup.secretary_id,
              DEPUTY: setup.deputy_id}
    for key, value in values.items():
        fact = uow.session.get(WorkspaceFact, key)
        if not value:
            if fact is not None:
                uow.session.delete(fact)  # a local fact, not a syncable row
        elif fact is None:
            uow.session.add(WorkspaceFact(key=key, value=value))
        elif fact.value != value:
            fact.value = value
    uow.__dict__.pop("cell", None)  # the profile cached by this unit of work is out of date now


def _clean(text: str) -> str:
    return " ".join(nfc(text).replace("\u200b", "").split())
