"""Attendance: who is on the sheet, marking by hand and by QR card, and the arithmetic."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from handbook_desktop.core.meetings.models import Meeting
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core.members.models import MemberStatus as Status
from handbook_desktop.core import meetings
from handbook_desktop.core.members import member_qr_payload

from .meeting_helpers import act, at, new_meeting, outbox_entities, small_cell

STANDINGS = (Status.OFFICIAL, Status.PROBATIONARY)


@given(st.lists(st.tuples(st.sampled_from(list(Mark)), st.sampled_from(STANDINGS)), max_size=60),
       st.lists(st.sampled_from(STANDINGS), max_size=5))
def test_counts_add_up_for_any_sheet(rows, away):
    counts = meetings.count_attendance(rows, away)
    marks = Counter(mark for mark, _ in rows)
    assert counts.total == len(rows) + len(away) == counts.official + counts.probationary
    assert counts.total == counts.excused + counts.away + counts.expected and counts.away == len(away)
    assert counts.official == sum(1 for _, s in rows if s == Status.OFFICIAL) + away.count(Status.OFFICIAL)
    assert counts.expected == counts.present + counts.absent + counts.pending
    assert counts.present == counts.present_official + counts.present_probationary == marks[Mark.PRESENT]
    assert counts.voters == sum(1 for mark, standing in rows if mark == Mark.PRESENT and standing == Status.OFFICIAL)
    assert (counts.excused, counts.pending) == (marks[Mark.EXCUSED], marks[Mark.PENDING])
    assert counts.absent_with_reason == marks[Mark.ABSENT_EXCUSED]
    assert counts.absent_without_reason == marks[Mark.ABSENT_UNEXCUSED]
    assert counts.rate == (counts.present / counts.expected if counts.expected else 0.0)
    assert 0.0 <= counts.rate <= 1.0


@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("mark", list(Mark))
def test_one_member_counts_in_exactly_the_right_boxes(mark, standing):
    c = meetings.count_attendance([(mark, standing)])
    official = standing == Status.OFFICIAL
    assert (c.total, c.official, c.probationary) == (1, int(official), int(not official))
    assert c.excused == (mark == Mark.EXCUSED) and c.expected == (mark != Mark.EXCUSED)
    assert c.present == (mark == Mark.PRESENT) and c.voters == (mark == Mark.PRESENT and official)
    assert c.present_probationary == (mark == Mark.PRESENT and not official)
    assert c.absent_with_reason == (mark == Mark.ABSENT_EXCUSED)
    assert c.absent_without_reason == (mark == Mark.ABSENT_UNEXCUSED)
    assert c.pending == (mark == Mark.PENDING)
    assert c.rate == (1.0 if mark == Mark.PRESENT else 0.0)


def test_the_example_of_the_minutes_skeleton():
    """FORMATS.md appendix A: 27 members (25 official, 2 probationary), 3 excused, 22 present,
    2 absent with reason: 22/24 present."""
    rows = ([(Mark.EXCUSED, Status.OFFICIAL)] * 3 + [(Mark.ABSENT_EXCUSED, Status.OFFICIAL)] * 2
            + [(Mark.PRESENT, Status.PROBATIONARY)] * 2 + [(Mark.PRESENT, Status.OFFICIAL)] * 20)
    c = meetings.count_attendance(rows)
    assert (c.total, c.official, c.probationary, c.excused, c.expected) == (27, 25, 2, 3, 24)
    assert (c.present, c.absent, c.absent_without_reason, c.voters) == (22, 2, 0, 20)
    assert round(100 * c.rate, 1) == 91.7 == meetings.percent(c.present, c.expected)


ROSTER = [Status.OFFICIAL, Status.PROBATIONARY, Status.EXCUSED, Status.TEMPORARY, Status.TRANSFERRED_OUT,
          Status.DECEASED, Status.LEFT]


@pytest.fixture
def cell(workspace):
    members = small_cell(workspace, ROSTER)
    return members, new_meeting(workspace, at(2026, 12, 18), members)


def test_sheet_lists_expected_and_excused_members_and_counts_those_away(workspace, cell):
    members, meeting_id = cell
    sheet = act(workspace, meetings.attendance_sheet, meeting_id)
    on_sheet = {row.member_id: row for row in sheet.rows}
    by_status = dict(zip(ROSTER, members.values(), strict=True))
    assert set(on_sheet) == {by_status[Status.OFFICIAL], by_status[Status.PROBATIONARY], by_status[Status.EXCUSED]}
    assert on_sheet[by_status[Status.EXCUSED]].status == Mark.EXCUSED
    assert on_sheet[by_status[Status.PROBATIONARY]].votes is False
    c = sheet.counts
    assert (c.total, c.official, c.probationary, c.excused, c.away, c.expected, c.pending) == (4, 3, 1, 1, 1, 2, 2)
    assert sheet.away == ["Phạm Thị Dung"]  # in temporary activity elsewhere: in the total, not on the sheet


@pytest.mark.parametrize("status", ROSTER)
@pytest.mark.parametrize("mark", list(Mark))
def test_marking_every_member_status_with_every_mark(workspace, cell, status, mark):
    members, meeting_id = cell
    member_id = dict(zip(ROSTER, members.values(), strict=True))[status]
    allowed = {Status.OFFICIAL: set(Mark) - {Mark.EXCUSED}, Status.PROBATIONARY: set(Mark) - {Mark.EXCUSED},
               Status.EXCUSED: {Mark.PRESENT, Mark.EXCUSED}}.get(status, set())
    before = act(workspace, meetings.attendance_counts, meeting_id)
    if mark not in allowed:
        with pytest.raises(ValidationError):
            act(workspace, meetings.mark_attendance, meeting_id, member_id, mark, "Ốm")
        assert act(workspace, meetings.attendance_counts, meeting_id) == before
        return
    marked = act(workspace, meetings.mark_attendance, meeting_id, member_id, mark, "Ốm")
    assert marked.row.status == mark and marked.row.reason == ("Ốm" if mark == Mark.ABSENT_EXCUSED else "")
    c = marked.counts
    assert c == act(workspace, meetings.attendance_counts, meeting_id)
    assert c.total == 4 and c.away == 1 and c.excused == (1 if status != Status.EXCUSED or mark == Mark.EXCUSED else 0)
    assert c.present == (mark == Mark.PRESENT)
    assert c.voters == (mark == Mark.PRESENT and status != Status.PROBATIONARY)
    assert c.absent_with_reason == (mark == Mark.ABSENT_EXCUSED)
    assert c.absent_without_reason == (mark == Mark.ABSENT_UNEXCUSED)
    assert c.expected == c.present + c.absent + c.pending


def test_marks_reach_the_outbox(workspace, cell):
    members, meeting_id = cell
    first = list(members.values())[0]
    count = len(outbox_entities(workspace))
    act(workspace, meetings.mark_attendance, meeting_id, first, Mark.ABSENT_EXCUSED, "  Đi công tác  Hà Nội ")
    assert outbox_entities(workspace)[count:] == ["attendance"]
    sheet = act(workspace, meetings.attendance_sheet, meeting_id)
    assert next(r for r in sheet.rows if r.member_id == first).reason == "Đi công tác Hà Nội"


def test_qr_card_marks_present_and_a_second_scan_is_harmless(workspace, cell):
    members, meeting_id = cell
    official = list(members.values())[0]
    scanned = member_qr_payload(official) + "\r\n"  # a USB scanner ends with Enter
    first = act(workspace, meetings.mark_by_qr, meeting_id, scanned)
    assert first.row.member_id == official and first.row.status == Mark.PRESENT and not first.already
    assert act(workspace, meetings.mark_by_qr, meeting_id, scanned).already
    with pytest.raises(ValidationError, match="không phải thẻ đảng viên"):
        act(workspace, meetings.mark_by_qr, meeting_id, "https://example.com")
    transferred = list(members.values())[4]
    with pytest.raises(ValidationError, match="không có trong danh sách điểm danh"):
        act(workspace, meetings.mark_by_qr, meeting_id, member_qr_payload(transferred))


def test_everyone_not_yet_marked_becomes_present(workspace, cell):
    members, meeting_id = cell
    act(workspace, meetings.mark_attendance, meeting_id, list(members.values())[0], Mark.ABSENT_UNEXCUSED)
    counts = act(workspace, meetings.mark_pending_present, meeting_id)
    assert (counts.present, counts.absent_without_reason, counts.pending, counts.excused) == (1, 1, 0, 1)


def test_planned_sheet_follows_the_roster_then_stays(workspace, cell):
    members, meeting_id = cell
    official, probationary = list(members.values())[:2]
    with workspace.session() as s:
        s.get(Member, official).status = Status.EXCUSED  # excused before the meeting
        s.add(Member(unit_id="cell", full_name="Mai Thị Oanh", status=Status.PROBATIONARY))
    sheet = act(workspace, meetings.attendance_sheet, meeting_id)
    assert {r.member_id: r.status for r in sheet.rows}[official] == Mark.EXCUSED
    assert "Mai Thị Oanh" in [r.full_name for r in sheet.rows] and sheet.counts.total == 5
    act(workspace, meetings.mark_pending_present, meeting_id)
    act(workspace, meetings.save_minutes, meeting_id, meetings.MinutesContent())  # held: the sheet is a record now
    with workspace.session() as s:
        s.get(Member, probationary).status = Status.TRANSFERRED_OUT
    after = act(workspace, meetings.attendance_sheet, meeting_id)
    assert [r.member_id for r in after.rows] == [r.member_id for r in sheet.rows]


def test_standing_is_read_from_the_dates_of_the_meeting_day(demo_workspace):
    """A probationary member made official later still counted as probationary at old meetings."""
    with demo_workspace.session() as s:
        first = s.scalars(select(Meeting).order_by(Meeting.starts_at)).first()
        before = act(demo_workspace, meetings.attendance_sheet, first.id).counts
        for member in s.scalars(select(Member).where(Member.status == Status.PROBATIONARY)):
            member.status, member.official_on = Status.OFFICIAL, member.admitted_on.replace(year=2027)
    after = act(demo_workspace, meetings.attendance_counts, first.id)
    assert after == before and after.probationary == 2


def _attendance_rows(workspace) -> list[tuple]:
    from handbook_desktop.core.meetings.models import Attendance

    with workspace.session() as s:
        return [(a.id, a.member_id, str(a.status), a.standing, a.deleted_at) for a in s.scalars(select(Attendance))]


def test_reading_and_printing_the_sheet_write_nothing_refreshing_does(workspace, cell):
    from handbook_desktop.docgen.sources.meeting import attendance_sheet_data, minutes_data

    members, meeting_id = cell
    with workspace.session() as s:
        s.get(Member, list(members.values())[0]).status = Status.EXCUSED
        s.add(Member(unit_id="cell", full_name="Mai Thị Oanh", status=Status.PROBATIONARY))
    outbox, rows = outbox_entities(workspace), _attendance_rows(workspace)
    sheet = act(workspace, meetings.attendance_sheet, meeting_id)
    printed = act(workspace, attendance_sheet_data, meeting_id)
    act(workspace, minutes_data, meeting_id)
    assert "Mai Thị Oanh" in [r.full_name for r in sheet.rows] and printed.counts == sheet.counts
    assert outbox_entities(workspace) == outbox and _attendance_rows(workspace) == rows
    assert act(workspace, meetings.refresh_attendance_sheet, meeting_id) == sheet
    assert len(_attendance_rows(workspace)) == len(rows) + 1 and outbox_entities(workspace) != outbox


def test_a_members_attendance_row_has_the_id_every_device_gives_it(workspace):
    from handbook_desktop.core.ids import name_id
    from handbook_desktop.core.meetings.models import Attendance

    members = small_cell(workspace)
    meeting_id = new_meeting(workspace, at(2026, 12, 18), members)
    member_id = members["Nguyễn Văn An"]
    act(workspace, meetings.mark_attendance, meeting_id, member_id, Mark.PRESENT)
    with workspace.session() as session:
        row = session.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                      Attendance.member_id == member_id))
        assert row.id == name_id("attendance", meeting_id, member_id)
