"""The home page's meeting card and reminders: the next meeting's readiness, overdue tasks."""

from datetime import date

from handbook_desktop.core import meetings
from handbook_desktop.core.home import load_overview
from handbook_desktop.core.meetings import MaterialsState, MeetingState
from tests.core.meetings.meeting_helpers import act, at

LATE_TASK = "Chi ủy gặp gỡ, tìm hiểu nguyên nhân và nhắc nhở đồng chí Nguyễn Hữu Lộc"


def overview(workspace, today: date):
    return workspace.perform(lambda uow: load_overview(uow, today))


def test_a_planned_meeting_shows_its_readiness_and_days_left(demo_workspace):
    planned = act(demo_workspace, meetings.create_meeting, meetings.MeetingForm(starts_at=at(2026, 12, 20)))
    shown = overview(demo_workspace, date(2026, 12, 15))
    assert shown.next_meeting.meeting_id == planned.id and shown.next_meeting.days_left == 5
    assert shown.next_meeting.agenda_items == 0 and shown.next_meeting.materials_state == MaterialsState.WAITING
    assert "Chưa có chương trình (nội dung) cuộc họp." in shown.next_meeting.warnings
    # The last meeting held stays the November one: a planned meeting has no attendance to show.
    assert shown.last_meeting.title.endswith("tháng 11 năm 2026") and shown.last_meeting.state == MeetingState.APPROVED
    assert (shown.last_meeting.present, shown.last_meeting.expected) == (18, 21)
    assert overview(demo_workspace, date(2026, 12, 21)).next_meeting is None  # its day has passed


def test_overdue_tasks_of_the_latest_resolution(demo_workspace):
    assert overview(demo_workspace, date(2026, 11, 25)).overdue_tasks == []
    overdue = overview(demo_workspace, date(2026, 12, 3)).overdue_tasks
    assert [(t.owner_name, t.due_on, t.days_overdue, t.resolution_symbol) for t in overdue] == [
        ("Trần Đức Dũng", date(2026, 11, 30), 3, "11-NQ/CB")]
    assert overdue[0].text.startswith(LATE_TASK)
