"""Attendance at a meeting: the sheet, marking (by click, key or QR card) and the counts.

The sheet has one row per member of the cell on the meeting day: official and
probationary members (expected) and members excused from activities (miễn công tác và
sinh hoạt đảng), who are listed but counted apart. Members in temporary activity
elsewhere attend that other cell and are not on the sheet.

The arithmetic of `AttendanceCounts` (every figure counts rows of the sheet):

    total      = official + probationary        (standing on the meeting day)
    total      = excused + expected             (excused: status "excused")
    expected   = present + absent + pending     (absent = with reason + without reason)
    present    = present_official + present_probationary
    voters     = present_official               (probationary members do not vote)
    rate       = present / expected             (0.0 when nobody is expected)

An excused member who comes anyway is marked present: from then on they count as
expected and present (and vote if official), like everyone who took part.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import Attendance, Meeting, MeetingState
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core.members.models import MemberStatus as Status
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.clock import local_day
from handbook_desktop.core.meetings.common import is_locked, live, load_meeting, require_unlocked
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

EXPECTED = frozenset({Status.OFFICIAL, Status.PROBATIONARY})  # expected at the cell's meetings
ON_SHEET = EXPECTED | {Status.EXCUSED}
ABSENT = frozenset({Mark.ABSENT_EXCUSED, Mark.ABSENT_UNEXCUSED})


@dataclass(frozen=True)
class AttendanceCounts:
    """See the module docstring for how the figures add up."""

    total: int
    official: int
    probationary: int
    excused: int
    expected: int
    present: int
    present_official: int
    present_probationary: int
    absent_with_reason: int
    absent_without_reason: int
    pending: int

    @property
    def absent(self) -> int:
        return self.absent_with_reason + self.absent_without_reason

    @property
    def voters(self) -> int:
        """Entitled to vote and present: the official members present."""
        return self.present_official

    @property
    def rate(self) -> float:
        return self.present / self.expected if self.expected else 0.0


def count_attendance(rows: Iterable[tuple[Mark, Status]]) -> AttendanceCounts:
    """Counts from (attendance status, standing) pairs; standing is official or probationary."""
    marks: dict[tuple[Mark, bool], int] = {}
    for mark, standing in rows:
        key = (Mark(mark), Status(standing) == Status.OFFICIAL)
        marks[key] = marks.get(key, 0) + 1

    def count(*wanted: Mark, official: bool | None = None) -> int:
        return sum(n for (mark, is_official), n in marks.items()
                   if (not wanted or mark in wanted) and official in (None, is_official))

    total, excused = count(), count(Mark.EXCUSED)
    return AttendanceCounts(
        total=total, official=count(official=True), probationary=count(official=False), excused=excused,
        expected=total - excused, present=count(Mark.PRESENT),
        present_official=count(Mark.PRESENT, official=True), present_probationary=count(Mark.PRESENT, official=False),
        absent_with_reason=count(Mark.ABSENT_EXCUSED), absent_without_reason=count(Mark.ABSENT_UNEXCUSED),
        pending=count(Mark.PENDING))


@dataclass(frozen=True)
class AttendanceRow:
    member_id: str
    full_name: str
    member_status: Status  # in the roster today
    standing: Status  # official or probationary on the meeting day
    status: Mark
    reason: str

    @property
    def votes(self) -> bool:
        return self.standing == Status.OFFICIAL


@dataclass(frozen=True)
class AttendanceSheet:
    meeting_id: str
    rows: list[AttendanceRow]  # Vietnamese name order
    counts: AttendanceCounts
    locked: bool


@dataclass(frozen=True)
class Marked:
    row: AttendanceRow
    counts: AttendanceCounts
    already: bool  # the member was already marked so (a card scanned twice)


def standing_on(member: Member, day: date) -> Status:
    """Official or probationary on `day`, from the dates; the roster status when they are missing."""
    if member.official_on:
        return Status.OFFICIAL if member.official_on <= day else Status.PROBATIONARY
    return Status.PROBATIONARY if member.status == Status.PROBATIONARY else Status.OFFICIAL


@dataclass(frozen=True)
class _RosterLine:
    """A planned meeting's sheet row as the roster has it today."""

    member: Member
    stored: Attendance | None  # the member's row, live or tombstoned, if any
    status: Mark
    reason: str
    standing: Status


