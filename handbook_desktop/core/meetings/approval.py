"""After the meeting: approving (locking) the minutes, checking them, addenda, evaluation.

Approval locks the minutes and records the SHA-256 of their content: the canonical JSON of
the meeting's header, agenda, attendance (with each member's standing, frozen now), guests,
speeches and votes — ids and stored text, not names, so correcting a member's name in the
roster later does not make approved minutes look altered. Addenda and the secretary's
evaluation are not part of the minutes and stay possible after approval.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import AgendaItem, Attendance, AttendanceStatus, Guest, Meeting, MeetingState, Speech, Vote
from handbook_desktop.core.meetings.models_extra import MinutesAddendum
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.meetings.attendance import sheet_rows
from handbook_desktop.core.clock import local_day
from handbook_desktop.core.meetings.common import (
    is_locked,
    live,
    load_meeting,
    next_position,
    require_aware,
    require_unlocked,
)
from handbook_desktop.core.meetings.minutes import AddendumView, apply_content, require_current_draft
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


@dataclass(frozen=True)
class Approval:
    locked_at: datetime
    content_hash: str
    warnings: list[str]


def approve_minutes(uow: UnitOfWork, meeting_id: str, now: datetime | None = None) -> Approval:
    """Lock the minutes as they stand (an autosaved draft first becomes the minutes)."""
    require_aware(now, "now")
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    draft = require_current_draft(session, meeting)
    warnings = apply_content(session, meeting, draft) if draft else []
    session.flush()
    _check_complete(session, meeting)
    _freeze_standing(session, meeting)
    session.flush()
    meeting.content_hash = minutes_hash(session, meeting)
    meeting.state, meeting.locked_at = MeetingState.APPROVED, now or utcnow()
    return Approval(meeting.locked_at, meeting.content_hash, warnings)


def _check_complete(session: Session, meeting: Meeting) -> None:
    if not meeting.chair_id or not meeting.recorder_id:
        raise ValidationError(_("Chưa ghi đồng chí chủ trì và thư ký: chưa thông qua biên bản được."))
    if meeting.ends_at is None:
        raise ValidationError(_("Chưa ghi giờ kết thúc buổi sinh hoạt: chưa thông qua biên bản được."))
    pending = sum(1 for row in sheet_rows(session, meeting) if row.status == AttendanceStatus.PENDING)
    if pending:
        raise ValidationError(_("Còn {n} đồng chí chưa điểm danh: chưa thông qua biên bản được.").format(n=pending))


def _freeze_standing(session: Session, meeting: Meeting) -> None:
    standing = {row.member_id: row.standing.value for row in sheet_rows(session, meeting)}
    for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id, live(Attendance))):
        if row.standing != standing[row.member_id]:
            row.standing = standing[row.member_id]


def verify_minutes(uow: UnitOfWork, meeting_id: str) -> bool | None:
    """Whether approved minutes still hash as approved; None when there is no recorded hash."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    if not meeting.content_hash:
        return None
    return minutes_hash(session, meeting) == meeting.content_hash


def minutes_hash(session: Session, meeting: Meeting) -> str:
    text = json.dumps(minutes_record(session, meeting), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def minutes_record(session: Session, meeting: Meeting) -> dict[str, Any]:
    """The approved content, in a canonical form (the input of the hash)."""
    def rows(model, *order):
        return session.scalars(select(model).where(model.meeting_id == meeting.id, live(model)).order_by(*order))

    return {
        "meeting": [meeting.id, str(meeting.kind), meeting.title, _utc(meeting.starts_at), _utc(meeting.started_at),
                    _utc(meeting.ends_at), meeting.planned_minutes, meeting.place, meeting.chair_id,
                    meeting.recorder_id, str(meeting.quality) if meeting.quality else None, meeting.conclusions],
        "agenda": [[a.id, a.position, a.title, a.presenter_id, a.minutes]
                   for a in rows(AgendaItem, AgendaItem.position, AgendaItem.id)],
        "attendance": [[a.member_id, str(a.status), a.reason, a.standing]
                       for a in rows(Attendance, Attendance.member_id)],
        "guests": [[g.id, g.name, g.title, g.unit_name, g.member_id, g.attended] for g in rows(Guest, Guest.id)],
        "speeches": [[s.id, s.position, s.agenda_item_id, s.member_id, s.guest_id, s.text]
                     for s in rows(Speech, Speech.position, Speech.id)],
        "votes": [[v.id, v.position, v.matter, v.agree, v.disagree, v.abstain]
                  for v in rows(Vote, Vote.position, Vote.id)],
    }


def _utc(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat() if moment else None


def add_addendum(uow: UnitOfWork, meeting_id: str, text: str, made_on: date) -> AddendumView:
    """A correction or supplement to approved minutes (phụ lục biên bản); the minutes stay as approved."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Hãy ghi nội dung đính chính, bổ sung."))
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    if not is_locked(meeting):
        raise ValidationError(_("Biên bản chưa được thông qua: hãy sửa trực tiếp trong biên bản."))
    if made_on < local_day(meeting.starts_at):
        raise ValidationError(_("Ngày lập phụ lục phải từ ngày họp trở đi."))
    row = MinutesAddendum(unit_id=meeting.unit_id, meeting_id=meeting_id, made_on=made_on, text=text,
                            position=next_position(session, MinutesAddendum, meeting_id))
    session.add(row)
    session.flush()
    return AddendumView(row.id, row.position, row.made_on, row.text)


def save_evaluation(uow: UnitOfWork, meeting_id: str, text: str, now: datetime | None = None) -> None:
    """The secretary's evaluation of the meeting, written afterwards (allowed after approval)."""
    require_aware(now, "now")
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    if meeting.state == MeetingState.PLANNED:
        raise ValidationError(_("Cuộc họp chưa diễn ra: hãy lưu biên bản trước khi đánh giá."))
    meeting.evaluation = text.strip()
    meeting.evaluated_at = (now or utcnow()) if meeting.evaluation else None
