"""The minutes editor: what it shows, autosave, and saving the minutes as rows.

Autosave (`save_minutes_draft`) writes the editor's whole state as one JSON row of a
local table, in one short transaction: cheap enough every few seconds, and crash-safe —
SQLite's WAL keeps every committed draft through a killed process; a power cut may lose
the last commits (synchronous=NORMAL) but never leaves a torn row. `save_minutes` turns
the content into the syncable rows (speeches, votes, times, conclusions) that go to the
outbox, and drops the draft. Opening the minutes prefers a draft left behind — that is
the recovery after a crash.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import AgendaItem, AttendanceStatus, Guest, Meeting, MeetingState, Quality, Speech, Vote
from handbook_desktop.core.meetings.models_extra import MinutesAddendum, MinutesDraft
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.members.party_rules import MIN_MEETING_MINUTES
from handbook_desktop.core.meetings.attendance import AttendanceCounts, counts_of, sheet_rows, sync_sheet
from handbook_desktop.core.meetings.common import (is_locked, live, load_meeting, one_line, require_aware,
                                                   require_unlocked, tombstone_removed)
from handbook_desktop.core.meetings.preparation import AgendaItemView, Invitee, agenda_of, invitees_of
from handbook_desktop.core.meetings.schedule import MeetingDetail, detail_of
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


@dataclass(frozen=True)
class SpeechDraft:
    """One opinion: under an agenda item, by a member present or a guest (or neither)."""

    text: str
    agenda_item_id: str | None = None
    member_id: str | None = None
    guest_id: str | None = None
    id: str | None = None  # None: not saved as a row yet


@dataclass(frozen=True)
class VoteDraft:
    matter: str
    agree: int = 0
    disagree: int = 0
    abstain: int = 0
    id: str | None = None

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.abstain


@dataclass(frozen=True)
class MinutesContent:
    """Everything the minutes editor edits; also the autosaved draft."""

    started_at: datetime | None = None  # aware
    ended_at: datetime | None = None
    conclusions: str = ""
    quality: Quality | None = None
    speeches: tuple[SpeechDraft, ...] = ()
    votes: tuple[VoteDraft, ...] = ()
    loaded: tuple[str, ...] = ()  # ids of the speech and vote rows the editor started from
    base: str = ""  # `saved_hash` of the saved minutes the editor started from ("": unknown)


@dataclass(frozen=True)
class Speaker:
    member_id: str | None
    guest_id: str | None
    name: str
    is_guest: bool


@dataclass(frozen=True)
class AddendumView:
    id: str
    position: int
    made_on: date
    text: str


@dataclass(frozen=True)
class Minutes:
    meeting: MeetingDetail
    agenda: list[AgendaItemView]
    attendance: AttendanceCounts  # attendance.voters: the total each vote must not exceed
    speakers: list[Speaker]  # members present, then guests not marked absent
    guests: list[Invitee]  # đại biểu dự: invitees from outside the roster not marked absent
    content: MinutesContent
    draft_saved_at: datetime | None  # set: an autosaved draft not saved yet (`content`, or `stale_draft`)
    addenda: list[AddendumView]
    # A draft made before the minutes were changed on another device: `content` is the saved
    # minutes, this the draft (rebased on them) for the secretary to keep or drop.
    stale_draft: MinutesContent | None = None


@dataclass(frozen=True)
class VoteCheck:
    error: str | None  # the vote cannot be saved so
    warning: str | None  # it can, but fewer votes than members entitled


@dataclass(frozen=True)
class MinutesSaved:
    warnings: list[str]


def check_vote(vote: VoteDraft, voters: int) -> VoteCheck:
    """Totals against the official members present (probationary members do not vote)."""
    matter = one_line(vote.matter)
    if min(vote.agree, vote.disagree, vote.abstain) < 0:
        return VoteCheck(_("Biểu quyết “{matter}”: số phiếu không được âm.").format(matter=matter), None)
    if vote.total > voters:
        return VoteCheck(_("Biểu quyết “{matter}”: tổng {total} ý kiến nhiều hơn số đảng viên chính thức có mặt "
                           "({voters}).").format(matter=matter, total=vote.total, voters=voters), None)
    if vote.total < voters:
        return VoteCheck(None, _("Biểu quyết “{matter}”: {total}/{voters} đảng viên chính thức có mặt biểu quyết.")
                         .format(matter=matter, total=vote.total, voters=voters))
    return VoteCheck(None, None)


def percent(part: int, whole: int) -> float:
    """Share of `whole` in percent, one decimal (22/24 → 91.7); 0.0 when `whole` is 0."""
    return round(100 * part / whole, 1) if whole else 0.0


def load_minutes(uow: UnitOfWork, meeting_id: str) -> Minutes:
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    saved = content_of(session, meeting)
    draft = None if is_locked(meeting) else session.get(MinutesDraft, meeting_id)  # approved elsewhere: gone
    recovered = content_from_json(draft.payload) if draft else None
    stale = recovered is not None and _behind(recovered, saved)
    content = recovered if recovered is not None and not stale else saved
    guests = [g for g in invitees_of(session, meeting_id) if g.attended is not False]
    sheet = sheet_rows(session, meeting)
    on_sheet = {row.member_id for row in sheet}  # an invited member of the cell speaks as a member
    speakers = ([Speaker(row.member_id, None, row.full_name, False) for row in sheet
                 if row.status == AttendanceStatus.PRESENT]
                + [Speaker(None, g.id, g.name, True) for g in guests if g.member_id not in on_sheet])
    return Minutes(detail_of(session, meeting), agenda_of(session, meeting_id), counts_of(session, meeting),
                   speakers, [g for g in guests if not g.member_id], content,
                   draft.saved_at if draft else None, addenda_of(session, meeting_id),
                   replace(recovered, base=saved.base) if stale else None)


def _behind(draft: MinutesContent, saved: MinutesContent) -> bool:
    return bool(draft.base) and draft.base != saved.base


def require_current_draft(session: Session, meeting: Meeting) -> MinutesContent | None:
    """The meeting's autosaved draft, refused when the minutes changed elsewhere since it
    was made (the secretary must choose in the editor first)."""
    draft = session.get(MinutesDraft, meeting.id)
    if draft is None:
        return None
    content = content_from_json(draft.payload)
    if _behind(content, content_of(session, meeting)):
        raise ValidationError(_("Biên bản đã được sửa trên máy khác sau bản nháp chưa lưu trên máy này: hãy mở "
                                "tab Biên bản để chọn giữ bản nào trước khi thông qua."))
    return content


def saved_minutes_content(uow: UnitOfWork, meeting_id: str) -> MinutesContent:
    """The minutes as saved (the rows), leaving aside an autosaved draft: what documents print."""
    return content_of(uow.session, load_meeting(uow.session, meeting_id))


def save_minutes_draft(uow: UnitOfWork, meeting_id: str, content: MinutesContent) -> datetime:
    """Autosave: one row, its own short unit of work (call it first in it); returns the time
    saved. Never validates."""
    now, payload = utcnow(), content_to_json(content)
    session = uow.session
    # Write first, check after (a refusal rolls it back): a transaction that starts by
    # writing takes SQLite's write lock at once, waiting for a sync or another window if
    # need be, instead of failing later on a snapshot another connection made stale.
    session.execute(insert(MinutesDraft).values(meeting_id=meeting_id, saved_at=now, payload=payload)
                    .on_conflict_do_update(index_elements=["meeting_id"], set_={"saved_at": now, "payload": payload}))
    require_unlocked(load_meeting(session, meeting_id))
    return now


def discard_minutes_draft(uow: UnitOfWork, meeting_id: str) -> None:
    """Drop an autosaved draft the secretary does not want to keep."""
    session = uow.session
    session.execute(delete(MinutesDraft).where(MinutesDraft.meeting_id == meeting_id))


def save_minutes(uow: UnitOfWork, meeting_id: str, content: MinutesContent) -> MinutesSaved:
    """The minutes as rows (they sync); the meeting counts as held from now on."""
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    return MinutesSaved(apply_content(session, meeting, content))


def apply_content(session: Session, meeting: Meeting, content: MinutesContent) -> list[str]:
    """Write `content` into the meeting's rows and drop its draft; returns warnings."""
    warnings = _times(meeting, content)
    meeting.conclusions = content.conclusions.strip()
    meeting.quality = Quality(content.quality) if content.quality else None
    _speeches(session, meeting, content.speeches, set(content.loaded))
    warnings += _votes(session, meeting, content.votes, set(content.loaded))
    if meeting.state == MeetingState.PLANNED:
        sync_sheet(session, meeting)  # the sheet becomes the meeting's record: store it as it stands
        meeting.state = MeetingState.HELD
    session.execute(delete(MinutesDraft).where(MinutesDraft.meeting_id == meeting.id))
    return warnings


