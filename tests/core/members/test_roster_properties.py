"""Properties of the header matcher and the date parser, over generated input."""

import unicodedata
from datetime import date, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook_desktop.core.text.dates import EXCEL_EPOCH, DateReading, read_date
from handbook_desktop.core.members.excel.headers import ALIASES, header_key, match_header
from handbook_desktop.core.text.folding import fold

KNOWN = sorted({(alias, name) for name, aliases in ALIASES.items() for alias in aliases})
TODAY = date(2026, 11, 25)
SPACES = st.text(alphabet=" \t\n\u00a0", min_size=0, max_size=3)


@st.composite
def misspelt(draw, alias: str) -> str:
    """The alias as people type it: some tones dropped, any case, spaces anywhere, NFC or NFD."""
    chars = []
    for char in alias:
        if draw(st.booleans()):
            char = fold(char)
        if draw(st.booleans()):
            char = char.upper()
        chars.append(char)
    words = "".join(chars).split(" ")
    text = draw(SPACES) + "".join(word + draw(SPACES) for word in words)
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)


def test_every_alias_names_one_field_only():
    keys: dict[str, str] = {}
    for alias, name in KNOWN:
        assert keys.setdefault(header_key(alias), name) == name, alias


@settings(max_examples=300)
@given(data=st.data(), known=st.sampled_from(KNOWN))
def test_the_matcher_finds_every_known_header_however_typed(data, known):
    alias, name = known
    assert match_header(data.draw(misspelt(alias))) == name


@given(st.text())
@example("Số thẻ đảng viên (8 chữ số)")
def test_the_matcher_never_raises(text):
    assert match_header(text) is None or match_header(text) in ALIASES


VALUES = st.one_of(st.text(), st.text(alphabet="0123456789/-. ngaythm", max_size=24), st.integers(),
                   st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans(), st.dates(),
                   st.datetimes(), st.binary())


@settings(max_examples=500)
@given(VALUES)
@example("29/02/1900")
@example("00/00/0000")
@example("9" * 400)
@example(10 ** 400)
@example("1e308")
def test_the_date_parser_never_raises(value):
    reading = read_date(value, today=TODAY)
    assert isinstance(reading, DateReading)
    assert reading.value is None or isinstance(reading.value, date)
    assert reading.problem == "" or reading.value is None


FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%d / %m / %Y", "ngày %d tháng %m năm %Y")


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)), st.sampled_from(FORMATS))
def test_every_date_reads_back_in_every_format(day, layout):
    assert read_date(day.strftime(layout), today=TODAY).value == day


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)))
@example(date(1906, 1, 1))  # serial 2193, read as a year
def test_unpadded_day_and_month_serials_and_datetimes(day):
    assert read_date(f"{day.day}/{day.month}/{day.year}", today=TODAY).value == day
    serial = (day - EXCEL_EPOCH).days
    if 1800 <= serial <= 2200:  # by design a bare 1800 … 2200 is a year typed alone, not a day in 1904–1906
        assert read_date(serial, today=TODAY).problem == "incomplete"
    else:
        assert read_date(serial, today=TODAY).value == day
        assert read_date(str(serial), today=TODAY).value == day
    assert read_date(datetime(day.year, day.month, day.day, 13, 5), today=TODAY).value == day
    assert read_date(f"{day.isoformat()} 00:00:00", today=TODAY).value == day


@given(st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=date(TODAY.year, 12, 31)))
def test_two_digit_years_fall_in_the_last_hundred_years(day):
    text = f"{day.day}/{day.month}/{day.year % 100:02d}"
    assert read_date(text, today=TODAY).value == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_a_day_that_does_not_exist_is_reported_not_shifted(day):
    last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    reading = read_date(f"{last.day + 1}/{day.month}/{day.year}", today=TODAY)
    assert reading.value is None and reading.problem == "not_a_day"
