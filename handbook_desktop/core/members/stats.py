"""Statistics of the cell's members for reports: age, sex, ethnicity, levels, years in the Party.

The members counted are the cell's total on the day (`figures.py`): official and
probationary, excused and away included; those transferred out, deceased or gone are not. Values typed differently ("nữ", "Nữ ")
count together under their most frequent spelling.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from handbook_desktop.core.members.figures import CellFigures, cell_figures
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.members.values import SEXES, THEORY_LEVELS
from handbook_desktop.core.text.folding import fold
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import N_, _

Counts = list[tuple[str, int]]

# (upper bound inclusive, label); the last band is open.
AGE_BANDS = ((30, N_("Đến 30 tuổi")), (40, N_("Từ 31 đến 40 tuổi")), (50, N_("Từ 41 đến 50 tuổi")),
             (60, N_("Từ 51 đến 60 tuổi")), (70, N_("Từ 61 đến 70 tuổi")), (None, N_("Trên 70 tuổi")))
# Party-age bands: the badges (Huy hiệu Đảng) start at 30 years.
YEAR_BANDS = ((9, N_("Dưới 10 năm")), (19, N_("Từ 10 đến dưới 20 năm")), (29, N_("Từ 20 đến dưới 30 năm")),
              (39, N_("Từ 30 đến dưới 40 năm")), (49, N_("Từ 40 đến dưới 50 năm")), (None, N_("Từ 50 năm trở lên")))
UNKNOWN = N_("Chưa ghi")
GROUPS = (("age_bands", N_("Độ tuổi")), ("sex", N_("Giới tính")), ("ethnicity", N_("Dân tộc")),
          ("religion", N_("Tôn giáo")), ("education", N_("Giáo dục phổ thông")),
          ("theory_level", N_("Lý luận chính trị")), ("membership_years", N_("Tuổi đảng")))


@dataclass(frozen=True)
class Statistics:
    figures: CellFigures  # the cell on the day (figures.as_of): the members counted here
    age_bands: Counts
    sex: Counts
    ethnicity: Counts
    religion: Counts
    education: Counts
    theory_level: Counts
    membership_years: Counts  # from the admission date


@dataclass(frozen=True)
class StatisticsRow:
    group: str  # "Độ tuổi", "Giới tính" … (translated)
    label: str
    count: int
    percent: float  # of the total, one decimal


def member_statistics(uow: UnitOfWork, today: date | None = None) -> Statistics:
    today = today or uow.today()
    figures = cell_figures(uow, today)
    counted = {m.member_id for m in figures.members}
    members = [x for x in uow.session.scalars(select(Member).where(Member.id.in_(counted)))]
    return Statistics(
        figures=figures,
        age_bands=_bands([_years(x.birth_date, today) for x in members], AGE_BANDS),
        sex=_values([x.sex for x in members], first=SEXES),
        ethnicity=_values([x.ethnicity for x in members]),
        religion=_values([x.religion for x in members]),
        education=_values([x.education for x in members]),
        theory_level=_values([x.theory_level for x in members], first=THEORY_LEVELS),
        membership_years=_bands([_years(x.admitted_on, today) for x in members], YEAR_BANDS))


def statistics_rows(statistics: Statistics) -> list[StatisticsRow]:
    """One row per (group, label) for a table or a spreadsheet."""
    total = statistics.figures.total or 1
    return [StatisticsRow(_(title), label, count, round(100 * count / total, 1))
            for attribute, title in GROUPS for label, count in getattr(statistics, attribute)]


def _years(start: date | None, today: date) -> int | None:
    if start is None:
        return None
    return today.year - start.year - ((today.month, today.day) < (start.month, start.day))


def _bands(years: list[int | None], bands: tuple) -> Counts:
    counts = Counter()
    for value in years:
        if value is None:
            counts[UNKNOWN] += 1
        else:
            counts[next(label for upper, label in bands if upper is None or value <= upper)] += 1
    rows = [(_(label), counts[label]) for _upper, label in bands]
    return rows + ([(_(UNKNOWN), counts[UNKNOWN])] if counts[UNKNOWN] else [])


def _values(values: list[str], first: tuple[str, ...] = ()) -> Counts:
    """Counts by folded value; `first` always listed in its order, the rest by count."""
    spellings: dict[str, Counter] = {}
    for value in values:
        text = " ".join((value or "").split())
        spellings.setdefault(fold(text), Counter())[text] += 1
    unknown = sum(spellings.pop("", Counter()).values())
    groups = {folded: (group.most_common(1)[0][0], sum(group.values())) for folded, group in spellings.items()}
    rows = [(label, groups.pop(fold(label), (label, 0))[1]) for label in first]
    rows += sorted(groups.values(), key=lambda item: (-item[1], fold(item[0])))
    return rows + ([(_(UNKNOWN), unknown)] if unknown else [])
