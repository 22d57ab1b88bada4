"""The cell's register of members: the roster screen's one import.

The roster query and its counts live here; the record (form, create, update), status
events, statistics and member cards live in their own modules and are re-exported, so the
GUI and the CLI import `core.services.members` only. Plain data in and out, one
transaction per user action; a status changes only through a dated event.
"""

import functools
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.members.rules import ON_ROLL, event_label
from handbook_desktop.core.members.values import CARD_NUMBER_DIGITS, FIELD_LABELS, Problem, field_label
from handbook_desktop.core.members.cards import (
    member_qr_payload,
    parse_qr_payload,
    write_member_card,
    write_member_card_png,
)
from handbook_desktop.core.members.events import (
    ProbationDue,
    TimelineEntry,
    change_status,
    member_timeline,
    probation_due,
)
from handbook_desktop.core.members.records import (
    MemberForm,
    MemberInvalid,
    MemberRow,
    SaveResult,
    check_member,
    create_member,
    get_member,
    row_of,
    update_member,
)
from handbook_desktop.core.members.stats import (
    Statistics,
    StatisticsRow,
    member_statistics,
    statistics_rows,
)
from handbook_desktop.core.text.folding import TOKEN, fold
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import Workspace

__all__ = [
    "CARD_NUMBER_DIGITS", "FIELD_LABELS", "MemberForm", "MemberInvalid", "MemberRow", "ProbationDue", "Problem",
    "Roster", "RosterQuery", "RosterSort", "SaveResult", "Statistics", "StatisticsRow", "StatusCounts",
    "TimelineEntry", "change_status", "check_member", "create_member", "event_label", "field_label", "get_member",
    "member_qr_payload", "member_statistics", "member_timeline", "parse_qr_payload", "probation_due", "roster",
    "statistics_rows", "status_counts", "update_member", "write_member_card", "write_member_card_png",
]


class RosterSort(StrEnum):
    NAME = "name"  # Vietnamese order: given name first, then the whole name
    BIRTH_DATE = "birth_date"
    ADMITTED_ON = "admitted_on"
    OFFICIAL_ON = "official_on"
    STATUS = "status"
    CARD_NUMBER = "card_number"


@dataclass(frozen=True)
class RosterQuery:
    text: str = ""  # words of the name (tones optional), or digits of the card or phone number
    statuses: frozenset[MemberStatus] = frozenset()  # empty: every status
    sort: RosterSort = RosterSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class StatusCounts:
    """The numbers a minutes header needs, whatever the roster's filter."""

    by_status: dict[MemberStatus, int]  # every status, zeros included
    on_roll: int  # tổng số đảng viên: official, probationary, excused, temporarily elsewhere
    official: int  # of those on roll, made official (an excused member may be official)
    probationary: int  # of those on roll, still on probation
    excused: int  # miễn công tác và sinh hoạt đảng
    temporary: int  # sinh hoạt tạm thời nơi khác
    expected: int  # expected at the cell's meetings: on roll, less excused and temporary


@dataclass(frozen=True)
class Roster:
    rows: list[MemberRow]
    counts: StatusCounts


def roster(workspace: Workspace, query: RosterQuery = RosterQuery()) -> Roster:
    with workspace.session() as session:
        members = list(session.scalars(select(Member).where(Member.deleted_at.is_(None))))
    counts = _counts(members)
    words = TOKEN.findall(fold(query.text))
    chosen = [row_of(member) for member in members
              if (not query.statuses or member.status in query.statuses) and _matches(member, words)]
    return Roster(_sorted(chosen, query.sort, query.descending), counts)


def status_counts(workspace: Workspace) -> StatusCounts:
    with workspace.session() as session:
        members = list(session.scalars(select(Member).where(Member.deleted_at.is_(None))))
    return _counts(members)


def _counts(members: list[Member]) -> StatusCounts:
    by_status = {status: 0 for status in MemberStatus}
    probationary = 0
    for member in members:
        by_status[member.status] += 1
        if member.status in ON_ROLL and (member.status == MemberStatus.PROBATIONARY or not member.official_on):
            probationary += 1
    on_roll = sum(by_status[status] for status in ON_ROLL)
    excused, temporary = by_status[MemberStatus.EXCUSED], by_status[MemberStatus.TEMPORARY]
    return StatusCounts(by_status, on_roll, on_roll - probationary, probationary, excused, temporary,
                        on_roll - excused - temporary)


@functools.lru_cache(maxsize=8192)
def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold(text)))


def _matches(member: Member, words: list[str]) -> bool:
    """Every word starts a word of the name; digits may sit anywhere in the card or phone."""
    if not words:
        return True
    name = _folded_words(member.full_name)
    for word in words:
        if any(part.startswith(word) for part in name):
            continue
        if word.isdigit() and (word in member.card_number or word in member.phone):
            continue
        return False
    return True


def _sorted(rows: list[MemberRow], sort: RosterSort, descending: bool) -> list[MemberRow]:
    by_name = sorted(rows, key=lambda row: name_sort_key(row.full_name))
    if sort == RosterSort.NAME:
        return by_name[::-1] if descending else by_name
    if sort == RosterSort.STATUS:
        order = list(MemberStatus)
        return sorted(by_name, key=lambda row: order.index(row.status), reverse=descending)
    if sort == RosterSort.CARD_NUMBER:
        return sorted(by_name, key=lambda row: (not row.card_number, row.card_number), reverse=descending)
    # Dates: members without one go last either way (sorted() is stable, names stay in order).
    dated = [row for row in by_name if getattr(row, sort.value)]
    undated = [row for row in by_name if not getattr(row, sort.value)]
    return sorted(dated, key=lambda row: getattr(row, sort.value), reverse=descending) + undated



