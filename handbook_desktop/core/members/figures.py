"""The cell's figures: one definition for every screen and document (FORMATS.md).

- **Tổng số đảng viên** (total) = official + probationary members whose membership (sinh
  hoạt chính thức) is in this cell. Members excused from activities (miễn công tác và sinh
  hoạt đảng) are still official or probationary members and are inside the total; they are
  listed separately and not expected at meetings.
- Members who hold their membership here but attend elsewhere for a while (đi sinh hoạt tạm
  thời nơi khác) stay in the total and are not expected. (Members of another cell attending
  here for a while are not in the total; the register has no status for them yet.)
- **Phải dự** (expected) = total − excused − away. Present and absent are counted against
  the expected; attendance rate = present ÷ expected; votes are cast by official members
  present (probationary members take part but do not vote).
- Official or probationary is membership, not activity: a member is official on a day when
  made official on or before it, whatever else they are (an excused member admitted fifty
  years ago is official).
- Every figure is "as of" a day: the roster as it stood then, replayed from the dated status
  events. A member admitted or arrived after the day, or transferred out, deceased or gone
  before it, is not counted.

Replaying the events: admission puts a member in the cell (on probation); a transfer in
that does not follow a transfer out or temporary activity elsewhere is an arrival, so the
member was elsewhere before it (admitted or made official in another organisation); excused
and temporary change what the member does in the cell; transfer out, death and leaving end
membership here. After the last event the record's own status holds, so a status typed into
a roster without a date (an imported "miễn sinh hoạt") counts from then on.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.members.models import Member, MemberEvent
from handbook_desktop.core.members.models import MemberEventKind as Kind
from handbook_desktop.core.members.models import MemberStatus as Status
from handbook_desktop.core.members.party_rules import probation_ends
from handbook_desktop.core.members.tally import CellFigures, CountedMember, Place
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import UnitOfWork


_PLACE_OF_STATUS = {Status.OFFICIAL: Place.ACTIVE, Status.PROBATIONARY: Place.ACTIVE, Status.EXCUSED: Place.EXCUSED,
                    Status.TEMPORARY: Place.AWAY}
_PLACE_AFTER = {Kind.ADMITTED: Place.ACTIVE, Kind.TRANSFERRED_IN: Place.ACTIVE, Kind.EXCUSED: Place.EXCUSED,
                Kind.TEMPORARY: Place.AWAY, Kind.TRANSFERRED_OUT: None, Kind.DECEASED: None, Kind.LEFT: None}


def cell_figures(uow: UnitOfWork, as_of: date | None = None) -> CellFigures:
    """The workspace's cell's figures on `as_of` (today when not given)."""
    return figures_on(uow.session, as_of or uow.today(), uow.cell.unit_id)


def figures_on(session: Session, day: date, unit_id: str | None) -> CellFigures:
    """The figures of the cell `unit_id` (a committee's device holds several cells)."""
    in_cell = select(Member.id).where(Member.unit_id == unit_id)
    members = list(session.scalars(select(Member).where(Member.deleted_at.is_(None), Member.unit_id == unit_id)))
    events: dict[str, list[MemberEvent]] = defaultdict(list)
    for event in session.scalars(select(MemberEvent).where(MemberEvent.deleted_at.is_(None),
                                                           MemberEvent.member_id.in_(in_cell))
                                 .order_by(MemberEvent.occurred_on, MemberEvent.created_at, MemberEvent.id)):
        events[event.member_id].append(event)
    counted = []
    for member in members:
        place = place_on(member, events[member.id], day)
        if place is not None:
            counted.append(CountedMember(member.id, member.full_name, Status(member.status),
                                         standing_on(member, events[member.id], day), place))
    return CellFigures(day, tuple(sorted(counted, key=lambda m: name_sort_key(m.full_name))))


def standing_of(session: Session, member: Member, day: date) -> Status:
    """One member's standing on `day`, whether or not counted in the cell then."""
    events = list(session.scalars(select(MemberEvent).where(
        MemberEvent.member_id == member.id, MemberEvent.deleted_at.is_(None))
        .order_by(MemberEvent.occurred_on, MemberEvent.created_at, MemberEvent.id)))
    return standing_on(member, events, day)


def place_on(member: Member, events: list[MemberEvent], day: date) -> Place | None:
    """What the member does in the cell on `day`; None when not a member of the cell then.
    `events` are the member's, oldest first."""
    steps: list[tuple[date, Place | None]] = []  # from which day, where
    for event in events:
        kind = Kind(event.kind)
        if kind not in _PLACE_AFTER:  # made official: membership, not place
            continue
        if kind == Kind.TRANSFERRED_IN and (not steps or steps[-1][1] not in (None, Place.AWAY)):
            steps = _elsewhere_until_now(steps)  # an arrival: before it the member was elsewhere
        steps.append((event.occurred_on, _PLACE_AFTER[kind]))
    recorded = _PLACE_OF_STATUS.get(Status(member.status))
    if not steps or steps[-1][1] != recorded:  # the record's status holds after the last event
        start = events[-1].occurred_on if events else member.admitted_on or date.min
        steps.append((start, recorded))
    place = None
    for start, where in steps:
        if start > day:
            break
        place = where
    return place


def _elsewhere_until_now(steps: list[tuple[date, Place | None]]) -> list[tuple[date, Place | None]]:
    """Back to the last time the member left the cell, they were not in it."""
    kept = list(steps)
    index = len(kept)
    while index and kept[index - 1][1] is not None:
        index -= 1
        kept[index] = (kept[index][0], None)
    return kept


def standing_on(member: Member, events: list[MemberEvent], day: date) -> Status:
    """Official or probationary on `day`: official once made official on or before it.

    The official date is the latest "made official" event up to the day, unless a later
    re-admission started a new probation; else the record's. A member with no official date
    at all (a roster typed without dates) is official unless on probation by the record or
    admitted less than 12 months before the day."""
    official_on, admitted_on = member.official_on, member.admitted_on
    for event in events:
        if event.occurred_on > day:
            break
        if event.kind == Kind.MADE_OFFICIAL:
            official_on = event.occurred_on
        elif event.kind == Kind.ADMITTED:
            admitted_on = event.occurred_on
            if official_on and official_on < event.occurred_on:  # a re-admission after leaving
                official_on = None
    if official_on is not None:
        return Status.OFFICIAL if official_on <= day else Status.PROBATIONARY
    if member.status == Status.PROBATIONARY or (admitted_on and day < probation_ends(admitted_on)):
        return Status.PROBATIONARY
    return Status.OFFICIAL
