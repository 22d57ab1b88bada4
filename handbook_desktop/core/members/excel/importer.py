"""Importing a roster from Excel (.xlsx) or .csv, with a preview before anything is written.

`preview_import` reads the file, finds the header, reads every row and says for each one
whether it is a new member, an update of one already in the register, or unchanged, with
its problems. `apply_import` writes it in one transaction: all or nothing by default, or
only the valid rows when the user chose so. It matches members again at that moment (card
number, else name without tones + birth date), so a re-import never creates a duplicate,
and updates only the fields the file fills and that differ, so the outbox carries only
real changes. A status changes only by an event with the file's date, never by overwriting.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.members.models import Member, MemberEventKind, MemberStatus
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.members.values import MEMBER_FIELDS, check_record, field_label
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.members.excel.files import read_sheets
from handbook_desktop.core.members.excel.headers import ALIASES, find_header
from handbook_desktop.core.members.excel.rows import RowReading, column_letter, read_rows
from handbook_desktop.core.members.excel.status import status_plan
from handbook_desktop.core.members.events import apply_event
from handbook_desktop.core.members.records import initial_events
from handbook_desktop.core.text.folding import fold
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


class RowAction(StrEnum):
    NEW = "new"  # no member of the register matches: it will be added
    UPDATE = "update"  # matches a member; some fields (or the status) will change
    UNCHANGED = "unchanged"  # matches a member and the file says nothing new


@dataclass(frozen=True)
class ColumnMapping:
    column: str  # the sheet's column letter, "C"
    header: str  # as written in the file
    field: str  # field key (member_values.FIELD_LABELS)

    @property
    def label(self) -> str:
        return field_label(self.field)


@dataclass
class ImportRow:
    row_number: int  # as the spreadsheet numbers it
    full_name: str
    values: dict[str, object]  # what the file fills for this member, cleaned (dates are dates)
    status: MemberStatus | None  # what the file says: its status column, else its dates
    action: RowAction = RowAction.NEW
    member_id: str | None = None  # the member of the register it matches
    changes: list[str] = field(default_factory=list)  # fields an update writes
    status_change: tuple[MemberEventKind, date, str] | None = None  # the event an update adds
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    path: Path
    sheet: str
    header_row: int  # 1-based, the header's first row
    columns: list[ColumnMapping]
    ignored_columns: list[str]  # headers that name no field of the record
    rows: list[ImportRow]
    today: date
    _readings: list[RowReading] = field(default_factory=list, repr=False)

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.is_valid and row.action == action)

    @property
    def invalid(self) -> int:
        return sum(1 for row in self.rows if not row.is_valid)

    @property
    def has_problems(self) -> bool:
        return self.invalid > 0

    def summary(self) -> str:
        return _("{name}: {rows} dòng đảng viên — {new} mới, {updated} cập nhật, {unchanged} không đổi, "
                 "{invalid} có lỗi.").format(
            name=self.path.name, rows=len(self.rows), new=self.count(RowAction.NEW),
            updated=self.count(RowAction.UPDATE), unchanged=self.count(RowAction.UNCHANGED), invalid=self.invalid)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int  # rows with errors, left out by choice


def preview_import(uow: UnitOfWork, path: Path, *, today: date | None = None,
                   progress: Progress | None = None) -> ImportPreview:
    """Read and check the whole file against the register; nothing is written."""
    today, progress, path = today or uow.today(), progress or Progress(), Path(path)
    progress.report(0, 0, _("Đang đọc {name}").format(name=path.name))
    sheet, header = _find_roster(path)
    readings = read_rows(sheet, header, today, progress)
    rows = _plan(uow.session, uow.cell.unit_id, readings, today, progress)
    columns = [ColumnMapping(column_letter(column), header.labels[column], name)
               for column, name in sorted(header.columns.items())]
    return ImportPreview(path, sheet.name, header.first_row + 1, columns, header.ignored, rows, today, readings)


def _find_roster(path: Path):
    sheets = read_sheets(path)
    for sheet in sheets:
        header = find_header(sheet.rows)
        if header is not None:
            return sheet, header
    expected = ", ".join(ALIASES[name][0] for name in ("full_name", "birth_date", "admitted_on", "card_number"))
    raise UserError(_("Không tìm thấy dòng tiêu đề của danh sách đảng viên trong tệp {name} (cần các cột như: "
                      "{expected}).").format(name=path.name, expected=expected))


def apply_import(uow: UnitOfWork, preview: ImportPreview, *, valid_rows_only: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Write the previewed rows into the home cell (the caller's one transaction: all or
    nothing), matching members again against the register as it is now."""
    progress, session, unit_id = progress or Progress(), uow.session, uow.home_unit_id
    rows = _plan(session, unit_id, preview._readings, preview.today, progress)
    invalid = [row for row in rows if not row.is_valid]
    if invalid and not valid_rows_only:
        raise ValidationError(_("{name}: {count} dòng có lỗi nên chưa nhập dòng nào. Hãy sửa tệp, hoặc chọn "
                                "chỉ nhập các dòng hợp lệ.").format(name=preview.path.name, count=len(invalid)))
    for done, row in enumerate(rows):
        if done % 200 == 0:
            progress.report(done, len(rows), _("Đang ghi danh sách"))
        if row.is_valid and row.action == RowAction.NEW:
            _create(session, unit_id, row)
        elif row.is_valid and row.action == RowAction.UPDATE:
            _update(session, row)
    valid = [row for row in rows if row.is_valid]
    return ImportResult(sum(r.action == RowAction.NEW for r in valid), sum(r.action == RowAction.UPDATE for r in valid),
                        sum(r.action == RowAction.UNCHANGED for r in valid), len(invalid))


