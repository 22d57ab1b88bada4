"""The cell's resolution of a meeting: numbering per type per term, items, signed copy, follow-up.

Numbers restart at 01 per document type, per issuing body, per term (nhiệm kỳ) — not per
year. The term is the cell's, shared by its devices: the newest term covering the date
among the one recorded here (`party_term`, set when a congress opens a term) and those of
the cell's resolutions (they sync, so a term one laptop numbers in is the other's too);
else it is derived from the date (terms of five years from 2020). The next number is one
above every number the cell's resolutions hold in the term, live or tombstoned, whichever
device gave it; a number held is refused, a skipped one warns. Two laptops offline may
still both give 12: the server turns that into a conflict the secretary resolves.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import MeetingKind, Resolution, ResolutionItem
from handbook_desktop.core.models import Attachment, WorkspaceFact
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.org.terms import default_term, parse_term, term_years
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.members.records import load_member
from handbook_desktop.core.clock import local_day
from handbook_desktop.core.meetings.common import (
    AttachedFile,
    attach_file,
    attached_files,
    live,
    load_meeting,
    member_names,
    remove_attachment,
    tombstone_removed,
)
from handbook_desktop.core.workspace import TERM, UnitOfWork
from handbook_desktop.i18n import _

RESOLUTION = "NQ"  # type code of a resolution (FORMATS.md)
MAX_NUMBER = 999
ISSUER_CODES = {UnitKind.CELL: "CB", UnitKind.GRASSROOTS: "ĐU", UnitKind.DISTRICT: "HU",
                UnitKind.PROVINCE: "TU"}
SIGNED_COPY_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".pdf")


def symbol(number: int, doc_type: str = RESOLUTION, issuer: str = "CB") -> str:
    """"05-NQ/CB": two digits at least, as numbers are written on Party documents."""
    return f"{number:02d}-{doc_type}/{issuer}"


def term_for(uow: UnitOfWork, day: date) -> str:
    """The term a document dated `day` belongs to (see the module docstring)."""
    known = set(uow.session.scalars(select(Resolution.term).where(Resolution.unit_id == uow.cell.unit_id)
                                    .distinct()))
    covering = [term for term in known | {uow.cell.term} if term and _covers(term, day)]
    return max(covering, key=term_years) if covering else default_term(day)


def _covers(term: str, day: date) -> bool:
    start, end = term_years(term)
    return start <= day.year <= end


def current_term(uow: UnitOfWork, today: date) -> str:
    return term_for(uow, today)


def set_current_term(uow: UnitOfWork, term: str) -> str:
    """Record the term a congress opened; numbering restarts at 01 in it."""
    term = parse_term(term)
    fact = uow.session.get(WorkspaceFact, TERM) or WorkspaceFact(key=TERM)
    fact.value = term
    uow.session.add(fact)
    return term


@dataclass(frozen=True)
class ResolutionItemForm:
    text: str
    owner_id: str | None = None
    due_on: date | None = None
    id: str | None = None  # None: a new item


@dataclass(frozen=True)
class ResolutionForm:
    title: str
    issued_on: date
    recipients: list[str]  # "Nơi nhận", one per entry
    items: list[ResolutionItemForm]
    loaded_items: tuple[str, ...] = ()  # ids of the items the form showed: only these may be removed


@dataclass(frozen=True)
class ResolutionItemView:
    id: str
    position: int
    text: str
    owner_id: str | None
    owner_name: str
    due_on: date | None
    done_on: date | None

    @property
    def is_task(self) -> bool:
        return bool(self.owner_id or self.due_on)


@dataclass(frozen=True)
class ResolutionView:
    id: str
    meeting_id: str
    number: int
    term: str
    symbol: str  # 05-NQ/CB
    issued_on: date
    title: str
    recipients: list[str]
    items: list[ResolutionItemView]
    signed_copies: list[AttachedFile]  # photo or scan of the signed paper


@dataclass(frozen=True)
class ResolutionSaved:
    resolution: ResolutionView
    warnings: list[str]  # e.g. a skipped number


@dataclass(frozen=True)
class NumberingReport:
    term: str
    numbers: list[int]  # given in the term, in order
    gaps: list[int]  # numbers below the highest that were never given
    next_number: int


def resolution_defaults(uow: UnitOfWork, meeting_id: str) -> ResolutionForm:
    """A new resolution's form, filled from its meeting (Party paperwork: Vietnamese)."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    unit = session.get(OrgUnit, meeting.unit_id)
    parent = session.get(OrgUnit, unit.parent_id) if unit and unit.parent_id else None
    day = local_day(meeting.starts_at)
    title = (f"Hội nghị chi bộ thường kỳ tháng {day.month} năm {day.year}"
             if meeting.kind == MeetingKind.REGULAR else meeting.title)
    recipients = ([f"{parent.name} (để b/c)"] if parent else []) + ["Đảng viên trong chi bộ", "Lưu chi bộ"]
    return ResolutionForm(title, day, recipients, [])


