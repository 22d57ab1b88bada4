"""What the home screen shows: one glance at the cell's state."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core import models as m
from handbook_desktop.core.party_rules import probation_ends
from handbook_desktop.core.workspace import HOME_UNIT, IS_DEMO, Workspace

REMIND_AHEAD = timedelta(days=60)


@dataclass(frozen=True)
class LastMeeting:
    title: str
    starts_at: datetime
    state: m.MeetingState
    present: int
    expected: int


@dataclass(frozen=True)
class Overview:
    unit_path: list[str]  # from the cell up to the highest known unit
    is_demo: bool
    member_counts: dict[m.MemberStatus, int]
    documents: int
    articles: int
    meetings: int
    last_meeting: LastMeeting | None
    probation_due: list[tuple[str, date]]
    outbox_pending: int
    last_sync_at: datetime | None


def load_overview(workspace: Workspace, today: date) -> Overview:
    with workspace.session() as s:
        unit_id = _fact(s, HOME_UNIT)
        return Overview(
            unit_path=_unit_path(s, unit_id),
            is_demo=_fact(s, IS_DEMO) == "1",
            member_counts=_member_counts(s),
            documents=_count(s, m.Document),
            articles=_count(s, m.Article),
            meetings=_count(s, m.Meeting),
            last_meeting=_last_meeting(s),
            probation_due=_probation_due(s, today),
            outbox_pending=s.scalar(select(func.count()).select_from(m.OutboxEntry)),
            last_sync_at=s.scalar(select(func.max(m.SyncCursor.last_sync_at))),
        )


def _fact(s: Session, key: str) -> str | None:
    return s.scalar(select(m.WorkspaceFact.value).where(m.WorkspaceFact.key == key))


def _count(s: Session, model) -> int:
    return s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def _unit_path(s: Session, unit_id: str | None) -> list[str]:
    names = []
    while unit_id:
        unit = s.get(m.OrgUnit, unit_id)
        if unit is None:
            break
        names.append(unit.name)
        unit_id = unit.parent_id
    return names


def _member_counts(s: Session) -> dict[m.MemberStatus, int]:
    rows = s.execute(select(m.Member.status, func.count()).where(m.Member.deleted_at.is_(None))
                     .group_by(m.Member.status))
    return {m.MemberStatus(status): count for status, count in rows}


def _last_meeting(s: Session) -> LastMeeting | None:
    meeting = s.scalar(select(m.Meeting).where(m.Meeting.deleted_at.is_(None))
                       .order_by(m.Meeting.starts_at.desc()).limit(1))
    if meeting is None:
        return None
    statuses = list(s.scalars(select(m.Attendance.status).where(m.Attendance.meeting_id == meeting.id)))
    present = statuses.count(m.AttendanceStatus.PRESENT)
    expected = sum(1 for st in statuses if st != m.AttendanceStatus.EXCUSED)
    return LastMeeting(meeting.title, meeting.starts_at, m.MeetingState(meeting.state), present, expected)


def _probation_due(s: Session, today: date) -> list[tuple[str, date]]:
    """Probationary members whose 12 months end within the reminder window (or are past)."""
    rows = s.execute(select(m.Member.full_name, m.Member.admitted_on)
                     .where(m.Member.status == m.MemberStatus.PROBATIONARY, m.Member.deleted_at.is_(None),
                            m.Member.admitted_on.is_not(None)))
    due = [(name, probation_ends(admitted)) for name, admitted in rows]
    return sorted((item for item in due if item[1] <= today + REMIND_AHEAD), key=lambda item: item[1])
