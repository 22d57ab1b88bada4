"""Planning meetings: create and correct one, the month calendar, next month's proposal."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import Meeting, MeetingKind, MeetingState
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME, local_day
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.members.party_rules import MIN_MEETING_MINUTES
from handbook_desktop.core.meetings.attendance import EXPECTED, sync_sheet
from handbook_desktop.core.members.records import load_member
from handbook_desktop.core.meetings.common import (
    is_locked,
    live,
    load_meeting,
    member_names,
    month_bounds,
    one_line,
    require_aware,
    require_unlocked,
)
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import N_, _

MAX_MINUTES = 12 * 60
DEFAULT_TIME = time(19, 30)  # residential cells meet in the evening (the demo cell too)
WEEKDAYS = (N_("thứ Hai"), N_("thứ Ba"), N_("thứ Tư"), N_("thứ Năm"), N_("thứ Sáu"), N_("thứ Bảy"),
            N_("Chủ nhật"))


@dataclass(frozen=True)
class MeetingForm:
    """The fields of the meeting form. `starts_at` is aware; an empty title is made from kind and date."""

    kind: MeetingKind = MeetingKind.REGULAR
    starts_at: datetime | None = None
    planned_minutes: int = MIN_MEETING_MINUTES
    place: str = ""
    chair_id: str | None = None
    recorder_id: str | None = None
    title: str = ""


@dataclass(frozen=True)
class MeetingSaved:
    id: str
    warnings: list[str]  # saved anyway; show them (e.g. shorter than 90 minutes)


@dataclass(frozen=True)
class MeetingDetail:
    id: str
    kind: MeetingKind
    title: str
    starts_at: datetime  # scheduled, aware (UTC); show with formatting.format_datetime
    planned_minutes: int
    place: str
    chair_id: str | None
    chair_name: str
    recorder_id: str | None
    recorder_name: str
    state: MeetingState
    started_at: datetime | None  # as the minutes record it
    ends_at: datetime | None
    locked: bool  # minutes approved: read-only, corrections by addenda
    locked_at: datetime | None
    content_hash: str | None  # SHA-256 of the approved minutes
    evaluation: str  # the secretary's, after the meeting
    evaluated_at: datetime | None


@dataclass(frozen=True)
class CalendarEntry:
    id: str
    day: date  # in Vietnam
    starts_at: datetime
    title: str
    kind: MeetingKind
    state: MeetingState
    locked: bool


@dataclass(frozen=True)
class ProposedMeeting:
    form: MeetingForm
    pattern: str  # how the date was chosen, for the user: "ngày 20 hằng tháng"
    based_on: str | None  # the meeting whose pattern, place and people were copied


def default_title(kind: MeetingKind, day: date) -> str:
    """Titles are Party paperwork: Vietnamese whatever the interface language."""
    if kind == MeetingKind.REGULAR:
        return f"Sinh hoạt chi bộ thường kỳ tháng {day.month} năm {day.year}"
    if kind == MeetingKind.THEMATIC:
        return f"Sinh hoạt chuyên đề tháng {day.month} năm {day.year}"
    return f"Họp chi bộ bất thường ngày {format_date(day)}"


def create_meeting(uow: UnitOfWork, form: MeetingForm) -> MeetingSaved:
    """A planned meeting with its attendance sheet (every member expected, excused ones apart)."""
    session = uow.session
    unit_id = uow.home_unit_id
    warnings = _check(session, form, unit_id, None)
    meeting = Meeting(unit_id=unit_id, state=MeetingState.PLANNED)
    _apply(meeting, form)
    session.add(meeting)
    session.flush()
    sync_sheet(session, meeting)
    return MeetingSaved(meeting.id, warnings)


def update_meeting(uow: UnitOfWork, meeting_id: str, form: MeetingForm) -> MeetingSaved:
    session = uow.session
    meeting = load_meeting(session, meeting_id)
    require_unlocked(meeting)
    warnings = _check(session, form, meeting.unit_id, meeting_id)
    _apply(meeting, form)
    sync_sheet(session, meeting)  # a new date may change who is expected
    return MeetingSaved(meeting.id, warnings)


def get_meeting(uow: UnitOfWork, meeting_id: str) -> MeetingDetail:
    session = uow.session
    return detail_of(session, load_meeting(session, meeting_id))


def detail_of(session: Session, meeting: Meeting) -> MeetingDetail:
    names = member_names(session, {meeting.chair_id, meeting.recorder_id})
    return MeetingDetail(
        id=meeting.id, kind=MeetingKind(meeting.kind), title=meeting.title, starts_at=meeting.starts_at,
        planned_minutes=meeting.planned_minutes, place=meeting.place, chair_id=meeting.chair_id,
        chair_name=names.get(meeting.chair_id, ""), recorder_id=meeting.recorder_id,
        recorder_name=names.get(meeting.recorder_id, ""), state=MeetingState(meeting.state),
        started_at=meeting.started_at, ends_at=meeting.ends_at, locked=is_locked(meeting), locked_at=meeting.locked_at,
        content_hash=meeting.content_hash, evaluation=meeting.evaluation, evaluated_at=meeting.evaluated_at)


def month_calendar(uow: UnitOfWork, year: int, month: int) -> list[CalendarEntry]:
    """The cell's meetings whose day (in Vietnam) falls in the month, in time order."""
    start, end = month_bounds(year, month)
    session = uow.session
    meetings = session.scalars(select(Meeting).where(live(Meeting), Meeting.unit_id == uow.cell.unit_id,
                                                      Meeting.starts_at >= start,
                                                      Meeting.starts_at < end).order_by(Meeting.starts_at))
    return [CalendarEntry(x.id, local_day(x.starts_at), x.starts_at, x.title, MeetingKind(x.kind),
                          MeetingState(x.state), is_locked(x)) for x in meetings]


