"""Keep the English catalog in step with the Vietnamese source strings.

    uv run python tools/i18n.py update    # add new strings to the .po (untranslated), drop gone ones
    uv run python tools/i18n.py compile   # write the .mo the app loads

Translators edit handbook_desktop/i18n/locale/en/LC_MESSAGES/handbook.po.
tests/test_i18n.py fails when a string lacks a translation or the .mo is stale.
"""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "handbook_desktop"
PO = PACKAGE / "i18n" / "locale" / "en" / "LC_MESSAGES" / "handbook.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None}
SOURCES = (PACKAGE, REPO / "sync")  # the sync client speaks to the user too


def source_messages() -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = {}
    for folder in SOURCES:
        for filename, lineno, message, _comments, _context in extract_from_dir(
                folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            where = filename if folder == PACKAGE else f"../{folder.name}/{filename}"
            found.setdefault(message, []).append((where, lineno))
    return found


def read_catalog() -> Catalog:
    if not PO.exists():
        return Catalog(locale="en", domain="handbook", project="Sổ tay đảng viên")
    with PO.open("rb") as handle:
        return read_po(handle, locale="en")


def update() -> None:
    catalog = read_catalog()
    fresh = Catalog(locale="en", domain="handbook", project="Sổ tay đảng viên")
    for message, locations in sorted(source_messages().items()):
        old = catalog.get(message)
        fresh.add(message, old.string if old else "", locations=locations)
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(handle, fresh, width=100, omit_header=False, sort_output=True)


def compile_mo() -> None:
    with MO.open("wb") as handle:
        write_mo(handle, read_catalog())


if __name__ == "__main__":
    {"update": update, "compile": compile_mo}[sys.argv[1]]()
