"""The organisation tree: units by id or code, chains up to the root, subtrees."""

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.protocol import UnitKind, UnitOut
from sync.server.errors import not_found
from sync.server.models import Unit

# What may sit under what: a cell is the leaf.
CHILD_KIND = {None: UnitKind.PROVINCE, UnitKind.PROVINCE: UnitKind.DISTRICT,
              UnitKind.DISTRICT: UnitKind.GRASSROOTS, UnitKind.GRASSROOTS: UnitKind.CELL}


def find_unit(session: Session, ref: str) -> Unit:
    """A unit by its id or its code."""
    unit = session.scalars(select(Unit).where(or_(Unit.id == ref, Unit.code == ref))).first()
    if unit is None:
        raise not_found(f"Không có đơn vị “{ref}”.")
    return unit


def chain(session: Session, unit: Unit) -> list[Unit]:
    """The unit's ancestors and itself, root first."""
    ids = unit.chain_ids
    found = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(ids)))}
    return [found[i] for i in ids]


def inside(unit: Unit, root: Unit) -> bool:
    """Whether `unit` is `root` or below it."""
    return unit.path.startswith(root.path)


def subtree(session: Session, root: Unit) -> list[Unit]:
    return list(session.scalars(select(Unit).where(Unit.path.startswith(root.path, autoescape=True)).order_by(Unit.path)))


def unit_out(unit: Unit) -> UnitOut:
    return UnitOut(id=unit.id, kind=UnitKind(unit.kind), name=unit.name, code=unit.code, parent_id=unit.parent_id)
