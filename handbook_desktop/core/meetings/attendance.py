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
from handbook_desktop.core.meetings.common import is_locked, live, load_meeting, local_day, require_unlocked
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import Workspace
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


def sync_sheet(session: Session, meeting: Meeting) -> None:
    """Bring a planned meeting's sheet in step with the roster (new members, status changes).

    Once the meeting is held the sheet is its record: it no longer follows the roster.
    """
    if meeting.state != MeetingState.PLANNED or is_locked(meeting):
        return
    day = local_day(meeting.starts_at)
    rows = {row.member_id: row for row in session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id))}
    members = session.scalars(select(Member).where(live(Member), Member.status.in_(ON_SHEET)))
    for member in members:
        if member.admitted_on and member.admitted_on > day:
            continue
        row = rows.pop(member.id, None)
        if row is None:
            row = Attendance(unit_id=meeting.unit_id, meeting_id=meeting.id, member_id=member.id,
                               status=Mark.PENDING, reason="")
            session.add(row)
        elif row.deleted_at is not None:
            row.deleted_at, row.status, row.reason = None, Mark.PENDING, ""
        _follow_roster(row, member, day)
    now = utcnow()
    for row in rows.values():  # no longer on the sheet: left, transferred, deceased, or not yet admitted
        if row.deleted_at is None and row.status in (Mark.PENDING, Mark.EXCUSED):
            row.deleted_at = now


def _follow_roster(row: Attendance, member: Member, day: date) -> None:
    standing = standing_on(member, day).value
    if row.standing != standing:
        row.standing = standing
    if member.status == Status.EXCUSED and row.status == Mark.PENDING:
        row.status = Mark.EXCUSED
    elif member.status != Status.EXCUSED and row.status == Mark.EXCUSED:
        row.status = Mark.PENDING


def attendance_sheet(workspace: Workspace, meeting_id: str) -> AttendanceSheet:
    """The sheet to mark; a planned meeting's sheet first follows the roster (same transaction)."""
    with workspace.session() as session:
        meeting = load_meeting(session, meeting_id)
        sync_sheet(session, meeting)
        session.flush()
        rows = sheet_rows(session, meeting)
        return AttendanceSheet(meeting.id, rows, _counts(rows), is_locked(meeting))


def attendance_counts(workspace: Workspace, meeting_id: str) -> AttendanceCounts:
    with workspace.session() as session:
        return counts_of(session, load_meeting(session, meeting_id))


def counts_of(session: Session, meeting: Meeting) -> AttendanceCounts:
    return _counts(sheet_rows(session, meeting))


def sheet_rows(session: Session, meeting: Meeting) -> list[AttendanceRow]:
    day = local_day(meeting.starts_at)
    pairs = session.execute(select(Attendance, Member).join(Member, Member.id == Attendance.member_id)
                            .where(Attendance.meeting_id == meeting.id, live(Attendance)))
    rows = [_row(attendance, member, day) for attendance, member in pairs]
    return sorted(rows, key=lambda row: name_sort_key(row.full_name))


def _row(attendance: Attendance, member: Member, day: date) -> AttendanceRow:
    standing = Status(attendance.standing) if attendance.standing else standing_on(member, day)
    return AttendanceRow(member.id, member.full_name, Status(member.status), standing,
                         Mark(attendance.status), attendance.reason)


def _counts(rows: list[AttendanceRow]) -> AttendanceCounts:
    return count_attendance((row.status, row.standing) for row in rows)


def mark_attendance(workspace: Workspace, meeting_id: str, member_id: str, status: Mark,
                    reason: str = "") -> Marked:
    """One click or key: present, absent with reason (and the reason), absent without reason."""
    with workspace.session() as session:
        meeting = load_meeting(session, meeting_id)
        require_unlocked(meeting)
        return _mark(session, meeting, member_id, Mark(status), reason)


def mark_by_qr(workspace: Workspace, meeting_id: str, scanned: str) -> Marked:
    """Present, from the text a scanner typed (or a camera decoded) off a member card."""
    from handbook_desktop.core.members import parse_qr_payload

    member_id = parse_qr_payload(scanned)
    if member_id is None:
        raise ValidationError(_("Mã vừa quét không phải thẻ đảng viên của Sổ tay."))
    return mark_attendance(workspace, meeting_id, member_id, Mark.PRESENT)


def mark_pending_present(workspace: Workspace, meeting_id: str) -> AttendanceCounts:
    """Everyone not marked yet is present: the usual start, then mark the few absentees."""
    with workspace.session() as session:
        meeting = load_meeting(session, meeting_id)
        require_unlocked(meeting)
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