def _times(meeting: Meeting, content: MinutesContent) -> list[str]:
    require_aware(content.started_at, "started_at")
    require_aware(content.ended_at, "ended_at")
    start = content.started_at or meeting.starts_at
    if content.ended_at is not None and content.ended_at <= start:
        raise ValidationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    meeting.started_at, meeting.ends_at = content.started_at, content.ended_at
    if content.ended_at is None:
        return []
    minutes = int((content.ended_at - start).total_seconds() // 60)
    if minutes >= MIN_MEETING_MINUTES:
        return []
    return [_("Buổi sinh hoạt kéo dài {minutes} phút, ngắn hơn {least} phút theo hướng dẫn.").format(
        minutes=minutes, least=MIN_MEETING_MINUTES)]


def _speeches(session: Session, meeting: Meeting, drafts: tuple[SpeechDraft, ...], loaded: set[str]) -> None:
    present = {row.member_id for row in sheet_rows(session, meeting) if row.status == AttendanceStatus.PRESENT}
    guests = set(session.scalars(select(Guest.id).where(Guest.meeting_id == meeting.id, live(Guest))))
    items = set(session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                                              live(AgendaItem))))
    rows = {row.id: row for row in session.scalars(select(Speech).where(Speech.meeting_id == meeting.id,
                                                                          live(Speech)))}
    kept = [draft for draft in drafts if draft.text.strip()]  # an empty box left open is not an opinion
    for position, draft in enumerate(kept):
        if draft.member_id and draft.member_id not in present:
            raise ValidationError(_("Ý kiến thứ {n}: người phát biểu không có mặt theo danh sách điểm danh; "
                                    "hãy điểm danh trước.").format(n=position + 1))
        if (draft.guest_id and draft.guest_id not in guests) or (draft.agenda_item_id and draft.agenda_item_id
                                                                  not in items):
            raise ValidationError(_("Ý kiến thứ {n}: đại biểu hoặc nội dung không còn trong cuộc họp.").format(
                n=position + 1))
        row = rows.pop(draft.id, None) if draft.id else None
        if row is None:
            row = Speech(unit_id=meeting.unit_id, meeting_id=meeting.id)
            session.add(row)
        row.position, row.text, row.agenda_item_id = position, draft.text.strip(), draft.agenda_item_id or None
        row.member_id, row.guest_id = draft.member_id or None, draft.guest_id or None
    tombstone_removed(rows, loaded)