def follows_roster(meeting: Meeting) -> bool:
    """A planned meeting's sheet follows the roster (new members, status changes); once the
    meeting is held the sheet is its record and no longer does."""
    return meeting.state == MeetingState.PLANNED and not is_locked(meeting)


def _roster_lines(session: Session, meeting: Meeting) -> tuple[list[_RosterLine], list[Attendance]]:
    """The roster's sheet for a planned meeting, and the live rows it drops (members who left,
    were transferred, died or are not yet admitted, unless already marked). Reads only."""
    day = local_day(meeting.starts_at)
    stored = {row.member_id: row for row in session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id))}
    lines = []
    for member in session.scalars(select(Member).where(live(Member), Member.status.in_(ON_SHEET))):
        if member.admitted_on and member.admitted_on > day:
            continue
        row = stored.pop(member.id, None)
        status, reason = (Mark(row.status), row.reason) if row is not None and row.deleted_at is None \
            else (Mark.PENDING, "")
        if member.status == Status.EXCUSED and status == Mark.PENDING:
            status = Mark.EXCUSED
        elif member.status != Status.EXCUSED and status == Mark.EXCUSED:
            status = Mark.PENDING
        lines.append(_RosterLine(member, row, status, reason, standing_on(member, day)))
    dropped = [row for row in stored.values() if row.deleted_at is None and row.status in (Mark.PENDING, Mark.EXCUSED)]
    return lines, dropped


def sync_sheet(session: Session, meeting: Meeting) -> None:
    """Write a planned meeting's sheet as the roster has it (see `follows_roster`)."""
    if not follows_roster(meeting):
        return
    lines, dropped = _roster_lines(session, meeting)
    for line in lines:
        row = line.stored
        if row is None:
            row = Attendance(unit_id=meeting.unit_id, meeting_id=meeting.id, member_id=line.member.id)
            session.add(row)
        # Only what differs is assigned: an unchanged sheet writes nothing and tells no screen.
        for name, value in (("deleted_at", None), ("status", line.status), ("reason", line.reason),
                            ("standing", line.standing.value)):
            if getattr(row, name) != value:
                setattr(row, name, value)
    now = utcnow()
    for row in dropped:
        row.deleted_at = now


def attendance_sheet(uow: UnitOfWork, meeting_id: str) -> AttendanceSheet:
    """The sheet to mark or print; a planned meeting's follows the roster. Reads only: marking
    (or `refresh_attendance_sheet`) writes the rows."""
    meeting = load_meeting(uow.session, meeting_id)
    rows = sheet_rows(uow.session, meeting)
    return AttendanceSheet(meeting.id, rows, _counts(rows), is_locked(meeting))


def refresh_attendance_sheet(uow: UnitOfWork, meeting_id: str) -> AttendanceSheet:
    """Write a planned meeting's sheet as the roster has it (rows for new members, dropped
    rows for those gone), then return it."""
    sync_sheet(uow.session, load_meeting(uow.session, meeting_id))
    uow.session.flush()
    return attendance_sheet(uow, meeting_id)


def attendance_counts(uow: UnitOfWork, meeting_id: str) -> AttendanceCounts:
    return counts_of(uow.session, load_meeting(uow.session, meeting_id))


def counts_of(session: Session, meeting: Meeting) -> AttendanceCounts:
    return _counts(sheet_rows(session, meeting))