def next_resolution_number(uow: UnitOfWork, term: str) -> int:
    return _highest(uow.session, uow.home_unit_id, parse_term(term)) + 1


def numbering_report(uow: UnitOfWork, term: str) -> NumberingReport:
    term = parse_term(term)
    session = uow.session
    unit_id = uow.home_unit_id
    numbers = sorted(session.scalars(select(Resolution.number).where(
        Resolution.unit_id == unit_id, Resolution.term == term, live(Resolution))))
    highest = _highest(session, unit_id, term)
    used = set(numbers)
    return NumberingReport(term, numbers, [n for n in range(1, highest) if n not in used], highest + 1)


def create_resolution(uow: UnitOfWork, meeting_id: str, form: ResolutionForm, number: int | None = None,
                      term: str | None = None) -> ResolutionSaved:
    """Issue the meeting's resolution with the next number of its term (or `number`, if free).

    Call it first in its unit of work: see `_take_write_lock`."""
    session = uow.session
    _take_write_lock(session)
    meeting = load_meeting(session, meeting_id)
    unit_id, term = meeting.unit_id, parse_term(term) if term else term_for(uow, form.issued_on)
    _check_form(form, number)
    if session.scalar(select(Resolution.id).where(Resolution.meeting_id == meeting_id, live(Resolution))):
        raise ValidationError(_("Cuộc họp này đã có nghị quyết."))
    highest = _highest(session, unit_id, term)
    number = number or highest + 1
    _refuse_duplicate(session, unit_id, term, number)
    row = Resolution(unit_id=unit_id, meeting_id=meeting_id, number=number, term=term)
    session.add(row)
    _fill(session, row, form)
    session.flush()
    return ResolutionSaved(view_of(session, row), _gap_warning(highest, number))


def _take_write_lock(session: Session) -> None:
    """Write before reading: SQLite then gives this transaction the database's write lock at
    once (waiting for another writer if needed), so no other process can take the number
    read next. Reading first would pin an older snapshot that could not be written later.
    The statement changes no row (the table is no longer read: see DocumentCounter)."""
    session.execute(text("UPDATE document_counters SET last_number = last_number WHERE 0"))


def _highest(session: Session, unit_id: str, term: str) -> int:
    """The highest number the cell's resolutions hold in the term, from any device
    (tombstoned ones keep theirs: a number is never given twice)."""
    return session.scalar(select(func.max(Resolution.number)).where(Resolution.unit_id == unit_id,
                                                                     Resolution.term == term)) or 0


def _refuse_duplicate(session: Session, unit_id: str, term: str, number: int) -> None:
    taken = session.scalar(select(Resolution).where(Resolution.unit_id == unit_id, Resolution.term == term,
                                                      Resolution.number == number))
    if taken is not None:
        raise ValidationError(_("Số {symbol} nhiệm kỳ {term} đã cấp cho nghị quyết “{title}”; không cấp trùng số.")
                              .format(symbol=symbol(number), term=term, title=taken.title))


def _gap_warning(highest: int, number: int) -> list[str]:
    if number <= highest + 1:
        return []
    missing = (symbol(highest + 1) if number == highest + 2
               else f"{symbol(highest + 1)} … {symbol(number - 1)}")
    return [_("Số {symbol} bỏ cách: chưa có {missing}.").format(symbol=symbol(number), missing=missing)]


