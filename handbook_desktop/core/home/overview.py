"""Reads what the home screen shows (glance.py) in one unit of work."""

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core.backup_schedule import days_without_safe_backup
from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.home.glance import LastMeeting, OverdueTask, Overview
from handbook_desktop.core.home.snapshot import DAYS_KEPT, Snapshot, days_from, generation_in
from handbook_desktop.core.library import continue_reading
from handbook_desktop.core.meetings import (attendance_counts, latest_resolution_tasks,
                                            next_meeting_readiness)
from handbook_desktop.core.meetings.models import Meeting, MeetingState
from handbook_desktop.core.members import cell_figures, probation_due
from handbook_desktop.core.models import OPEN_STATES, OutboxEntry, SyncCursor
from handbook_desktop.core.org import unit_path
from handbook_desktop.core.workspace import UnitOfWork


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


def take_snapshot(uow: UnitOfWork, today: date, days: int = DAYS_KEPT) -> Snapshot:
    """The figures of `today` and the days after it, with the generation they were read at
    (one transaction: a write between the two would be in neither or both)."""
    return Snapshot(generation_in(uow.session.connection()),
                    {day: load_overview(uow, day) for day in days_from(today)[:days]},
                    continue_reading(uow))


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
