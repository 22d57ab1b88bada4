"""All meetings of the cell: a filtered, searchable history and attendance over time."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core.meetings.models import AgendaItem, Attendance, Meeting, MeetingKind, MeetingState, Resolution, Speech
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core.clock import local_day
from handbook_desktop.core.meetings.common import day_start, is_locked, live
from handbook_desktop.core.meetings.resolutions import issuer_code, symbol
from handbook_desktop.core.text.folding import TOKEN, fold
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import UnitOfWork


@dataclass(frozen=True)
class HistoryQuery:
    text: str = ""  # a phrase (tones optional) of the title, place, agenda, conclusions, opinions or number
    kinds: frozenset[MeetingKind] = frozenset()  # empty: every kind
    states: frozenset[MeetingState] = frozenset()
    year: int | None = None
    since: date | None = None  # days in Vietnam, both ends included
    until: date | None = None


@dataclass(frozen=True)
class MeetingSummary:
    id: str
    kind: MeetingKind
    title: str
    starts_at: datetime
    day: date
    place: str
    state: MeetingState
    locked: bool
    present: int
    expected: int
    resolution_symbol: str  # "" when none

    @property
    def rate(self) -> float:
        return self.present / self.expected if self.expected else 0.0


def meeting_history(uow: UnitOfWork, query: HistoryQuery = HistoryQuery()) -> list[MeetingSummary]:
    """Newest first. A cell meets about monthly, so filtering in Python over all rows is cheap."""
    session = uow.session
    meetings = [x for x in _meetings(session, uow.cell.unit_id, query.since, query.until)
                if (not query.kinds or x.kind in query.kinds) and (not query.states or x.state in query.states)
                and (query.year is None or local_day(x.starts_at).year == query.year)]
    counts = _attendance_counts(session)
    symbols = _symbols(session)
    words = _words(query.text)
    texts = _texts(session) if words else {}
    return [MeetingSummary(x.id, MeetingKind(x.kind), x.title, x.starts_at, local_day(x.starts_at), x.place,
                           MeetingState(x.state), is_locked(x), *counts.get(x.id, (0, 0)), symbols.get(x.id, ""))
            for x in reversed(meetings)
            if _matches(words, [x.title, x.place, x.conclusions, symbols.get(x.id, ""), *texts.get(x.id, [])])]


def _meetings(session: Session, unit_id: str | None, since: date | None, until: date | None) -> list[Meeting]:
    query = select(Meeting).where(live(Meeting), Meeting.unit_id == unit_id).order_by(Meeting.starts_at)
    if since:
        query = query.where(Meeting.starts_at >= day_start(since))
    if until:
        query = query.where(Meeting.starts_at < day_start(date.fromordinal(until.toordinal() + 1)))
    return list(session.scalars(query))


def _attendance_counts(session: Session) -> dict[str, tuple[int, int]]:
    """meeting id → (present, expected), as in meeting_attendance.count_attendance."""
    rows = session.execute(select(Attendance.meeting_id, Attendance.status, func.count())
                           .where(live(Attendance)).group_by(Attendance.meeting_id, Attendance.status))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for meeting_id, status, n in rows:
        counts[meeting_id][0] += n if status == Mark.PRESENT else 0
        counts[meeting_id][1] += n if status != Mark.EXCUSED else 0
    return {key: (present, expected) for key, (present, expected) in counts.items()}


def _symbols(session: Session) -> dict[str, str]:
    rows = session.scalars(select(Resolution).where(live(Resolution)))
    return {row.meeting_id: symbol(row.number, issuer=issuer_code(session, row.unit_id)) for row in rows}


def _texts(session: Session) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = defaultdict(list)
    for model, column in ((AgendaItem, AgendaItem.title), (Speech, Speech.text)):
        for meeting_id, text in session.execute(select(model.meeting_id, column).where(live(model))):
            texts[meeting_id].append(text)
    return texts


def _words(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


def _matches(words: list[str], texts: list[str]) -> bool:
    """The words in a row in one of the texts, the last one perhaps unfinished; tones, case and
    đ ignored ("366-qđ" finds "Quy định số 366-QĐ/TW"). Long minutes would match any loose
    set of short words ("đi", "chức"), so the order of the words counts."""
    if not words:
        return True
    needle = " " + " ".join(words)
    return any(needle in " " + " ".join(_words(text)) for text in texts)


@dataclass(frozen=True)
class ChartMeeting:
    id: str
    day: date
    title: str


@dataclass(frozen=True)
class MemberAttendanceLine:
    member_id: str
    full_name: str
    statuses: list[Mark | None]  # one per chart meeting; None: not on that meeting's sheet
    present: int
    expected: int  # meetings on whose sheet the member was, excused ones left out

    @property
    def rate(self) -> float:
        return self.present / self.expected if self.expected else 0.0


@dataclass(frozen=True)
class AttendanceChart:
    meetings: list[ChartMeeting]  # oldest first: the x axis
    members: list[MemberAttendanceLine]  # Vietnamese name order


def attendance_chart(uow: UnitOfWork, since: date | None = None, until: date | None = None,
                     member_ids: frozenset[str] = frozenset()) -> AttendanceChart:
    """Each member's attendance at each meeting of the period (empty `member_ids`: everyone)."""
    session = uow.session
    meetings = _meetings(session, uow.cell.unit_id, since, until)
    column = {x.id: i for i, x in enumerate(meetings)}
    rows = session.execute(select(Attendance.meeting_id, Attendance.status, Member.id, Member.full_name)
                           .join(Member, Member.id == Attendance.member_id)
                           .where(live(Attendance), Attendance.meeting_id.in_(column)))
    lines: dict[str, tuple[str, list[Mark | None]]] = {}
    for meeting_id, status, member_id, name in rows:
        if member_ids and member_id not in member_ids:
            continue
        lines.setdefault(member_id, (name, [None] * len(meetings)))[1][column[meeting_id]] = Mark(status)
    members = [MemberAttendanceLine(member_id, name, statuses, statuses.count(Mark.PRESENT),
                                    sum(1 for s in statuses if s is not None and s != Mark.EXCUSED))
               for member_id, (name, statuses) in lines.items()]
    return AttendanceChart([ChartMeeting(x.id, local_day(x.starts_at), x.title) for x in meetings],
                           sorted(members, key=lambda line: name_sort_key(line.full_name)))
