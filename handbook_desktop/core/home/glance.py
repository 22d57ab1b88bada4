"""What the home screen shows, as plain data: overview.py reads it through the ORM, snapshot.py
keeps it for the next start, the home page and the status bar show it."""

from dataclasses import dataclass
from datetime import date, datetime

from handbook_desktop.core.meetings.codes import MeetingState
from handbook_desktop.core.meetings.readiness import Readiness
from handbook_desktop.core.members.tally import CellFigures, ProbationDue


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
