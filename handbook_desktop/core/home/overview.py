"""What the home screen shows: one glance at the cell's state."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core.backup_schedule import days_without_safe_backup
from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.meetings import (Readiness, attendance_counts, latest_resolution_tasks,
                                            next_meeting_readiness)
from handbook_desktop.core.meetings.models import Meeting, MeetingState
from handbook_desktop.core.members import CellFigures, ProbationDue, cell_figures, probation_due
from handbook_desktop.core.models import OPEN_STATES, OutboxEntry, SyncCursor
from handbook_desktop.core.org import unit_path
from handbook_desktop.core.workspace import UnitOfWork


@dataclass(frozen=True)
class LastMeeting:
    title: str
    starts_at: datetime
    state: MeetingState
    present: int
    expected: int


@dataclass(frozen=True)
class OverdueTask:
    """A task of the latest resolution past its deadline and not done."""

    text: str
    owner_name: str
    due_on: date
    days_overdue: int
    resolution_symbol: str


@dataclass(frozen=True)
class Overview:
    unit_path: list[str]  # from the cell up to the highest known unit
    is_demo: bool
    figures: CellFigures  # the cell today
    documents: int
    articles: int
    meetings: int
    last_meeting: LastMeeting | None  # the latest meeting held (a planned one has no attendance yet)
    next_meeting: Readiness | None  # the next planned meeting (or today's): how ready it is
    overdue_tasks: list[OverdueTask]
    probation_due: list[ProbationDue]
    outbox_pending: int
    last_sync_at: datetime | None
    days_without_safe_backup: int | None = None  # set once a month passed without a backup on another drive


def load_overview(uow: UnitOfWork, today: date | None = None) -> Overview:
    """Every figure of the home page and the status bar, read in one unit of work."""
    s = uow.session
    now = uow.now() if today is None else datetime.combine(today, uow.now().time(), VIETNAM_TIME)
    return Overview(
        unit_path=unit_path(uow),
        is_demo=uow.cell.is_demo,
        figures=cell_figures(uow, today),
        documents=_count(s, Document),
        articles=_count(s, Article),
        meetings=s.scalar(select(func.count()).select_from(Meeting).where(live(Meeting),
                                                                          Meeting.unit_id == uow.cell.unit_id)),
        last_meeting=_last_meeting(uow),
        next_meeting=next_meeting_readiness(uow, now),
        overdue_tasks=_overdue_tasks(uow, now.date()),
        probation_due=probation_due(uow, today),
        outbox_pending=s.scalar(select(func.count()).select_from(OutboxEntry)
                                .where(OutboxEntry.state.in_(OPEN_STATES))),
        last_sync_at=s.scalar(select(func.max(SyncCursor.last_sync_at))),
        days_without_safe_backup=None if uow.cell.is_demo else days_without_safe_backup(uow.data_dir, now.date()),
    )


def _count(s: Session, model) -> int:
    return s.scalar(select(func.count()).select_from(model).where(live(model)))


def live(model):
    return model.deleted_at.is_(None)


def _last_meeting(uow: UnitOfWork) -> LastMeeting | None:
    """Counted as its minutes count it, by the attendance rules."""
    held = select(Meeting).where(live(Meeting), Meeting.state != MeetingState.PLANNED,
                                 Meeting.unit_id == uow.cell.unit_id)
    meeting = uow.session.scalar(held.order_by(Meeting.starts_at.desc()).limit(1))
    if meeting is None:
        return None
    counts = attendance_counts(uow, meeting.id)
    return LastMeeting(meeting.title, meeting.starts_at, MeetingState(meeting.state), counts.present, counts.expected)


def _overdue_tasks(uow: UnitOfWork, today: date) -> list[OverdueTask]:
    return [OverdueTask(task.text, task.owner_name, task.due_on, (today - task.due_on).days, task.resolution_symbol)
            for task in latest_resolution_tasks(uow, today) if task.overdue]
