"""The cell's register as the roster screen lists it: search, filter, sort, and the cell's
figures today (`figures.py`)."""

import functools
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from handbook_desktop.core.members.figures import CellFigures, cell_figures
from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.members.records import MemberRow, row_of
from handbook_desktop.core.text.folding import TOKEN, fold
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import UnitOfWork


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
class Roster:
    rows: list[MemberRow]
    figures: CellFigures  # the whole cell today, whatever the filter


def roster(uow: UnitOfWork, query: RosterQuery = RosterQuery()) -> Roster:
    members = _register(uow)
    words = TOKEN.findall(fold(query.text))
    chosen = [row_of(member) for member in members
              if (not query.statuses or member.status in query.statuses) and _matches(member, words)]
    return Roster(_sorted(chosen, query.sort, query.descending), cell_figures(uow))


def _register(uow: UnitOfWork) -> list[Member]:
    return list(uow.session.scalars(select(Member).where(Member.deleted_at.is_(None),
                                                         Member.unit_id == uow.cell.unit_id)))


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
