"""Dates typed in a form are read by the one date reader, and refused with the field's name."""

from datetime import date

import pytest

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.text import format_date, parse_date


@pytest.mark.parametrize(("typed", "expected"), [
    ("22/12/2024", date(2024, 12, 22)),
    (" 22-12-2024 ", date(2024, 12, 22)),
    ("2024-12-22", date(2024, 12, 22)),
    ("ngày 22 tháng 12 năm 2024", date(2024, 12, 22)),
    ("", None),
])
def test_a_typed_date_is_read_as_people_write_it(typed, expected):
    assert parse_date(typed, "Ngày họp") == expected


@pytest.mark.parametrize("typed", ["31/02/2024", "12/2024", "hôm qua"])
def test_a_wrong_date_names_the_field_and_the_text(typed):
    with pytest.raises(ValidationError, match=f"Ngày họp: “{typed}” không phải ngày hợp lệ"):
        parse_date(typed, "Ngày họp")


def test_dates_are_shown_day_first():
    assert format_date(date(2024, 12, 2)) == "02/12/2024" and format_date(None) == ""
