"""A meeting's documents: the minutes, the resolution, the invitation, the attendance sheet,
and which meeting to print (`latest_meeting_id`, `meeting_exists`).

They go through the meetings services (`load_minutes`, `attendance_sheet`,
`resolution_of_meeting`, …) so that counts are the ones the screens show. Minutes print what
was saved: an autosaved draft still open in the editor is not part of the record.
"""

from datetime import date, datetime

from sqlalchemy import select

from handbook_desktop.core import meetings as services
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.meetings import MEETING_LABELS, Meeting, MeetingState, Quality
from handbook_desktop.core.meetings import AttendanceStatus as Mark
from handbook_desktop.core.members import Member, MemberStatus
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.docgen.content import (
    Absentee,
    AgendaSection,
    AttendanceSheetData,
    GuestLine,
    InvitationData,
    MinutesData,
    Opinion,
    ResolutionData,
    ResolutionItemLine,
    SheetLine,
    VoteLine,
)
from handbook_desktop.docgen.sources.issuer import cell_signer, issuer_of, report_recipients, signer_of
from handbook_desktop.i18n import _

STANDING = {MemberStatus.OFFICIAL: "Chính thức", MemberStatus.PROBATIONARY: "Dự bị"}


def latest_meeting_id(uow: UnitOfWork, now: datetime | None = None) -> str:
    """The most recent meeting that has begun; before any has, the next one planned."""
    found = latest_meeting_or_none(uow, now)
    if found is None:
        raise UserError(_("Chưa có cuộc họp nào trong dữ liệu này."))
    return found


def latest_meeting_or_none(uow: UnitOfWork, now: datetime | None = None) -> str | None:
    """`latest_meeting_id`, or None in a workspace without meetings."""
    now = now or uow.now()
    live = Meeting.deleted_at.is_(None) & (Meeting.unit_id == uow.cell.unit_id)  # this cell's, of many
    return (uow.session.scalar(select(Meeting.id).where(live, Meeting.starts_at <= now)
                               .order_by(Meeting.starts_at.desc()).limit(1))
            or uow.session.scalar(select(Meeting.id).where(live).order_by(Meeting.starts_at).limit(1)))


def meeting_exists(uow: UnitOfWork, meeting_id: str) -> bool:
    meeting = uow.session.get(Meeting, meeting_id)
    return meeting is not None and meeting.deleted_at is None


def minutes_data(uow: UnitOfWork, meeting_id: str) -> MinutesData:
    minutes = services.load_minutes(uow, meeting_id)
    sheet = services.attendance_sheet(uow, meeting_id)
    detail = minutes.meeting
    resolution = services.resolution_of_meeting(uow, meeting_id)
    issuer = _issuer(uow, meeting_id)
    content = _printed_content(uow, minutes)
    chair, recorder = signer_of(uow, detail.chair_id), signer_of(uow, detail.recorder_id)
    names = _speaker_names(uow.session, minutes, content)
    rows = sheet.rows
    started = (content.started_at or detail.starts_at).astimezone(VIETNAM_TIME)
    return MinutesData(
        issuer=issuer, meeting_id=meeting_id, kind=detail.kind, title=detail.title, day=started.date(),
        started_at=started, ended_at=content.ended_at.astimezone(VIETNAM_TIME) if content.ended_at else None,
        place=detail.place, counts=sheet.counts,
        excused=tuple(r.full_name for r in rows if r.status == Mark.EXCUSED), away=tuple(sheet.away),
        absent_with_reason=tuple(Absentee(r.full_name, r.reason) for r in rows if r.status == Mark.ABSENT_EXCUSED),
        absent_without_reason=tuple(r.full_name for r in rows if r.status == Mark.ABSENT_UNEXCUSED),
        chair=chair, recorder=recorder,
        guests=tuple(GuestLine(g.name, g.title, g.unit_name) for g in minutes.guests),
        agenda=_sections(minutes.agenda, content.speeches, names),
        other_opinions=tuple(Opinion(names.get(_speaker_key(s), ""), s.text) for s in content.speeches
                             if not s.agenda_item_id or s.agenda_item_id not in {a.id for a in minutes.agenda}),
        conclusions=content.conclusions,
        votes=tuple(VoteLine(v.matter, v.agree, v.disagree, v.abstain, sheet.counts.voters) for v in content.votes),
        quality=MEETING_LABELS[Quality(content.quality)] if content.quality else "",
        resolution_symbol=resolution.symbol if resolution else "",
        recipients=report_recipients(issuer))