def _check(session: Session, form: MeetingForm, unit_id: str, meeting_id: str | None) -> list[str]:
    """Refuse what cannot be a meeting; return what is allowed but worth a second look."""
    if form.starts_at is None:
        raise ValidationError(_("Hãy chọn ngày và giờ họp."))
    require_aware(form.starts_at, "starts_at")
    if not 0 < form.planned_minutes <= MAX_MINUTES:
        raise ValidationError(_("Thời lượng dự kiến phải từ 1 đến {most} phút.").format(most=MAX_MINUTES))
    for member_id, role in ((form.chair_id, _("Chủ trì")), (form.recorder_id, _("Thư ký"))):
        member = load_member(session, member_id) if member_id else None
        if member is not None and member.status not in EXPECTED:
            raise ValidationError(_("{role}: đồng chí {name} hiện không sinh hoạt tại chi bộ.").format(
                role=role, name=member.full_name))
    warnings = []
    if form.planned_minutes < MIN_MEETING_MINUTES:
        warnings.append(_("Thời lượng dự kiến {minutes} phút, ngắn hơn {least} phút theo hướng dẫn về sinh "
                          "hoạt chi bộ.").format(minutes=form.planned_minutes, least=MIN_MEETING_MINUTES))
    if form.chair_id and form.chair_id == form.recorder_id:
        warnings.append(_("Chủ trì và thư ký là cùng một đồng chí."))
    day = local_day(form.starts_at)
    start, end = month_bounds(day.year, day.month)
    others = session.scalars(select(Meeting).where(live(Meeting), Meeting.id != (meeting_id or ""),
                                                     Meeting.unit_id == unit_id,
                                                     Meeting.starts_at >= start, Meeting.starts_at < end))
    regular = None
    for other in others:
        if local_day(other.starts_at) == day:
            warnings.append(_("Ngày {day} đã có cuộc họp “{title}”.").format(day=format_date(day), title=other.title))
        elif form.kind == MeetingKind.REGULAR and other.kind == MeetingKind.REGULAR:
            regular = regular or other
    if regular is not None:
        warnings.append(_("Tháng {month}/{year} đã có cuộc họp thường kỳ “{title}”.").format(
            month=day.month, year=day.year, title=regular.title))
    return warnings


def _apply(meeting: Meeting, form: MeetingForm) -> None:
    meeting.kind = MeetingKind(form.kind)
    meeting.starts_at = form.starts_at
    meeting.planned_minutes = form.planned_minutes
    meeting.place = one_line(form.place)
    meeting.chair_id, meeting.recorder_id = form.chair_id or None, form.recorder_id or None
    meeting.title = one_line(form.title) or default_title(meeting.kind, local_day(form.starts_at))


