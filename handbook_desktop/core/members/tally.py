"""The cell's figures on a day and the probations coming due, as plain data: figures.py and
events.py read them, screens, papers and the home page's snapshot show them without the database."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from handbook_desktop.core.members.codes import MemberStatus as Status
from handbook_desktop.i18n import N_, _


class Place(StrEnum):
    """What a member of the cell does on the day."""

    ACTIVE = "active"  # takes part in this cell's meetings: expected
    EXCUSED = "excused"  # miễn công tác và sinh hoạt đảng
    AWAY = "away"  # đi sinh hoạt tạm thời nơi khác


# The labels of the figures, in the order they are shown: the same on every screen
# (translated) and every paper (Vietnamese).
FIGURE_LABELS = {
    "total": N_("Tổng số đảng viên"),
    "official": N_("Chính thức"),
    "probationary": N_("Dự bị"),
    "excused": N_("Miễn công tác và sinh hoạt đảng"),
    "away": N_("Đi sinh hoạt tạm thời nơi khác"),
    "expected": N_("Phải dự"),
}

def figure_label(name: str) -> str:
    """The translated label of a figure: "total", "official", … (see FIGURE_LABELS)."""
    return _(FIGURE_LABELS[name])


@dataclass(frozen=True)
class CountedMember:
    member_id: str
    full_name: str
    status: Status  # in the register today
    standing: Status  # OFFICIAL or PROBATIONARY on the day
    place: Place  # on the day


@dataclass(frozen=True)
class CellFigures:
    """The figures of figures.py's docstring, for one day; screens and papers label them with
    FIGURE_LABELS."""

    as_of: date
    members: tuple[CountedMember, ...]  # everyone in the total, Vietnamese name order

    @property
    def total(self) -> int:
        return len(self.members)

    @property
    def official(self) -> int:
        return sum(1 for m in self.members if m.standing == Status.OFFICIAL)

    @property
    def probationary(self) -> int:
        return self.total - self.official

    @property
    def excused(self) -> int:
        return len(self.in_place(Place.EXCUSED))

    @property
    def away(self) -> int:
        return len(self.in_place(Place.AWAY))

    @property
    def expected(self) -> int:
        return self.total - self.excused - self.away

    def in_place(self, place: Place) -> tuple[CountedMember, ...]:
        return tuple(m for m in self.members if m.place == place)


@dataclass(frozen=True)
class ProbationDue:
    member_id: str
    full_name: str
    admitted_on: date
    due_on: date  # 12 months after admission
    days_left: int  # negative once overdue
