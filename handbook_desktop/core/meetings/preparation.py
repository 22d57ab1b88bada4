"""Before the meeting: the agenda, materials, invitations and the meeting's readiness."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.library.models import Document
from handbook_desktop.core.meetings.models import AgendaItem, Guest, InvitationState, Meeting, MeetingState, Speech
from handbook_desktop.core.meetings.models_extra import MeetingMaterial
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.members.party_rules import MIN_MEETING_MINUTES
from handbook_desktop.core.members.records import load_member
from handbook_desktop.core.meetings.readiness import MaterialsState, Readiness
from handbook_desktop.core.meetings.common import (
    AttachedFile,
    attach_file,
    attached_files,
    live,
    load_meeting,
    member_names,
    next_position,
    one_line,
    require_aware,
    require_unlocked,
)
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

MATERIALS_AHEAD = timedelta(days=1)  # the 2025 guidance: materials on the app ≥ 1 day before


@dataclass(frozen=True)
class AgendaEntry:
    """One row of the agenda as the form holds it; `id` None for a new row."""

    title: str
    presenter_id: str | None = None
    minutes: int = 0
    id: str | None = None


@dataclass(frozen=True)
class AgendaItemView:
    id: str
    position: int
    title: str
    presenter_id: str | None
    presenter_name: str
    minutes: int


@dataclass(frozen=True)
class AgendaSaved:
    items: list[AgendaItemView]
    warnings: list[str]


def agenda(uow: UnitOfWork, meeting_id: str) -> list[AgendaItemView]:
    session = uow.session
    return agenda_of(session, load_meeting(session, meeting_id).id)


def agenda_of(session: Session, meeting_id: str) -> list[AgendaItemView]:
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, live(AgendaItem))
                                 .order_by(AgendaItem.position, AgendaItem.id)))
    names = member_names(session, {item.presenter_id for item in items})
    return [AgendaItemView(item.id, i, item.title, item.presenter_id, names.get(item.presenter_id, ""), item.minutes)
            for i, item in enumerate(items)]


def set_agenda(uow: UnitOfWork, meeting_id: str, entries: list[AgendaEntry],
               loaded: Collection[str] = ()) -> AgendaSaved:
    """The agenda in its order: rows are updated in place, added, or removed (tombstoned)
    when `loaded` (the items the form showed) has them; an item added on another device
    since the form loaded is not the form's to remove or move: it stays where it was."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    current = {item.id: item for item in session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id, live(AgendaItem)))}
    for position, entry in enumerate(entries):
        _check_entry(session, entry, position)
        item = current.pop(entry.id, None) if entry.id else None
        if item is None:
            item = AgendaItem(unit_id=meeting.unit_id, meeting_id=meeting_id)
            session.add(item)
        item.position, item.title = position, one_line(entry.title)
        item.presenter_id, item.minutes = entry.presenter_id or None, entry.minutes
    _remove_items(session, [item for item_id, item in current.items() if item_id in loaded])
    session.flush()
    items = agenda_of(session, meeting_id)
    total = sum(item.minutes for item in items)
    warnings = [] if total <= meeting.planned_minutes else [_(
        "Tổng thời gian các nội dung ({total} phút) vượt thời lượng dự kiến ({planned} phút).").format(
        total=total, planned=meeting.planned_minutes)]
    return AgendaSaved(items, warnings)


def _check_entry(session: Session, entry: AgendaEntry, position: int) -> None:
    if not entry.title.strip():
        raise ValidationError(_("Nội dung thứ {n} của chương trình chưa có tên.").format(n=position + 1))
    if not 0 <= entry.minutes <= 600:
        raise ValidationError(_("Thời gian của nội dung “{title}” phải từ 0 đến 600 phút.").format(
            title=one_line(entry.title)))
    if entry.presenter_id:
        load_member(session, entry.presenter_id)


def _remove_items(session: Session, items: list[AgendaItem]) -> None:
    now = utcnow()
    for item in items:
        if session.scalar(select(Speech.id).where(Speech.agenda_item_id == item.id, live(Speech)).limit(1)):
            raise ValidationError(_("Nội dung “{title}” đã có ý kiến phát biểu trong biên bản: không bỏ được.")
                                  .format(title=item.title))
        item.deleted_at = now


# Materials ------------------------------------------------------------------------------

@dataclass(frozen=True)
class MaterialView:
    id: str
    title: str
    document_id: str | None  # a document of the library
    document_number: str
    files: list[AttachedFile]  # an attached file (open with attachments.viewable_copy)
    posted_at: datetime
    on_time: bool  # posted at least one day before the meeting


def materials(uow: UnitOfWork, meeting_id: str) -> list[MaterialView]:
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    return [_material_view(session, meeting, row) for row in _materials(session, meeting_id)]