class _Register:
    """The register's members indexed the two ways a row can name one."""

    def __init__(self, session: Session, unit_id: str | None):
        members = session.scalars(select(Member).where(Member.deleted_at.is_(None), Member.unit_id == unit_id))
        self.by_card: dict[str, Member] = {}
        self.by_person: dict[tuple[str, date], Member] = {}
        for member in members:
            if member.card_number:
                self.by_card.setdefault(member.card_number, member)
            if member.birth_date:
                self.by_person.setdefault((_person(member.full_name), member.birth_date), member)


def _person(full_name: str) -> str:
    return " ".join(fold(full_name).split())


def _plan(session: Session, unit_id: str | None, readings: list[RowReading], today: date,
          progress: Progress) -> list[ImportRow]:
    register = _Register(session, unit_id)
    seen_cards: dict[str, int] = {}
    seen_people: dict[tuple[str, date], int] = {}
    rows = []
    for done, reading in enumerate(readings):
        if done % 200 == 0:
            progress.report(done, len(readings), _("Đang đối chiếu với danh sách hiện có"))
        row = ImportRow(reading.row_number, str(reading.values.get("full_name", "")), dict(reading.values),
                        reading.status, errors=[p.message for p in reading.problems if p.is_error],
                        warnings=[p.message for p in reading.problems if not p.is_error])
        _check_repeats(row, seen_cards, seen_people)
        member = _match(row, register)
        if member is None:
            _plan_new(row, reading, today)
        else:
            _plan_update(session, row, reading, member, today)
        rows.append(row)
    return rows


def _check_repeats(row: ImportRow, seen_cards: dict, seen_people: dict) -> None:
    """A member listed twice in the file: the later row is an error, the first one stands."""
    card, born = row.values.get("card_number"), row.values.get("birth_date")
    person = (_person(row.full_name), born) if row.full_name and born else None
    if card and card in seen_cards:
        row.errors.append(_("Trùng số thẻ đảng viên {card} với dòng {row} của tệp.").format(
            card=card, row=seen_cards[card]))
    elif person and person in seen_people:
        row.errors.append(_("Trùng họ tên và ngày sinh với dòng {row} của tệp.").format(row=seen_people[person]))
    if card:
        seen_cards.setdefault(card, row.row_number)
    if person:
        seen_people.setdefault(person, row.row_number)


