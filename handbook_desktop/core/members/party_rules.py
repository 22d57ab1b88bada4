"""Rules of Party life that several areas rely on (Điều lệ Đảng, Hướng dẫn 42-HD/BTCTW)."""

from datetime import date

MIN_MEETING_MINUTES = 90  # a cell meeting lasts at least 90 minutes (2025 guidance)


def probation_ends(admitted_on: date) -> date:
    """A probationary member's 12 months end on the same day a year later."""
    try:
        return admitted_on.replace(year=admitted_on.year + 1)
    except ValueError:  # admitted on 29 February
        return date(admitted_on.year + 1, 3, 1)