def sheet_rows(session: Session, meeting: Meeting) -> list[AttendanceRow]:
    """The sheet's rows in name order: the stored ones, and for a planned meeting as the
    roster has them (without writing)."""
    day = local_day(meeting.starts_at)
    pairs = session.execute(select(Attendance, Member).join(Member, Member.id == Attendance.member_id)
                            .where(Attendance.meeting_id == meeting.id, live(Attendance)))
    rows = {member.id: _row(attendance, member, day) for attendance, member in pairs}
    if follows_roster(meeting):
        lines, dropped = _roster_lines(session, meeting)
        for row in dropped:
            rows.pop(row.member_id, None)
        rows |= {line.member.id: AttendanceRow(line.member.id, line.member.full_name, Status(line.member.status),
                                               line.standing, line.status, line.reason) for line in lines}
    return sorted(rows.values(), key=lambda row: name_sort_key(row.full_name))


def _row(attendance: Attendance, member: Member, day: date) -> AttendanceRow:
    standing = Status(attendance.standing) if attendance.standing else standing_on(member, day)
    return AttendanceRow(member.id, member.full_name, Status(member.status), standing,
                         Mark(attendance.status), attendance.reason)


def _counts(rows: list[AttendanceRow]) -> AttendanceCounts:
    return count_attendance((row.status, row.standing) for row in rows)


def mark_attendance(uow: UnitOfWork, meeting_id: str, member_id: str, status: Mark,
                    reason: str = "") -> Marked:
    """One click or key: present, absent with reason (and the reason), absent without reason."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    sync_sheet(session, meeting)
    return _mark(session, meeting, member_id, Mark(status), reason)


def mark_by_qr(uow: UnitOfWork, meeting_id: str, scanned: str) -> Marked:
    """Present, from the text a scanner typed (or a camera decoded) off a member card."""
    from handbook_desktop.core.members import parse_qr_payload

    member_id = parse_qr_payload(scanned)
    if member_id is None:
        raise ValidationError(_("Mã vừa quét không phải thẻ đảng viên của Sổ tay."))
    return mark_attendance(uow, meeting_id, member_id, Mark.PRESENT)


def mark_pending_present(uow: UnitOfWork, meeting_id: str) -> AttendanceCounts:
    """Everyone not marked yet is present: the usual start, then mark the few absentees."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    sync_sheet(session, meeting)
    session.flush()
    for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                          live(Attendance), Attendance.status == Mark.PENDING)):
        row.status = Mark.PRESENT
    session.flush()
    return counts_of(session, meeting)


def _mark(session: Session, meeting: Meeting, member_id: str, status: Mark, reason: str) -> Marked:
    pair = session.execute(select(Attendance, Member).join(Member, Member.id == Attendance.member_id)
                           .where(Attendance.meeting_id == meeting.id, Attendance.member_id == member_id,
                                  live(Attendance))).one_or_none()
    if pair is None:
        raise ValidationError(_("Đảng viên này không có trong danh sách điểm danh của cuộc họp."))
    attendance, member = pair
    _check_mark(member, status)
    reason = " ".join(reason.split()) if status == Mark.ABSENT_EXCUSED else ""
    already = attendance.status == status and attendance.reason == reason
    if not already:
        attendance.status, attendance.reason = status, reason
    session.flush()
    return Marked(_row(attendance, member, local_day(meeting.starts_at)), counts_of(session, meeting), already)


def _check_mark(member: Member, status: Mark) -> None:
    excused = member.status == Status.EXCUSED
    if status == Mark.EXCUSED and not excused:
        raise ValidationError(_("Đồng chí {name} không thuộc diện miễn công tác và sinh hoạt đảng.").format(
            name=member.full_name))
    if excused and status not in (Mark.PRESENT, Mark.EXCUSED):
        raise ValidationError(_("Đồng chí {name} được miễn sinh hoạt: chỉ đánh dấu có mặt hoặc miễn.").format(
            name=member.full_name))