def _check_form(form: ResolutionForm, number: int | None) -> None:
    if number is not None and not 1 <= number <= MAX_NUMBER:
        raise ValidationError(_("Số nghị quyết phải từ 1 đến {most}.").format(most=MAX_NUMBER))
    if not form.title.strip():
        raise ValidationError(_("Hãy ghi trích yếu (tên) của nghị quyết."))
    for position, item in enumerate(form.items):
        if not item.text.strip():
            raise ValidationError(_("Điểm thứ {n} của nghị quyết chưa có nội dung.").format(n=position + 1))


def update_resolution(uow: UnitOfWork, resolution_id: str, form: ResolutionForm) -> ResolutionSaved:
    """Correct the text, recipients and items; the number and term never change."""
    _check_form(form, None)
    session = uow.session
    row = _load(session, resolution_id)
    _fill(session, row, form)
    session.flush()
    return ResolutionSaved(view_of(session, row), [])


def _fill(session: Session, row: Resolution, form: ResolutionForm) -> None:
    row.title, row.issued_on = " ".join(form.title.split()), form.issued_on
    row.recipients = "\n".join(r.strip() for r in form.recipients if r.strip())
    if not row.id:
        session.flush()
    current = {item.id: item for item in session.scalars(select(ResolutionItem).where(
        ResolutionItem.resolution_id == row.id, live(ResolutionItem)))}
    for position, entry in enumerate(form.items):
        if entry.owner_id:
            load_member(session, entry.owner_id)
        item = current.pop(entry.id, None) if entry.id else None
        if item is None:
            item = ResolutionItem(unit_id=row.unit_id, resolution_id=row.id)
            session.add(item)
        item.position, item.text = position, entry.text.strip()
        item.owner_id, item.due_on = entry.owner_id or None, entry.due_on
    tombstone_removed(current, set(form.loaded_items))


def _load(session: Session, resolution_id: str) -> Resolution:
    row = session.get(Resolution, resolution_id)
    if row is None or row.deleted_at is not None:
        raise UserError(_("Không tìm thấy nghị quyết này (có thể đã bị xóa)."))
    return row


def get_resolution(uow: UnitOfWork, resolution_id: str) -> ResolutionView:
    session = uow.session
    return view_of(session, _load(session, resolution_id))


def resolution_of_meeting(uow: UnitOfWork, meeting_id: str) -> ResolutionView | None:
    session = uow.session
    row = session.scalar(select(Resolution).where(Resolution.meeting_id == meeting_id, live(Resolution)))
    return view_of(session, row) if row else None


def view_of(session: Session, row: Resolution) -> ResolutionView:
    items = list(session.scalars(select(ResolutionItem).where(
        ResolutionItem.resolution_id == row.id, live(ResolutionItem))
        .order_by(ResolutionItem.position, ResolutionItem.id)))
    names = member_names(session, {item.owner_id for item in items})
    return ResolutionView(
        row.id, row.meeting_id, row.number, row.term, symbol(row.number, issuer=issuer_code(session, row.unit_id)),
        row.issued_on, row.title, [r for r in row.recipients.split("\n") if r],
        [ResolutionItemView(item.id, i, item.text, item.owner_id, names.get(item.owner_id, ""), item.due_on,
                            item.done_on) for i, item in enumerate(items)],
        attached_files(session, row))


def issuer_code(session: Session, unit_id: str) -> str:
    unit = session.get(OrgUnit, unit_id)
    return ISSUER_CODES.get(UnitKind(unit.kind), "CB") if unit else "CB"


def attach_signed_copy(uow: UnitOfWork, resolution_id: str, path: Path) -> AttachedFile:
    """A photo or scan (image or PDF) of the signed resolution, shown beside the record."""
    return attach_file(uow, Path(path), lambda session: _load(session, resolution_id), SIGNED_COPY_SUFFIXES)


def remove_signed_copy(uow: UnitOfWork, attachment_id: str) -> None:
    def check(session: Session, row: Attachment) -> None:
        if row.owner_table != Resolution.__tablename__:
            raise UserError(_("Tệp này không phải bản chụp nghị quyết."))

    remove_attachment(uow, attachment_id, check)
