"""What the home screen shows: one glance at the cell's state."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingState
from handbook_desktop.core.models import OutboxEntry, SyncCursor, WorkspaceFact
from handbook_desktop.core.org.models import OrgUnit
from handbook_desktop.core.members.events import ProbationDue, probation_due
from handbook_desktop.core.members.roster import StatusCounts, status_counts
from handbook_desktop.core.workspace import HOME_UNIT, IS_DEMO, Workspace



@dataclass(frozen=True)
class LastMeeting:
    title: str
    starts_at: datetime
    state: MeetingState
    present: int
    expected: int


@dataclass(frozen=True)
class Overview:
    unit_path: list[str]  # from the cell up to the highest known unit
    is_demo: bool
    member_counts: StatusCounts
    documents: int
    articles: int
    meetings: int
    last_meeting: LastMeeting | None
    probation_due: list[ProbationDue]
    outbox_pending: int
    last_sync_at: datetime | None


def load_overview(workspace: Workspace, today: date) -> Overview:
    counts, due = status_counts(workspace), probation_due(workspace, today)
    with workspace.session() as s:
        unit_id = _fact(s, HOME_UNIT)
        return Overview(
            unit_path=_unit_path(s, unit_id),
            is_demo=_fact(s, IS_DEMO) == "1",
            member_counts=counts,
            documents=_count(s, Document),
            articles=_count(s, Article),
            meetings=_count(s, Meeting),
            last_meeting=_last_meeting(s),
            probation_due=due,
            outbox_pending=s.scalar(select(func.count()).select_from(OutboxEntry)),
            last_sync_at=s.scalar(select(func.max(SyncCursor.last_sync_at))),
        )


def _fact(s: Session, key: str) -> str | None:
    return s.scalar(select(WorkspaceFact.value).where(WorkspaceFact.key == key))


def _count(s: Session, model) -> int:
    return s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def _unit_path(s: Session, unit_id: str | None) -> list[str]:
    names = []
    while unit_id:
        unit = s.get(OrgUnit, unit_id)
        if unit is None:
            break
        names.append(unit.name)
        unit_id = unit.parent_id
    return names


def _last_meeting(s: Session) -> LastMeeting | None:
    meeting = s.scalar(select(Meeting).where(Meeting.deleted_at.is_(None))
                       .order_by(Meeting.starts_at.desc()).limit(1))
    if meeting is None:
        return None
    statuses = list(s.scalars(select(Attendance.status).where(Attendance.meeting_id == meeting.id)))
    present = statuses.count(AttendanceStatus.PRESENT)
    expected = sum(1 for st in statuses if st != AttendanceStatus.EXCUSED)
    return LastMeeting(meeting.title, meeting.starts_at, MeetingState(meeting.state), present, expected)
