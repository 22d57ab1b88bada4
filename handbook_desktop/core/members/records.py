"""A member's record: reading it, and adding or correcting it from the member form.

Adding a member records the events its dates already tell (admission, made official,
transfer in). Correcting a date moves the event that recorded it; the status itself changes
only through `events.change_status`.
"""

from dataclasses import asdict, dataclass, field, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.members.values import MEMBER_FIELDS, Problem, check_record, clean_values, combine
from handbook_desktop.core.text.folding import fold
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


@dataclass(frozen=True)
class MemberRow:
    """One member as the roster and the detail page show it."""

    id: str
    full_name: str
    birth_date: date | None
    sex: str
    ethnicity: str
    religion: str
    hometown: str
    address: str
    education: str
    specialist_level: str
    theory_level: str
    occupation: str
    admitted_on: date | None
    official_on: date | None
    card_number: str
    status: MemberStatus
    phone: str
    notes: str


def row_of(member: Member) -> MemberRow:
    return MemberRow(**{f.name: getattr(member, f.name) for f in fields(MemberRow)})


def get_member(uow: UnitOfWork, member_id: str) -> MemberRow:
    return row_of(load_member(uow.session, member_id))


def load_member(session: Session, member_id: str) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is not None:
        raise ValidationError(_("Không tìm thấy đảng viên này trong danh sách (có thể đã bị xóa)."))
    return member


@dataclass(frozen=True)
class MemberForm:
    """Every field of the member record as the form holds it; dates as typed (dd/mm/yyyy) or dates.

    `transferred_in_on` is read only when a member is added: the day they joined the cell
    from another one. Status is not a field: it follows from the dates, then from events.
    """

    full_name: str = ""
    birth_date: str | date | None = None
    sex: str = ""
    ethnicity: str = ""
    religion: str = ""
    hometown: str = ""
    address: str = ""
    education: str = ""
    specialist_level: str = ""
    theory_level: str = ""
    occupation: str = ""
    admitted_on: str | date | None = None
    official_on: str | date | None = None
    card_number: str = ""
    phone: str = ""
    notes: str = ""
    transferred_in_on: str | date | None = None


@dataclass(frozen=True)
class SaveResult:
    member_id: str
    warnings: list[Problem] = field(default_factory=list)


class MemberInvalid(ValidationError):
    """The form breaks a rule; `problems` holds each one with its field (warnings too)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.message for p in problems if p.is_error))
        self.problems = problems


def check_member(uow: UnitOfWork, form: MemberForm, *, member_id: str | None = None,
                 today: date | None = None) -> list[Problem]:
    """Every problem of the form (errors and warnings), duplicates included, for live feedback."""
    existing = load_member(uow.session, member_id) if member_id else None
    return _collect(uow.session, form, existing, today or uow.today())[1]


def create_member(uow: UnitOfWork, form: MemberForm, *, today: date | None = None) -> SaveResult:
    """Add a member to the home cell with the events the dates tell: admission, official, transfer in."""
    unit_id, session = uow.home_unit_id, uow.session
    values, problems = _problems(session, form, None, today or uow.today())
    member = Member(unit_id=unit_id, status=_initial_status(values), **{name: values[name] for name in MEMBER_FIELDS})
    session.add(member)
    session.flush()
    session.add_all(initial_events(member, values.get("transferred_in_on")))
    return SaveResult(member.id, [p for p in problems if not p.is_error])


def update_member(uow: UnitOfWork, member_id: str, form: MemberForm, *,
                  today: date | None = None) -> SaveResult:
    """Correct the record's fields; only the fields that differ are written (and synced)."""
    member = load_member(uow.session, member_id)
    values, problems = _problems(uow.session, form, member, today or uow.today())
    _move_events(uow.session, member, values)
    for name in MEMBER_FIELDS:
        if getattr(member, name) != values[name]:
            setattr(member, name, values[name])
    return SaveResult(member.id, [p for p in problems if not p.is_error])


