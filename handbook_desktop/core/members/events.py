"""Status changes as dated events: the timeline, the rules' gate, and the probation reminder."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.text.dates import read_date
from handbook_desktop.core.members.rules import MemberState, event_label, refusal, status_after
from handbook_desktop.core.members.values import date_problem_message
from handbook_desktop.core.members.party_rules import probation_ends
from handbook_desktop.core.members.records import MemberRow, load_member, row_of
from handbook_desktop.core.members.tally import ProbationDue
from handbook_desktop.core.text.sort import sort_key
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

REMIND_AHEAD = timedelta(days=60)  # the home page's reminder window for probation


@dataclass(frozen=True)
class TimelineEntry:
    event_id: str
    kind: MemberEventKind
    occurred_on: date
    reason: str

    @property
    def label(self) -> str:
        return event_label(self.kind)


def member_timeline(uow: UnitOfWork, member_id: str) -> list[TimelineEntry]:
    """The member's history, oldest first."""
    load_member(uow.session, member_id)
    return [TimelineEntry(e.id, MemberEventKind(e.kind), e.occurred_on, e.reason)
            for e in _events(uow.session, member_id)]


def _events(session: Session, member_id: str) -> list[MemberEvent]:
    return list(session.scalars(select(MemberEvent).where(
        MemberEvent.member_id == member_id, MemberEvent.deleted_at.is_(None))
        .order_by(MemberEvent.occurred_on, MemberEvent.created_at, MemberEvent.id)))


def member_state(session: Session, member: Member) -> MemberState:
    last = session.scalar(select(func.max(MemberEvent.occurred_on)).where(
        MemberEvent.member_id == member.id, MemberEvent.deleted_at.is_(None)))
    return MemberState(member.full_name, MemberStatus(member.status), member.admitted_on, member.official_on, last)


def change_status(uow: UnitOfWork, member_id: str, kind: MemberEventKind, on: date | str,
                  reason: str = "", *, today: date | None = None) -> MemberRow:
    """Record a dated event and the status it leaves; refuse what cannot be."""
    member, day = _allowed_event(uow, member_id, kind, on, reason, today)
    apply_event(uow.session, member, kind, day, reason)
    return row_of(member)


def status_change_refusal(uow: UnitOfWork, member_id: str, kind: MemberEventKind, on: date | str,
                          reason: str = "", *, today: date | None = None) -> str | None:
    """Why `change_status` would refuse the event (translated), or None; writes nothing.

    The status dialog asks first, so a refusal shows beside its fields at once."""
    try:
        _allowed_event(uow, member_id, kind, on, reason, today)
    except ValidationError as exc:
        return exc.message
    return None


def _allowed_event(uow: UnitOfWork, member_id: str, kind: MemberEventKind, on: date | str, reason: str,
                   today: date | None) -> tuple[Member, date]:
    today = today or uow.today()
    day = _event_day(on, today)
    member = load_member(uow.session, member_id)
    problem = refusal(kind, member_state(uow.session, member), day, reason, today)
    if problem:
        raise ValidationError(problem)
    return member, day


def apply_event(session: Session, member: Member, kind: MemberEventKind, on: date, reason: str) -> None:
    """The event row and its effect on the record (rules already checked)."""
    member.status = status_after(kind, member_state(session, member))
    if kind == MemberEventKind.MADE_OFFICIAL:
        member.official_on = on
    elif kind == MemberEventKind.ADMITTED:  # re-admission: a new probation starts
        member.admitted_on, member.official_on = on, None
    session.add(MemberEvent(unit_id=member.unit_id, member_id=member.id, kind=kind, occurred_on=on,
                              reason=" ".join(reason.split())))


def _event_day(on: date | str, today: date) -> date:
    reading = read_date(on, today=today)
    if not reading.ok:
        raise ValidationError(date_problem_message("occurred_on", on, reading.problem))
    if reading.value is None:
        raise ValidationError(_("Hãy ghi ngày của sự kiện (dd/mm/yyyy)."))
    return reading.value


def probation_due(uow: UnitOfWork, today: date | None = None, *,
                  within: timedelta = REMIND_AHEAD) -> list[ProbationDue]:
    """Probationary members whose 12 months end within `within` of today (or already ended)."""
    today = today or uow.today()
    rows = uow.session.execute(select(Member.id, Member.full_name, Member.admitted_on).where(
        Member.status == MemberStatus.PROBATIONARY, Member.deleted_at.is_(None), Member.unit_id == uow.cell.unit_id,
        Member.admitted_on.is_not(None))).all()
    due = [ProbationDue(id_, name, admitted, probation_ends(admitted), (probation_ends(admitted) - today).days)
           for id_, name, admitted in rows]
    return sorted((d for d in due if d.due_on <= today + within), key=lambda d: (d.due_on, sort_key(d.full_name)))