def _votes(session: Session, meeting: Meeting, drafts: tuple[VoteDraft, ...], loaded: set[str]) -> list[str]:
    voters = counts_of(session, meeting).voters
    rows = {row.id: row for row in session.scalars(select(Vote).where(Vote.meeting_id == meeting.id,
                                                                        live(Vote)))}
    warnings = []
    kept = [draft for draft in drafts if one_line(draft.matter) or draft.total]  # an untouched new row
    for position, draft in enumerate(kept):
        if not one_line(draft.matter):
            raise ValidationError(_("Biểu quyết thứ {n}: hãy ghi nội dung biểu quyết.").format(n=position + 1))
        check = check_vote(draft, voters)
        if check.error:
            raise ValidationError(check.error)
        warnings += [check.warning] if check.warning else []
        row = rows.pop(draft.id, None) if draft.id else None
        if row is None:
            row = Vote(unit_id=meeting.unit_id, meeting_id=meeting.id)
            session.add(row)
        row.position, row.matter = position, one_line(draft.matter)
        row.agree, row.disagree, row.abstain = draft.agree, draft.disagree, draft.abstain
    tombstone_removed(rows, loaded)
    return warnings


def content_of(session: Session, meeting: Meeting) -> MinutesContent:
    speeches = session.scalars(select(Speech).where(Speech.meeting_id == meeting.id, live(Speech))
                               .order_by(Speech.position, Speech.id))
    votes = session.scalars(select(Vote).where(Vote.meeting_id == meeting.id, live(Vote))
                            .order_by(Vote.position, Vote.id))
    content = MinutesContent(
        started_at=meeting.started_at, ended_at=meeting.ends_at, conclusions=meeting.conclusions,
        quality=Quality(meeting.quality) if meeting.quality else None,
        speeches=tuple(SpeechDraft(s.text, s.agenda_item_id, s.member_id, s.guest_id, s.id) for s in speeches),
        votes=tuple(VoteDraft(v.matter, v.agree, v.disagree, v.abstain, v.id) for v in votes))
    loaded = tuple(row.id for row in (*content.speeches, *content.votes))
    return replace(content, loaded=loaded, base=saved_hash(content))


def saved_hash(content: MinutesContent) -> str:
    """A fingerprint of saved minutes: a draft made from other minutes carries another one."""
    data = content_to_json(content)
    del data["loaded"], data["base"]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def addenda_of(session: Session, meeting_id: str) -> list[AddendumView]:
    rows = session.scalars(select(MinutesAddendum).where(MinutesAddendum.meeting_id == meeting_id,
                                                           live(MinutesAddendum))
                           .order_by(MinutesAddendum.position, MinutesAddendum.id))
    return [AddendumView(row.id, row.position, row.made_on, row.text) for row in rows]


def content_to_json(content: MinutesContent) -> dict[str, Any]:
    data = asdict(content)
    for key in ("started_at", "ended_at"):
        data[key] = content.__dict__[key].astimezone(UTC).isoformat() if content.__dict__[key] else None
    data["quality"] = content.quality.value if content.quality else None
    return data


def content_from_json(data: dict[str, Any]) -> MinutesContent:
    def moment(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    return MinutesContent(
        started_at=moment(data.get("started_at")), ended_at=moment(data.get("ended_at")),
        conclusions=data.get("conclusions", ""),
        quality=Quality(data["quality"]) if data.get("quality") else None,
        speeches=tuple(SpeechDraft(**speech) for speech in data.get("speeches", ())),
        votes=tuple(VoteDraft(**vote) for vote in data.get("votes", ())),
        loaded=tuple(data.get("loaded", ())), base=data.get("base", ""))