def _issuer(uow: UnitOfWork, meeting_id: str):
    return issuer_of(uow, uow.session.get(Meeting, meeting_id).unit_id)


def _printed_content(uow, minutes) -> services.MinutesContent:
    """Print the saved record, not an autosaved draft the secretary has not saved."""
    return services.saved_minutes_content(uow, minutes.meeting.id) if minutes.draft_saved_at else minutes.content


def _speaker_key(speech) -> str | None:
    return speech.member_id or speech.guest_id


def _speaker_names(session, minutes, content) -> dict[str, str]:
    names = {s.member_id or s.guest_id: s.name for s in minutes.speakers}
    missing = {s.member_id for s in content.speeches if s.member_id and s.member_id not in names}
    if missing:  # marked absent after speaking: still their words
        names |= dict(session.execute(select(Member.id, Member.full_name).where(Member.id.in_(missing))).all())
    return names


def _sections(agenda, speeches, names) -> tuple[AgendaSection, ...]:
    return tuple(AgendaSection(item.title, item.presenter_name,
                               tuple(Opinion(names.get(_speaker_key(s), ""), s.text) for s in speeches
                                     if s.agenda_item_id == item.id))
                 for item in agenda)


def resolution_data(uow: UnitOfWork, meeting_id: str) -> ResolutionData:
    view = services.resolution_of_meeting(uow, meeting_id)
    if view is None:
        raise UserError(_("Cuộc họp này chưa có nghị quyết; hãy lập nghị quyết trước khi xuất."))
    detail = services.get_meeting(uow, meeting_id)
    counts = services.attendance_counts(uow, meeting_id)
    content = _printed_content(uow, services.load_minutes(uow, meeting_id))
    issuer = _issuer(uow, meeting_id)
    signer, title = cell_signer(uow, detail.chair_id)
    approval = next((VoteLine(v.matter, v.agree, v.disagree, v.abstain, counts.voters) for v in content.votes
                     if view.symbol in v.matter), None)
    return ResolutionData(
        issuer=issuer, meeting_id=meeting_id, number=view.number, symbol=view.symbol, term=view.term,
        issued_on=view.issued_on, title=view.title, meeting_kind=detail.kind,
        meeting_day=detail.starts_at.astimezone(VIETNAM_TIME).date(), meeting_place=detail.place, counts=counts,
        items=tuple(ResolutionItemLine(i.text, i.owner_name, i.due_on) for i in view.items),
        recipients=tuple(view.recipients), signer=signer, signer_title=title, approval=approval)


def invitation_data(uow: UnitOfWork, meeting_id: str, today: date | None = None) -> InvitationData:
    """Letters are dated today, or the meeting's day when printed again afterwards."""
    detail = services.get_meeting(uow, meeting_id)
    agenda = services.agenda(uow, meeting_id)
    invitees = services.invitees(uow, meeting_id)
    issuer = _issuer(uow, meeting_id)
    signer, title = cell_signer(uow, detail.chair_id)
    starts = detail.starts_at.astimezone(VIETNAM_TIME)
    return InvitationData(issuer, meeting_id, detail.title, starts, detail.planned_minutes, detail.place,
                          tuple(item.title for item in agenda),
                          tuple(GuestLine(g.name, g.title, g.unit_name) for g in invitees),
                          min(today or uow.today(), starts.date()), signer, title)


def attendance_sheet_data(uow: UnitOfWork, meeting_id: str) -> AttendanceSheetData:
    """Reads only: a planned meeting's sheet is printed as the roster has it."""
    sheet = services.attendance_sheet(uow, meeting_id)
    detail = services.get_meeting(uow, meeting_id)
    issuer = _issuer(uow, meeting_id)
    chair, recorder = signer_of(uow, detail.chair_id), signer_of(uow, detail.recorder_id)
    held = detail.state != MeetingState.PLANNED
    lines = tuple(SheetLine(row.full_name, STANDING.get(row.standing, ""), _note(row.status, row.reason, held))
                  for row in sheet.rows)
    return AttendanceSheetData(issuer, meeting_id, detail.title, detail.starts_at.astimezone(VIETNAM_TIME),
                               detail.place, held, lines, sheet.counts, chair, recorder)


def _note(status: Mark, reason: str, held: bool) -> str:
    if status == Mark.EXCUSED:
        return "Miễn sinh hoạt"
    if not held or status in (Mark.PRESENT, Mark.PENDING):
        return ""
    if status == Mark.ABSENT_EXCUSED:
        return f"Vắng có lý do: {reason}" if reason else "Vắng có lý do"
    return "Vắng không lý do"
