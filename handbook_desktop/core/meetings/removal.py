"""Deleting a meeting that never took place, and what meetings forbid deleting elsewhere.

A meeting goes with its agenda, sheet, invitees, minutes' speeches and votes, materials and
files, and comes back with them (`core/tombstones.py`). Approved minutes are the cell's
record: an approved meeting stays, and so does one whose resolution has a number.

A member who took part in meetings (marked on a sheet, chair, secretary, speaker, invitee,
task owner) is in the records and may not be deleted; rows on the sheets of planned meetings
only expect them, and go and come back with them. A library document that is a material of
a meeting may not be deleted either: remove it from the meeting first.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.clock import local_day
from handbook_desktop.core.library.models import Document
from handbook_desktop.core.meetings.common import is_locked, live
from handbook_desktop.core.meetings.models import (AgendaItem, Attendance, AttendanceStatus, Guest, Meeting,
                                                   MeetingState, Resolution, ResolutionItem, Speech, Vote)
from handbook_desktop.core.meetings.models_extra import MeetingMaterial
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.members.removal import LEAVING_HINT
from handbook_desktop.core.models import Attachment
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.tombstones import Deleted, Removal, delete
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import N_, _

KIND = "meeting"
PARTS = (AgendaItem, Attendance, Guest, Speech, Vote, MeetingMaterial)  # rows that exist for one meeting
EXPECTING = (AttendanceStatus.PENDING.value, AttendanceStatus.EXCUSED.value)  # sheet rows nobody marked


def meeting_title(meeting: Meeting) -> str:
    return _("{title} (ngày {date})").format(title=meeting.title, date=format_date(local_day(meeting.starts_at)))


def _kept_as_record(session: Session, meeting: Meeting) -> str | None:
    if is_locked(meeting):
        return _("Biên bản cuộc họp “{title}” đã được thông qua: cuộc họp và nghị quyết của nó là hồ sơ của chi bộ, "
                 "không xóa được.").format(title=meeting.title)
    if session.scalar(select(Resolution.id).where(Resolution.meeting_id == meeting.id, live(Resolution))):
        return _("Cuộc họp đã có nghị quyết được cấp số: không xóa được.")
    return None


def _parts(meeting_id: str):
    for model in PARTS:
        yield model, model.meeting_id == meeting_id
    materials = select(MeetingMaterial.id).where(MeetingMaterial.meeting_id == meeting_id)
    yield Attachment, (((Attachment.owner_table == Meeting.__tablename__) & (Attachment.owner_id == meeting_id))
                       | ((Attachment.owner_table == MeetingMaterial.__tablename__)
                          & Attachment.owner_id.in_(materials)))


MEETING_REMOVAL = Removal(
    kind=KIND, model=Meeting, title=meeting_title,
    missing=N_("Không tìm thấy cuộc họp này (có thể đã bị xóa)."),
    dependents=(_parts,), refusals=(_kept_as_record,))


def delete_meeting(uow: UnitOfWork, meeting_id: str) -> Deleted:
    """Take a meeting that never took place off the calendar, with everything it holds."""
    return delete(uow.session, MEETING_REMOVAL, meeting_id, uow.now())


# --- What meetings know of members and documents ------------------------------------------

def member_in_meetings(session: Session, member: Member) -> str | None:
    """Why meetings' records keep this member (None: they only expect them at planned meetings)."""
    marked = session.scalar(
        select(Meeting).join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Attendance.member_id == member.id, live(Attendance), live(Meeting),
               (Attendance.status.not_in(EXPECTING)) | (Meeting.state != MeetingState.PLANNED))
        .order_by(Meeting.starts_at).limit(1))
    named = marked or _named_in(session, member.id)
    if named is None:
        return None
    return _("Không xóa được đồng chí {name}: đồng chí có tên trong cuộc họp “{title}” (điểm danh, chủ trì, thư ký, "
             "phát biểu, khách mời hay nhiệm vụ của nghị quyết), là hồ sơ của chi bộ.").format(
        name=member.full_name, title=meeting_title(named)) + " " + _(LEAVING_HINT)


def _named_in(session: Session, member_id: str) -> Meeting | None:
    meeting_ids = [
        select(Meeting.id).where((Meeting.chair_id == member_id) | (Meeting.recorder_id == member_id)),
        select(AgendaItem.meeting_id).where(AgendaItem.presenter_id == member_id, live(AgendaItem)),
        select(Speech.meeting_id).where(Speech.member_id == member_id, live(Speech)),
        select(Guest.meeting_id).where(Guest.member_id == member_id, live(Guest)),
        select(Resolution.meeting_id).join(ResolutionItem, ResolutionItem.resolution_id == Resolution.id)
        .where(ResolutionItem.owner_id == member_id, live(ResolutionItem), live(Resolution)),
    ]
    for ids in meeting_ids:
        meeting = session.scalar(select(Meeting).where(Meeting.id.in_(ids), live(Meeting))
                                 .order_by(Meeting.starts_at).limit(1))
        if meeting is not None:
            return meeting
    return None


def expected_at_meetings(member_id: str):
    """The member's rows on planned meetings' sheets: they go and come back with the member."""
    yield Attendance, Attendance.member_id == member_id


def document_in_meetings(session: Session, document: Document) -> str | None:
    meeting = session.scalar(
        select(Meeting).join(MeetingMaterial, MeetingMaterial.meeting_id == Meeting.id)
        .where(MeetingMaterial.document_id == document.id, live(MeetingMaterial), live(Meeting))
        .order_by(Meeting.starts_at).limit(1))
    if meeting is None:
        return None
    return _("Văn bản đang là tài liệu của cuộc họp “{title}”: hãy gỡ khỏi tài liệu cuộc họp trước khi xóa.").format(
        title=meeting_title(meeting))
