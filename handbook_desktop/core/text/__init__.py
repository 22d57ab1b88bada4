"""Vietnamese text: folding for search (tones, đ/d), case, name order, dates on screen."""

from handbook_desktop.core.text.case import soften_caps
from handbook_desktop.core.text.folding import (
    CROSSED_D,
    TOKEN,
    exact_pattern,
    fold,
    fold_crossed_d,
    is_toned,
    matcher,
    nfc,
    snippet,
    words,
)
from handbook_desktop.core.text.formatting import format_date, format_datetime, parse_date
from handbook_desktop.core.text.sort import name_sort_key, sort_key

__all__ = [
    "CROSSED_D", "TOKEN", "exact_pattern", "fold", "fold_crossed_d", "format_date", "format_datetime",
    "is_toned", "matcher", "name_sort_key", "nfc", "parse_date", "snippet", "soften_caps", "sort_key", "words",
]
