"""Reading a date as people and spreadsheets write it: the one date reader of the app.

The member form, the roster import, status events and every date typed in a form
(`formatting.parse_date`) read dates here.

Vietnamese paperwork writes day first (14/08/1961, 14-8-61, 14.08.1961, "ngày 14 tháng 8
năm 1961"); spreadsheets add ISO text (1961-08-14), real dates and bare serial numbers.
`read_date` never raises: it returns a date, or None with a reason the caller can show.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from handbook_desktop.core.clock import vietnam_today
from handbook_desktop.core.text.folding import fold

# Excel counts days from 30/12/1899 (its fictitious 29/02/1900 makes every serial from 61 on
# one day "late", which this epoch absorbs); workbooks made on old Macs count from 1904.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_EPOCH_1904 = date(1904, 1, 1)
# Serial numbers of dates a member record may hold (1900 … 2100): anything else is not a date.
_SERIAL_RANGE = (61, 73415)
_YEAR_RANGE = (1800, 2200)  # years outside are typing errors, not history

_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_TIME_TAIL = re.compile(r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_PARTIAL = re.compile(r"(?:\d{1,2}\s*[/.\-]\s*)?\d{4}")  # "1950" or "08/1961": no day


class DateProblem:
    """Why a non-empty value is not a date (the messages are built where shown)."""

    UNREADABLE = "unreadable"
    INCOMPLETE = "incomplete"  # a year or month/year only
    NOT_A_DAY = "not_a_day"  # 31/02, 00/13 …


@dataclass(frozen=True)
class DateReading:
    value: date | None  # None: empty or not a date
    problem: str = ""  # a DateProblem code when the value was there but is not a date

    @property
    def ok(self) -> bool:
        return not self.problem


EMPTY = DateReading(None)


def read_date(value: object, *, today: date | None = None, epoch: date = EXCEL_EPOCH) -> DateReading:
    """Read `value` (text, date, datetime, or an Excel serial number) as a calendar date.

    Two-digit years fall in the hundred years ending with `today`'s year (default: now):
    in 2026, "61" is 1961 and "25" is 2025.
    """
    try:
        if value is None:
            return EMPTY
        if isinstance(value, datetime):
            return DateReading(value.date())
        if isinstance(value, date):
            return DateReading(value)
        if isinstance(value, bool):
            return DateReading(None, DateProblem.UNREADABLE)
        if isinstance(value, (int, float)):
            return _from_number(value, epoch)
        return _from_text(str(value), today or vietnam_today(), epoch)
    except (ValueError, OverflowError, TypeError):  # never let odd input escape as a crash
        return DateReading(None, DateProblem.UNREADABLE)


def _from_number(value: float, epoch: date) -> DateReading:
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinite
        return DateReading(None, DateProblem.UNREADABLE)
    whole = int(value)
    if _YEAR_RANGE[0] <= whole <= _YEAR_RANGE[1] and whole == value:
        return DateReading(None, DateProblem.INCOMPLETE)  # a year typed as a number
    if not _SERIAL_RANGE[0] <= whole <= _SERIAL_RANGE[1]:
        return DateReading(None, DateProblem.UNREADABLE)
    return DateReading(epoch + timedelta(days=whole))


_PATTERNS = ((_DAY_FIRST, "dmy"), (_YEAR_FIRST, "ymd"), (_WORDS, "dmy"))


def _from_text(text: str, today: date, epoch: date) -> DateReading:
    text = fold(" ".join(text.split()))
    if not text:
        return EMPTY
    for pattern, order in _PATTERNS:
        match = pattern.fullmatch(text) or _with_time(pattern, text)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            return _calendar_day(int(parts["d"]), int(parts["m"]), parts["y"], today)
    if re.fullmatch(r"\d{1,9}(?:\.\d+)?", text):  # a serial number kept as text
        return _from_number(float(text), epoch)
    if _PARTIAL.fullmatch(text):
        return DateReading(None, DateProblem.INCOMPLETE)
    return DateReading(None, DateProblem.UNREADABLE)


def _with_time(pattern: re.Pattern, text: str) -> re.Match | None:
    """A date followed by a time of day, as spreadsheets write a datetime cell as text."""
    match = pattern.match(text)
    if match and _TIME_TAIL.fullmatch(text, match.end()):
        return match
    return None


def _calendar_day(day: int, month: int, year_text: str, today: date) -> DateReading:
    year = int(year_text)
    if len(year_text) == 2:  # the most recent year ending so, never one in the future
        year += 2000 if 2000 + year <= today.year else 1900
    if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
        return DateReading(None, DateProblem.UNREADABLE)
    try:
        return DateReading(date(year, month, day))
    except ValueError:
        return DateReading(None, DateProblem.NOT_A_DAY)


def split_date_and_text(value: object, *, today: date | None = None) -> tuple[DateReading, str]:
    """A cell such as "12/03/2020, xóa tên": the date and what follows it."""
    if not isinstance(value, str):
        return read_date(value, today=today), ""
    text = " ".join(value.split())
    match = re.match(r"\s*(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{4}-\d{1,2}-\d{1,2})", text)
    if not match:
        return read_date(text, today=today), ""
    rest = text[match.end():].strip(" ,;:-–()")
    return read_date(match.group(1), today=today), rest