def add_library_material(uow: UnitOfWork, meeting_id: str, document_id: str,
                         now: datetime | None = None) -> MaterialView:
    """A document of the library as material, available to members from `now`."""
    require_aware(now, "now")
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    document = session.get(Document, document_id)
    if document is None or document.deleted_at is not None:
        raise UserError(_("Không tìm thấy văn bản này trong thư viện."))
    row = MeetingMaterial(unit_id=meeting.unit_id, meeting_id=meeting_id, title=document.title,
                            document_id=document_id, posted_at=now or utcnow(),
                            position=next_position(session, MeetingMaterial, meeting_id))
    session.add(row)
    session.flush()
    return _material_view(session, meeting, row)


def add_file_material(uow: UnitOfWork, meeting_id: str, path: Path, title: str = "",
                      now: datetime | None = None) -> MaterialView:
    """A file (any kind) as material; its bytes go to the attachment store."""
    require_aware(now, "now")
    created: list[MeetingMaterial] = []

    def owner(session: Session) -> MeetingMaterial:
        meeting = load_meeting(session, meeting_id)
        row = MeetingMaterial(unit_id=meeting.unit_id, meeting_id=meeting_id,
                                title=one_line(title) or Path(path).stem, posted_at=now or utcnow(),
                                position=next_position(session, MeetingMaterial, meeting_id))
        session.add(row)
        created.append(row)
        return row

    attach_file(uow, Path(path), owner)
    return _material_view(uow.session, load_meeting(uow.session, meeting_id), created[0])


def remove_material(uow: UnitOfWork, material_id: str) -> None:
    session = uow.session
    row = session.get(MeetingMaterial, material_id)
    if row is None or row.deleted_at is not None:
        raise UserError(_("Không tìm thấy tài liệu này (có thể đã bị gỡ)."))
    row.deleted_at = utcnow()


def _materials(session: Session, meeting_id: str) -> list[MeetingMaterial]:
    return list(session.scalars(select(MeetingMaterial).where(
        MeetingMaterial.meeting_id == meeting_id, live(MeetingMaterial))
        .order_by(MeetingMaterial.position, MeetingMaterial.id)))


def _material_view(session: Session, meeting: Meeting, row: MeetingMaterial) -> MaterialView:
    number = session.scalar(select(Document.number).where(Document.id == row.document_id)) or ""
    return MaterialView(row.id, row.title, row.document_id, number, attached_files(session, row), row.posted_at,
                        row.posted_at <= meeting.starts_at - MATERIALS_AHEAD)


# Invitations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class InviteeForm:
    """A guest (name, title, unit) or a member of the roster (`member_id`; name from the roster)."""

    name: str = ""
    title: str = ""
    unit_name: str = ""
    member_id: str | None = None


@dataclass(frozen=True)
class Invitee:
    id: str
    name: str
    title: str
    unit_name: str
    member_id: str | None
    invitation: InvitationState
    invited_at: datetime | None
    attended: bool | None  # None: not recorded


def invitees(uow: UnitOfWork, meeting_id: str) -> list[Invitee]:
    session = uow.session
    return invitees_of(session, load_meeting(session, meeting_id).id)


def invitees_of(session: Session, meeting_id: str) -> list[Invitee]:
    rows = session.scalars(select(Guest).where(Guest.meeting_id == meeting_id, live(Guest))
                           .order_by(Guest.created_at, Guest.id))
    return [_invitee(row) for row in rows]


def add_invitee(uow: UnitOfWork, meeting_id: str, form: InviteeForm) -> Invitee:
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    row = Guest(unit_id=meeting.unit_id, meeting_id=meeting_id, invitation=InvitationState.NOT_SENT)
    _fill_invitee(session, row, form)
    session.add(row)
    session.flush()
    return _invitee(row)


def update_invitee(uow: UnitOfWork, invitee_id: str, form: InviteeForm) -> Invitee:
    session = uow.session
    row = _load_invitee(session, invitee_id)
    _fill_invitee(session, row, form)
    return _invitee(row)


def remove_invitee(uow: UnitOfWork, invitee_id: str) -> None:
    session = uow.session
    row = _load_invitee(session, invitee_id)
    if session.scalar(select(Speech.id).where(Speech.guest_id == invitee_id, live(Speech)).limit(1)):
        raise ValidationError(_("Đồng chí {name} đã phát biểu trong biên bản: không bỏ khỏi danh sách được.")
                              .format(name=row.name))
    row.deleted_at = utcnow()


def set_invitation_state(uow: UnitOfWork, invitee_id: str, state: InvitationState,
                         now: datetime | None = None) -> Invitee:
    require_aware(now, "now")
    session = uow.session
    row = _load_invitee(session, invitee_id)
    row.invitation = InvitationState(state)
    if row.invitation == InvitationState.NOT_SENT:
        row.invited_at = None
    elif row.invited_at is None:
        row.invited_at = now or utcnow()
    return _invitee(row)