def _match(row: ImportRow, register: _Register) -> Member | None:
    card, born = row.values.get("card_number"), row.values.get("birth_date")
    by_card = register.by_card.get(card) if card else None
    by_person = register.by_person.get((_person(row.full_name), born)) if born else None
    if by_card is not None and row.full_name and _person(by_card.full_name) != _person(row.full_name):
        row.errors.append(_("Số thẻ đảng viên {card} đã thuộc đồng chí {name} trong danh sách, không phải {other}.")
                          .format(card=card, name=by_card.full_name, other=row.full_name))
        return by_card
    if by_card is not None and by_person is not None and by_card is not by_person:
        row.errors.append(_("Dòng này khớp với hai đảng viên khác nhau: {first} (số thẻ) và {second} (họ tên, ngày "
                            "sinh).").format(first=by_card.full_name, second=by_person.full_name))
    member = by_card or by_person
    if member is not None and card and member.card_number and member.card_number != card:
        row.warnings.append(_("Số thẻ đảng viên sẽ đổi từ {old} thành {new}.").format(old=member.card_number, new=card))
    return member


def _plan_new(row: ImportRow, reading: RowReading, today: date) -> None:
    row.action = RowAction.NEW
    row.status = row.status or (MemberStatus.OFFICIAL if row.values.get("official_on")
                                else MemberStatus.PROBATIONARY)
    record = {name: row.values.get(name) for name in MEMBER_FIELDS} | {
        name: row.values.get(name) for name in ("transferred_in_on", "transferred_out_on", "died_on", "left_on")}
    unreadable = {p.field for p in reading.problems}
    for problem in check_record(record, today, row.status):
        if problem.field not in unreadable:
            (row.errors if problem.is_error else row.warnings).append(problem.message)


def _plan_update(session: Session, row: ImportRow, reading: RowReading, member: Member, today: date) -> None:
    """Fields the file fills and that differ; a status change as an event, or a warning why not."""
    row.member_id = member.id
    record = {name: getattr(member, name) for name in MEMBER_FIELDS} | {
        name: value for name, value in row.values.items() if value not in (None, "")}
    unreadable = {p.field for p in reading.problems}
    for problem in check_record(record, today, MemberStatus(member.status)):
        if problem.field in row.values and problem.field not in unreadable:
            (row.errors if problem.is_error else row.warnings).append(problem.message)
    row.status_change, message = status_plan(session, member, row.status, row.values, today)
    if message:
        row.warnings.append(message)
    made_official = bool(row.status_change) and row.status_change[0] == MemberEventKind.MADE_OFFICIAL
    written_by_event = {"official_on"} if made_official else set()  # the event writes it
    row.changes = [name for name in MEMBER_FIELDS if name in row.values and name not in written_by_event
                   and _is_change(row.values[name], getattr(member, name))]
    row.action = RowAction.UPDATE if row.changes or row.status_change else RowAction.UNCHANGED


def _is_change(new: object, old: object) -> bool:
    """A filled value that differs; a re-spelling that only loses tones or turns capital is not one."""
    if new in (None, "") or new == old:
        return False
    if isinstance(new, str) and isinstance(old, str) and fold(new) == fold(old):
        return _marks(new) >= _marks(old) and not (new.isupper() and not old.isupper())
    return True


def _marks(text: str) -> int:
    return sum(1 for char in unicodedata.normalize("NFD", text) if unicodedata.combining(char) or char in "đĐ")


def _create(session: Session, unit_id: str, row: ImportRow) -> None:
    member = Member(id=new_id(), unit_id=unit_id, status=row.status,
                      **{name: row.values.get(name, None if name in ("birth_date", "admitted_on", "official_on")
                                              else "") for name in MEMBER_FIELDS})
    session.add(member)
    extra = [(MemberEventKind.TRANSFERRED_OUT, row.values.get("transferred_out_on"), ""),
             (MemberEventKind.DECEASED, row.values.get("died_on"), ""),
             (MemberEventKind.LEFT, row.values.get("left_on"), str(row.values.get("left_form", "")))]
    session.add_all(initial_events(member, row.values.get("transferred_in_on"), extra))


def _update(session: Session, row: ImportRow) -> None:
    member = session.get(Member, row.member_id)
    for name in row.changes:
        setattr(member, name, row.values[name])
    if row.status_change:
        kind, on, reason = row.status_change
        apply_event(session, member, kind, on, reason)
