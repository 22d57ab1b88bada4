"""Attendance at a meeting: the sheet, marking (by click, key or QR card) and the counts.

Who is on the sheet is the cell's figures on the meeting day (`members.figures`, the one
definition): one row per member of the cell then, expected members and members excused from
activities (miễn công tác và sinh hoạt đảng), who are listed but counted apart. Members away
in temporary activity elsewhere attend that other cell: they are in the total, not on the
sheet. A planned meeting's sheet follows the figures; a held meeting's sheet is its record.

The arithmetic of `AttendanceCounts` (the sheet's rows, and the members away that day):

    total      = official + probationary        (standing on the meeting day)
    total      = excused + away + expected     (excused: marked "excused")
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
from handbook_desktop.core.members.figures import CellFigures, CountedMember, Place, figures_on, standing_of
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.ids import name_id
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core.members.models import MemberStatus as Status
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.clock import local_day
from handbook_desktop.core.meetings.common import is_locked, live, load_meeting, require_unlocked
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

EXPECTED = frozenset({Status.OFFICIAL, Status.PROBATIONARY})  # taking part in the cell's meetings today
ABSENT = frozenset({Mark.ABSENT_EXCUSED, Mark.ABSENT_UNEXCUSED})


@dataclass(frozen=True)
class AttendanceCounts:
    """See the module docstring for how the figures add up."""

    total: int
    official: int
    probationary: int
    excused: int
    away: int  # đi sinh hoạt tạm thời nơi khác: in the total, not on the sheet
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


def count_attendance(rows: Iterable[tuple[Mark, Status]], away: Iterable[Status] = ()) -> AttendanceCounts:
    """Counts from the sheet's (attendance status, standing) pairs and the standings of the
    members away that day; a standing is official or probationary."""
    marks: dict[tuple[Mark, bool], int] = {}
    for mark, standing in rows:
        key = (Mark(mark), Status(standing) == Status.OFFICIAL)
        marks[key] = marks.get(key, 0) + 1
    away = [Status(standing) == Status.OFFICIAL for standing in away]

    def count(*wanted: Mark, official: bool | None = None) -> int:
        return sum(n for (mark, is_official), n in marks.items()
                   if (not wanted or mark in wanted) and official in (None, is_official))

    on_sheet, excused = count(), count(Mark.EXCUSED)
    return AttendanceCounts(
        total=on_sheet + len(away), official=count(official=True) + sum(away),
        probationary=count(official=False) + away.count(False), excused=excused, away=len(away),
        expected=on_sheet - excused, present=count(Mark.PRESENT),
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
    away: list[str]  # names of the members away that day (counts.away), not on the sheet


@dataclass(frozen=True)
class Marked:
    row: AttendanceRow
    counts: AttendanceCounts
    already: bool  # the member was already marked so (a card scanned twice)


@dataclass(frozen=True)
class _RosterLine:
    """A planned meeting's sheet row as the figures of the meeting day have it."""

    member: CountedMember
    stored: Attendance | None  # the member's row, live or tombstoned, if any
    status: Mark
    reason: str


def attendance_id(meeting_id: str, member_id: str) -> str:
    """The same on every device: two laptops marking one member make one row (the server merges)."""
    return name_id("attendance", meeting_id, member_id)


def follows_roster(meeting: Meeting) -> bool:
    """A planned meeting's sheet follows the roster (new members, status changes); once the
    meeting is held the sheet is its record and no longer does."""
    return meeting.state == MeetingState.PLANNED and not is_locked(meeting)


def _roster_lines(session: Session, meeting: Meeting,
                  figures: CellFigures) -> tuple[list[_RosterLine], list[Attendance]]:
    """A planned meeting's sheet from the figures of its day, and the live rows it drops
    (members who left, were transferred, died, are away or not yet admitted, unless already
    marked). Reads only."""
    stored = {row.member_id: row for row in session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id))}
    lines = []
    for member in figures.members:
        if member.place == Place.AWAY:
            continue
        row = stored.pop(member.member_id, None)
        status, reason = (Mark(row.status), row.reason) if row is not None and row.deleted_at is None \
            else (Mark.PENDING, "")
        excused = member.place == Place.EXCUSED
        if excused and status == Mark.PENDING:
            status = Mark.EXCUSED
        elif not excused and status == Mark.EXCUSED:
            status = Mark.PENDING
        lines.append(_RosterLine(member, row, status, reason))
    dropped = [row for row in stored.values() if row.deleted_at is None and row.status in (Mark.PENDING, Mark.EXCUSED)]
    return lines, dropped


def sync_sheet(session: Session, meeting: Meeting) -> None:
    """Write a planned meeting's sheet as the roster has it (see `follows_roster`)."""
    if not follows_roster(meeting):
        return
    lines, dropped = _roster_lines(session, meeting, _figures(session, meeting))
    for line in lines:
        row = line.stored
        if row is None:
            row = Attendance(id=attendance_id(meeting.id, line.member.member_id), unit_id=meeting.unit_id,
                             meeting_id=meeting.id, member_id=line.member.member_id)
            session.add(row)
        # Only what differs is assigned: an unchanged sheet writes nothing and tells no screen.
        for name, value in (("deleted_at", None), ("status", line.status), ("reason", line.reason),
                            ("standing", line.member.standing.value)):
            if getattr(row, name) != value:
                setattr(row, name, value)
    now = utcnow()
    for row in dropped:
        row.deleted_at = now


