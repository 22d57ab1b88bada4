"""Vietnamese text: folding for search (tones, đ/d), case, name order, dates on screen."""

from handbook_desktop.core.faces import lazy_face

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "case": ("soften_caps",),
    "folding": ("CROSSED_D", "TOKEN", "exact_pattern", "fold", "fold_crossed_d", "is_toned", "matcher", "nfc",
                "snippet", "words"),
    "formatting": ("format_date", "format_datetime", "parse_date"),
    "sort": ("name_sort_key", "sort_key"),
})