def propose_next_regular(uow: UnitOfWork, today: date) -> ProposedMeeting:
    """Next month's regular meeting on the pattern of the last ones (same day of the month,
    or the same weekday of the same week), at the same hour, place, chair and recorder; the
    cell's recorded secretary chairs when the last meeting names no chair.

    "Next month" is the month after the latest regular meeting, moved on until it is not
    in the past. Without any regular meeting, the same day next month at 19:30.
    """
    session = uow.session
    last_two = list(session.scalars(select(Meeting).where(live(Meeting), Meeting.kind == MeetingKind.REGULAR,
                                                          Meeting.unit_id == uow.cell.unit_id)
                                    .order_by(Meeting.starts_at.desc()).limit(2)))
    if not last_two:
        first = _add_months(today.replace(day=1), 1)
        day = first.replace(day=min(today.day, calendar.monthrange(first.year, first.month)[1]))
        when = datetime.combine(day, DEFAULT_TIME, VIETNAM_TIME)
        return ProposedMeeting(MeetingForm(starts_at=when, title=default_title(MeetingKind.REGULAR, day),
                                           chair_id=uow.cell.secretary_id),
                               _("chưa có cuộc họp thường kỳ nào để theo"), None)
    last = last_two[0]
    days = [local_day(x.starts_at) for x in reversed(last_two)]
    pattern = meeting_pattern(days)
    month = _add_months(days[-1].replace(day=1), 1)
    while pattern.day_in(month.year, month.month) < today:
        month = _add_months(month, 1)
    day = pattern.day_in(month.year, month.month)
    when = datetime.combine(day, last.starts_at.astimezone(VIETNAM_TIME).time(), VIETNAM_TIME)
    form = MeetingForm(kind=MeetingKind.REGULAR, starts_at=when,
                       planned_minutes=max(last.planned_minutes, MIN_MEETING_MINUTES), place=last.place,
                       chair_id=last.chair_id or uow.cell.secretary_id, recorder_id=last.recorder_id,
                       title=default_title(MeetingKind.REGULAR, day))
    return ProposedMeeting(form, pattern.describe(), last.id)


@dataclass(frozen=True)
class MonthlyPattern:
    """A day of the month (`weekday` None), or the `week`-th `weekday` (week 0: the last one)."""

    day: int = 1
    weekday: int | None = None
    week: int = 1

    def day_in(self, year: int, month: int) -> date:
        length = calendar.monthrange(year, month)[1]
        if self.weekday is None:
            return date(year, month, min(self.day, length))
        days = [date(year, month, d) for d in range(1, length + 1) if date(year, month, d).weekday() == self.weekday]
        return days[-1] if self.week == 0 else days[min(self.week, len(days)) - 1]

    def describe(self) -> str:
        if self.weekday is None:
            return _("ngày {day} hằng tháng").format(day=self.day)
        if self.week == 0:
            return _("{weekday} cuối cùng của tháng").format(weekday=_(WEEKDAYS[self.weekday]))
        return _("{weekday} tuần thứ {week} hằng tháng").format(weekday=_(WEEKDAYS[self.weekday]), week=self.week)


def meeting_pattern(days: list[date]) -> MonthlyPattern:
    """The pattern the last (one or two) meeting days follow; the day of the month by default."""
    last = days[-1]
    by_day = MonthlyPattern(day=last.day)
    if len(days) < 2 or days[-2].day == last.day or days[-2].weekday() != last.weekday():
        return by_day
    nth = (last.day - 1) // 7 + 1
    in_last_week = last.day + 7 > calendar.monthrange(last.year, last.month)[1]
    for week in (0, nth) if in_last_week else (nth,):  # "the last Friday" reads better than "the 5th"
        pattern = MonthlyPattern(weekday=last.weekday(), week=week)
        if all(pattern.day_in(d.year, d.month) == d for d in days):
            return pattern
    return by_day


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


__all__ = ["CalendarEntry", "MeetingDetail", "MeetingForm", "MeetingSaved", "MonthlyPattern", "ProposedMeeting",
           "create_meeting", "default_title", "delete_meeting", "detail_of", "get_meeting", "meeting_pattern",
           "month_calendar", "propose_next_regular", "update_meeting"]
