"""A committee's device holds several cells: every screen of the workspace's cell shows that
cell only. Another cell's roster, meetings and resolutions arrive as a pull would write them."""

from datetime import date, timedelta

from sqlalchemy import select

from handbook_desktop.core import meetings, members
from handbook_desktop.core.clock import vietnam_now
from handbook_desktop.core.home import load_overview
from handbook_desktop.core.meetings.models import Meeting, MeetingKind, MeetingState, Resolution, ResolutionItem
from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from tests.core.meetings.meeting_helpers import act


def _other_cell(workspace) -> None:
    now = vietnam_now()
    with workspace.unit_of_work(record_outbox=False) as uow:
        s = uow.session
        home = s.get(OrgUnit, uow.home_unit_id)
        s.add(OrgUnit(id="other", unit_id=home.parent_id, kind=UnitKind.CELL, name="Chi bộ khác",
                      parent_id=home.parent_id))
        s.flush()
        for n in range(3):
            s.add(Member(id=f"o{n}", unit_id="other", full_name=f"Người Chi Bộ Khác {n}",
                         status=MemberStatus.PROBATIONARY, admitted_on=now.date() - timedelta(days=300)))
            s.add(MemberEvent(unit_id="other", member_id=f"o{n}", kind=MemberEventKind.ADMITTED,
                              occurred_on=now.date() - timedelta(days=300)))
        for n, (when, state) in enumerate(((now + timedelta(days=1), MeetingState.PLANNED),
                                           (now + timedelta(hours=1) - timedelta(days=1), MeetingState.HELD))):
            s.add(Meeting(id=f"om{n}", unit_id="other", kind=MeetingKind.REGULAR, title=f"Họp chi bộ khác {n}",
                          starts_at=when, state=state))
        s.flush()
        s.add(Resolution(id="or", unit_id="other", meeting_id="om1", number=40, term="2025-2030",
                         issued_on=now.date(), title="NQ chi bộ khác"))
        s.flush()
        s.add(ResolutionItem(unit_id="other", resolution_id="or", position=0, text="Việc chi bộ khác",
                             owner_id="o0", due_on=date(2000, 1, 1)))


def test_the_cells_screens_leave_other_cells_out(demo_workspace):
    before = act(demo_workspace, load_overview)
    roster = act(demo_workspace, members.roster)
    history = act(demo_workspace, meetings.meeting_history)
    _other_cell(demo_workspace)
    after = act(demo_workspace, load_overview)
    assert (after.figures, after.meetings, after.last_meeting, after.next_meeting, after.overdue_tasks,
            after.probation_due) == (before.figures, before.meetings, before.last_meeting, before.next_meeting,
                                     before.overdue_tasks, before.probation_due)
    assert act(demo_workspace, members.roster) == roster
    assert act(demo_workspace, members.member_statistics).figures == roster.figures
    assert act(demo_workspace, meetings.meeting_history) == history
    today = vietnam_now()
    assert not [e for e in act(demo_workspace, meetings.month_calendar, today.year, today.month)
                if e.id.startswith("om")]
    with demo_workspace.session() as s:
        assert s.scalar(select(Resolution.number).where(Resolution.id == "or")) == 40