def mark_invitations_sent(uow: UnitOfWork, meeting_id: str, now: datetime | None = None) -> int:
    """After the letters went out: every invitee not sent yet is sent. Returns how many changed."""
    require_aware(now, "now")
    session = uow.session
    require_unlocked(load_meeting(session, meeting_id))
    rows = session.scalars(select(Guest).where(Guest.meeting_id == meeting_id, live(Guest),
                                                 Guest.invitation == InvitationState.NOT_SENT)).all()
    for row in rows:
        row.invitation, row.invited_at = InvitationState.SENT, now or utcnow()
    return len(rows)


def set_guest_attended(uow: UnitOfWork, invitee_id: str, attended: bool | None) -> Invitee:
    session = uow.session
    row = _load_invitee(session, invitee_id)
    row.attended = attended
    return _invitee(row)


def _load_invitee(session: Session, invitee_id: str) -> Guest:
    row = session.get(Guest, invitee_id)
    if row is None or row.deleted_at is not None:
        raise UserError(_("Không tìm thấy người được mời này (có thể đã bị bỏ khỏi danh sách)."))
    require_unlocked(load_meeting(session, row.meeting_id))
    return row


def _fill_invitee(session: Session, row: Guest, form: InviteeForm) -> None:
    name = one_line(form.name)
    if form.member_id:
        name = name or load_member(session, form.member_id).full_name
    if not name:
        raise ValidationError(_("Hãy ghi họ tên người được mời."))
    row.name, row.title, row.unit_name = name[:200], one_line(form.title)[:200], one_line(form.unit_name)[:200]
    row.member_id = form.member_id or None


def _invitee(row: Guest) -> Invitee:
    return Invitee(row.id, row.name, row.title, row.unit_name, row.member_id,
                   InvitationState(row.invitation or InvitationState.NOT_SENT), row.invited_at, row.attended)


# Readiness ------------------------------------------------------------------------------

def meeting_readiness(uow: UnitOfWork, meeting_id: str, now: datetime) -> Readiness:
    require_aware(now, "now")
    session = uow.session
    return _readiness(session, load_meeting(session, meeting_id), now)


def next_meeting_readiness(uow: UnitOfWork, now: datetime) -> Readiness | None:
    """The home page's glance: the next meeting not held yet (or today's), with its readiness."""
    require_aware(now, "now")
    today = now.astimezone(VIETNAM_TIME).replace(hour=0, minute=0, second=0, microsecond=0)
    session = uow.session
    meeting = session.scalar(select(Meeting).where(live(Meeting), Meeting.unit_id == uow.cell.unit_id,
                                                     Meeting.starts_at >= today,
                                                     Meeting.state == MeetingState.PLANNED)
                             .order_by(Meeting.starts_at).limit(1))
    return None if meeting is None else _readiness(session, meeting, now)


def _readiness(session: Session, meeting: Meeting, now: datetime) -> Readiness:
    items = agenda_of(session, meeting.id)
    rows = [_material_view(session, meeting, row) for row in _materials(session, meeting.id)]
    guests = invitees_of(session, meeting.id)
    deadline = meeting.starts_at - MATERIALS_AHEAD
    on_time = sum(1 for row in rows if row.on_time)
    state = (MaterialsState.READY if rows and on_time == len(rows)
             else MaterialsState.WAITING if now < deadline else MaterialsState.LATE)
    days_left = (meeting.starts_at.astimezone(VIETNAM_TIME).date() - now.astimezone(VIETNAM_TIME).date()).days
    return Readiness(meeting.id, meeting.title, meeting.starts_at, days_left, len(items), len(rows), on_time,
                     deadline, state, len(guests),
                     sum(1 for g in guests if g.invitation != InvitationState.NOT_SENT),
                     _warnings(meeting, items))


def _warnings(meeting: Meeting, items: list[AgendaItemView]) -> list[str]:
    warnings = []
    if meeting.planned_minutes < MIN_MEETING_MINUTES:
        warnings.append(_("Thời lượng dự kiến {minutes} phút, ngắn hơn {least} phút theo hướng dẫn về sinh "
                          "hoạt chi bộ.").format(minutes=meeting.planned_minutes, least=MIN_MEETING_MINUTES))
    if not items:
        warnings.append(_("Chưa có chương trình (nội dung) cuộc họp."))
    if not meeting.chair_id:
        warnings.append(_("Chưa chọn đồng chí chủ trì."))
    if not meeting.recorder_id:
        warnings.append(_("Chưa chọn đồng chí thư ký."))
    return warnings

