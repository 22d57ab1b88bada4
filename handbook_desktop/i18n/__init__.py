"""Message catalogs. Source strings are Vietnamese; English is a gettext catalog.

Every user-visible string goes through `_()`. Strings defined at import time
(labels of codes, setting names) are marked with `N_()` and translated where shown,
so switching the language never leaves stale text behind.
"""

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "handbook"
DEFAULT_LANGUAGE = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` (unknown codes fall back to Vietnamese)."""
    global _translation, _language
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        _translation, _language = gettext.NullTranslations(), DEFAULT_LANGUAGE
        return
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