def attendance_sheet(uow: UnitOfWork, meeting_id: str) -> AttendanceSheet:
    """The sheet to mark or print; a planned meeting's follows the roster. Reads only: marking
    (or `refresh_attendance_sheet`) writes the rows."""
    meeting = load_meeting(uow.session, meeting_id)
    figures = _figures(uow.session, meeting)
    rows = sheet_rows(uow.session, meeting, figures)
    away = _away(rows, figures)
    return AttendanceSheet(meeting.id, rows, _counts(rows, figures), is_locked(meeting), [m.full_name for m in away])


def refresh_attendance_sheet(uow: UnitOfWork, meeting_id: str) -> AttendanceSheet:
    """Write a planned meeting's sheet as the roster has it (rows for new members, dropped
    rows for those gone), then return it."""
    sync_sheet(uow.session, load_meeting(uow.session, meeting_id))
    uow.session.flush()
    return attendance_sheet(uow, meeting_id)


def attendance_counts(uow: UnitOfWork, meeting_id: str) -> AttendanceCounts:
    return counts_of(uow.session, load_meeting(uow.session, meeting_id))


def counts_of(session: Session, meeting: Meeting) -> AttendanceCounts:
    figures = _figures(session, meeting)
    return _counts(sheet_rows(session, meeting, figures), figures)


def _figures(session: Session, meeting: Meeting) -> CellFigures:
    return figures_on(session, local_day(meeting.starts_at), meeting.unit_id)


def sheet_rows(session: Session, meeting: Meeting, figures: CellFigures | None = None) -> list[AttendanceRow]:
    """The sheet's rows in name order: the stored ones, and for a planned meeting as the
    figures of its day have them (without writing)."""
    figures = figures or _figures(session, meeting)
    standings = {m.member_id: m.standing for m in figures.members}
    pairs = session.execute(select(Attendance, Member).join(Member, Member.id == Attendance.member_id)
                            .where(Attendance.meeting_id == meeting.id, live(Attendance)))
    rows = {member.id: _row(session, attendance, member, standings.get(member.id), figures.as_of)
            for attendance, member in pairs}
    if follows_roster(meeting):
        lines, dropped = _roster_lines(session, meeting, figures)
        for row in dropped:
            rows.pop(row.member_id, None)
        rows |= {line.member.member_id: AttendanceRow(line.member.member_id, line.member.full_name,
                                                      line.member.status, line.member.standing, line.status,
                                                      line.reason) for line in lines}
    return sorted(rows.values(), key=lambda row: name_sort_key(row.full_name))


def _row(session: Session, attendance: Attendance, member: Member, standing: Status | None,
         day: date) -> AttendanceRow:
    """A stored row; its standing as frozen at approval, else as the figures of the day say."""
    if attendance.standing:
        standing = Status(attendance.standing)
    elif standing is None:  # marked, though not counted in the cell that day
        standing = standing_of(session, member, day)
    return AttendanceRow(member.id, member.full_name, Status(member.status), standing,
                         Mark(attendance.status), attendance.reason)


def _counts(rows: list[AttendanceRow], figures: CellFigures) -> AttendanceCounts:
    return count_attendance(((row.status, row.standing) for row in rows), [m.standing for m in _away(rows, figures)])


def _away(rows: list[AttendanceRow], figures: CellFigures) -> list[CountedMember]:
    """Members away that day; one marked on the sheet anyway counts by their row."""
    on_sheet = {row.member_id for row in rows}
    return [m for m in figures.in_place(Place.AWAY) if m.member_id not in on_sheet]


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
    figures = _figures(session, meeting)
    counted = next((m for m in figures.members if m.member_id == member_id), None)
    _check_mark(member, counted is not None and counted.place == Place.EXCUSED, status)
    reason = " ".join(reason.split()) if status == Mark.ABSENT_EXCUSED else ""
    already = attendance.status == status and attendance.reason == reason
    if not already:
        attendance.status, attendance.reason = status, reason
    session.flush()
    rows = sheet_rows(session, meeting, figures)
    row = next(row for row in rows if row.member_id == member_id)
    return Marked(row, _counts(rows, figures), already)


def _check_mark(member: Member, excused: bool, status: Mark) -> None:
    """`excused`: miễn công tác và sinh hoạt đảng on the meeting day."""
    if status == Mark.EXCUSED and not excused:
        raise ValidationError(_("Đồng chí {name} không thuộc diện miễn công tác và sinh hoạt đảng.").format(
            name=member.full_name))
    if excused and status not in (Mark.PRESENT, Mark.EXCUSED):
        raise ValidationError(_("Đồng chí {name} được miễn sinh hoạt: chỉ đánh dấu có mặt hoặc miễn.").format(
            name=member.full_name))
