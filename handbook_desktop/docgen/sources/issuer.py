"""Who issues and signs for the cell: the bodies in a document's header, the place it is
dated at, the members who sign (chair, recorder, T/M CHI BỘ) and where reports go."""

from sqlalchemy import select

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.members import ON_ROLL, Member
from handbook_desktop.core.org import OrgUnit, UnitKind
from handbook_desktop.core.text import fold
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.docgen import wording
from handbook_desktop.docgen.content import Issuer, Signer
from handbook_desktop.i18n import _

ISSUER_CODES = {UnitKind.CELL: "CB", UnitKind.GRASSROOTS: "ĐU", UnitKind.DISTRICT: "HU",
                UnitKind.PROVINCE: "TU"}


def issuer_of(uow: UnitOfWork, unit_id: str) -> Issuer:
    """The unit and the body above it; the place is the cell profile's, else taken from their names."""
    unit = uow.session.get(OrgUnit, unit_id)
    if unit is None:
        raise UserError(_("Không tìm thấy tổ chức đảng của dữ liệu này."))
    parent = uow.session.get(OrgUnit, unit.parent_id) if unit.parent_id else None
    higher = parent.name if parent else ""
    place = uow.cell.place or wording.place_of(higher or unit.name)
    return Issuer(higher, unit.name, place, ISSUER_CODES.get(UnitKind(unit.kind), "CB"))


def report_recipients(issuer: Issuer) -> tuple[str, ...]:
    return ((f"{issuer.higher_body} (để b/c)",) if issuer.higher_body else ()) + ("Lưu chi bộ",)


# The titles of the members recorded in Cài đặt → Chi bộ, as written after a signer's name.
SECRETARY_ROLE, DEPUTY_ROLE = "Bí thư Chi bộ", "Phó Bí thư Chi bộ"


def signer_of(uow: UnitOfWork, member_id: str | None) -> Signer | None:
    member = uow.session.get(Member, member_id) if member_id else None
    return Signer(member.full_name, party_role(uow, member)) if member else None


def party_role(uow: UnitOfWork, member: Member) -> str:
    """The member's Party position: the secretary and deputy recorded for the cell are named
    so whatever their occupation says; an occupation naming a recorded office held by someone
    else is out of date and left out."""
    cell, written = uow.cell, wording.party_role(member.occupation)
    recorded = {cell.secretary_id: SECRETARY_ROLE, cell.deputy_id: DEPUTY_ROLE}.get(member.id)
    if recorded:
        return written if fold(written).startswith(fold(recorded)) else recorded
    held_by_others = (("bi thu",) if cell.secretary_id else ()) + (("pho bi thu",) if cell.deputy_id else ())
    return "" if held_by_others and fold(written).startswith(held_by_others) else written


def cell_signer(uow: UnitOfWork, chair_id: str | None) -> tuple[Signer | None, str]:
    """Who signs for the cell (T/M CHI BỘ) and as what: the chair when the secretary or
    deputy, else the cell's secretary (as recorded in Cài đặt → Chi bộ, else by the position
    written in the roster), else the chair."""
    chair = signer_of(uow, chair_id)
    if chair and fold(chair.role).startswith(("bi thu", "pho bi thu")):
        return chair, wording.signer_title(chair.role)
    on_roll = select(Member).where(Member.deleted_at.is_(None), Member.status.in_(ON_ROLL),
                                   Member.unit_id == uow.cell.unit_id)  # a committee's file holds many cells
    recorded = uow.session.scalar(on_roll.where(Member.id == uow.cell.secretary_id)) \
        if uow.cell.secretary_id else None
    for member in [recorded] if recorded else uow.session.scalars(on_roll):
        role = party_role(uow, member)
        if fold(role).startswith("bi thu"):
            return Signer(member.full_name, role), "BÍ THƯ"
    return chair, "BÍ THƯ"
