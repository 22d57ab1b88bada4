from datetime import date

from handbook_desktop.core.members.party_rules import probation_ends


def test_probation_lasts_twelve_months():
    assert probation_ends(date(2026, 1, 15)) == date(2027, 1, 15)


def test_probation_from_leap_day_ends_first_of_march():
    assert probation_ends(date(2024, 2, 29)) == date(2025, 3, 1)
