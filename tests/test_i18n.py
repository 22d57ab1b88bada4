"""Every Vietnamese source string has an English translation, and the .mo is current."""

import gettext
import sys

import pytest

from handbook_desktop.i18n import DOMAIN, LOCALE_DIR, _, current_language, set_language

from .conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import i18n as catalog_tool  # noqa: E402


def test_every_source_string_is_translated():
    catalog = catalog_tool.read_catalog()
    untranslated = [msg for msg in catalog_tool.source_messages()
                    if not (catalog.get(msg) and catalog.get(msg).string)]
    assert untranslated == [], "run tools/i18n.py update, translate, then compile"


def test_compiled_catalog_matches_the_po_file():
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, ["en"])
    for message in catalog_tool.read_catalog():
        if message.id and message.string:  # an untranslated entry falls back to the Vietnamese
            assert compiled.gettext(message.id) == message.string, message.id


@pytest.mark.parametrize("placeholder_message", [m for m in catalog_tool.source_messages() if "{" in m])
def test_translations_keep_the_placeholders(placeholder_message):
    import string

    fields = lambda text: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)  # noqa: E731
    translated = catalog_tool.read_catalog().get(placeholder_message).string
    assert fields(translated) == fields(placeholder_message)


def test_switching_language():
    assert _("Trang chủ") == "Trang chủ"
    set_language("en")
    assert current_language() == "en"
    assert _("Trang chủ") == "Home"
    set_language("xx")
    assert current_language() == "vi"
    assert _("Trang chủ") == "Trang chủ"
