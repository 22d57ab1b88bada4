"""The term (nhiệm kỳ) of a cell: five years, "2025-2030". Documents are numbered per term,
so the cell's setup records one and the resolutions count in it."""

import re
from datetime import date

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.i18n import _

TERM_YEARS, FIRST_TERM = 5, 2020  # 2020-2025, 2025-2030, …
FOUNDED = 1930  # the Party's founding: no term starts before it
TERM_PATTERN = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")  # typed with a hyphen or a dash


def default_term(day: date) -> str:
    start = FIRST_TERM + (day.year - FIRST_TERM) // TERM_YEARS * TERM_YEARS
    return f"{start}-{start + TERM_YEARS}"


def parse_term(text: str) -> str:
    """A term as typed ("2025 - 2030", "2025–2030") in its stored form, or a ValidationError."""
    match = TERM_PATTERN.fullmatch(text.strip())
    if not match or not FOUNDED <= int(match[1]) < int(match[2]) <= int(match[1]) + TERM_YEARS:
        raise ValidationError(_("Nhiệm kỳ “{text}” không hợp lệ; hãy ghi theo dạng 2025-2030.").format(text=text))
    return f"{match[1]}-{match[2]}"


def term_years(term: str) -> tuple[int, int]:
    start, end = term.split("-")
    return int(start), int(end)