def _problems(session: Session, form: MemberForm, existing: Member | None,
              today: date) -> tuple[dict, list[Problem]]:
    """Cleaned values and every problem; raises MemberInvalid when one of them is an error."""
    values, problems = _collect(session, form, existing, today)
    if any(p.is_error for p in problems):
        raise MemberInvalid(problems)
    return values, problems


def _collect(session: Session, form: MemberForm, existing: Member | None,
             today: date) -> tuple[dict, list[Problem]]:
    raw = asdict(form)
    if existing is not None:
        raw.pop("transferred_in_on")
    values, reading = clean_values(raw, today)
    status = existing.status if existing is not None else _initial_status(values)
    problems = combine(reading, check_record(values, today, status))
    if existing is not None and existing.status == MemberStatus.PROBATIONARY and values["official_on"]:
        problems.append(Problem("official_on", _("Đồng chí đang là đảng viên dự bị: hãy ghi việc công nhận "
                                                 "chính thức bằng “Thay đổi tình trạng”.")))
    problems += _duplicate_problems(session, values, existing.id if existing else None)
    return values, problems


def _initial_status(values: dict) -> MemberStatus:
    return MemberStatus.OFFICIAL if values.get("official_on") else MemberStatus.PROBATIONARY


def initial_events(member: Member, transferred_in_on: date | None = None,
                   extra: list[tuple[MemberEventKind, date, str]] = ()) -> list[MemberEvent]:
    """The dated steps a new record already carries, oldest first."""
    steps = [(MemberEventKind.ADMITTED, member.admitted_on, ""),
             (MemberEventKind.MADE_OFFICIAL, member.official_on, ""),
             (MemberEventKind.TRANSFERRED_IN, transferred_in_on, ""), *extra]
    return [MemberEvent(unit_id=member.unit_id, member_id=member.id, kind=kind, occurred_on=on, reason=reason)
            for kind, on, reason in sorted((s for s in steps if s[1]), key=lambda s: s[1])]


def find_duplicate(session: Session, full_name: str, birth_date: date | None, card_number: str,
                   exclude_id: str | None = None) -> Member | None:
    """A member with the same card number, or the same name (tones ignored) and birth date."""
    query = select(Member).where(Member.deleted_at.is_(None))
    if exclude_id:
        query = query.where(Member.id != exclude_id)
    if card_number:
        same_card = session.scalar(query.where(Member.card_number == card_number).limit(1))
        if same_card:
            return same_card
    if birth_date is None:
        return None
    folded = " ".join(fold(full_name).split())
    return next((member for member in session.scalars(query.where(Member.birth_date == birth_date))
                 if " ".join(fold(member.full_name).split()) == folded), None)


def _duplicate_problems(session: Session, values: dict, exclude_id: str | None) -> list[Problem]:
    other = find_duplicate(session, values["full_name"], values["birth_date"], values["card_number"], exclude_id)
    if other is None:
        return []
    if values["card_number"] and other.card_number == values["card_number"]:
        return [Problem("card_number", _("Số thẻ đảng viên {card} đã thuộc đồng chí {name}.").format(
            card=values["card_number"], name=other.full_name))]
    return [Problem("full_name", _("Đã có đồng chí {name} sinh ngày {date} trong danh sách.").format(
        name=other.full_name, date=format_date(other.birth_date)))]


def _move_events(session: Session, member: Member, values: dict) -> None:
    """A corrected admission or official date moves the event that recorded the old one."""
    for name, kind in (("admitted_on", MemberEventKind.ADMITTED), ("official_on", MemberEventKind.MADE_OFFICIAL)):
        old, new = getattr(member, name), values[name]
        if old and new and old != new:
            for event in session.scalars(select(MemberEvent).where(
                    MemberEvent.member_id == member.id, MemberEvent.kind == kind,
                    MemberEvent.occurred_on == old, MemberEvent.deleted_at.is_(None))):
                event.occurred_on = new
