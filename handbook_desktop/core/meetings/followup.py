"""Tasks of a resolution followed up at the next meeting (kiểm điểm việc thực hiện nghị quyết)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import Meeting, Resolution, ResolutionItem
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import local_day
from handbook_desktop.core.meetings.common import live, load_meeting, member_names
from handbook_desktop.core.meetings.resolutions import issuer_code, symbol
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


@dataclass(frozen=True)
class FollowUpTask:
    item_id: str
    resolution_id: str
    resolution_symbol: str  # 10-NQ/CB
    text: str
    owner_id: str | None
    owner_name: str
    due_on: date | None
    done_on: date | None
    overdue: bool  # not done and due before the day it is looked at


def follow_up_tasks(uow: UnitOfWork, meeting_id: str) -> list[FollowUpTask]:
    """The tasks (items with an owner or a deadline) of the resolution of the meeting before
    this one, for its agenda; overdue as of this meeting's day."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    previous = session.scalar(
        select(Resolution).join(Meeting, Meeting.id == Resolution.meeting_id)
        .where(live(Resolution), live(Meeting), Meeting.unit_id == meeting.unit_id,
               Meeting.starts_at < meeting.starts_at)
        .order_by(Meeting.starts_at.desc(), Resolution.issued_on.desc()).limit(1))
    return _tasks(session, previous, local_day(meeting.starts_at)) if previous else []


def latest_resolution_tasks(uow: UnitOfWork, today: date) -> list[FollowUpTask]:
    """The home page's list: tasks of the latest resolution, overdue as of today."""
    session = uow.session
    latest = session.scalar(select(Resolution).where(live(Resolution), Resolution.unit_id == uow.cell.unit_id)
                            .order_by(Resolution.issued_on.desc(), Resolution.number.desc()).limit(1))
    return _tasks(session, latest, today) if latest else []


def set_task_done(uow: UnitOfWork, item_id: str, done_on: date | None) -> None:
    """Record that a task was carried out (None: not done after all)."""
    session = uow.session
    item = session.get(ResolutionItem, item_id)
    if item is None or item.deleted_at is not None:
        raise UserError(_("Không tìm thấy nhiệm vụ này trong nghị quyết."))
    resolution = session.get(Resolution, item.resolution_id)
    if done_on is not None and done_on < resolution.issued_on:
        raise ValidationError(_("Ngày hoàn thành phải từ ngày ban hành nghị quyết trở đi."))
    item.done_on = done_on


def _tasks(session: Session, resolution: Resolution, as_of: date) -> list[FollowUpTask]:
    items = list(session.scalars(select(ResolutionItem).where(
        ResolutionItem.resolution_id == resolution.id, live(ResolutionItem),
        (ResolutionItem.owner_id.is_not(None)) | (ResolutionItem.due_on.is_not(None)))
        .order_by(ResolutionItem.position, ResolutionItem.id)))
    names = member_names(session, {item.owner_id for item in items})
    shown = symbol(resolution.number, issuer=issuer_code(session, resolution.unit_id))
    return [FollowUpTask(item.id, resolution.id, shown, item.text, item.owner_id, names.get(item.owner_id, ""),
                         item.due_on, item.done_on, item.done_on is None and item.due_on is not None
                         and item.due_on < as_of) for item in items]
