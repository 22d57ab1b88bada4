"""The speech normalizer's data: tab-separated tables in resources/tts.

What is a fact about the language (a unit's name, a currency, a word that takes a Roman
numeral) lives in a table a user can read and extend, not in a regular expression.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from handbook_desktop.core.resources import resource_path

log = logging.getLogger(__name__)


def table_path(name: str) -> Path:
    return resource_path("tts", name)


def read_rows(path: str | Path) -> list[list[str]]:
    """Rows of a TSV file: ``#`` comments and blank lines skipped, cells trimmed, NFC."""
    rows = []
    # utf-8-sig: files saved by Notepad or Excel start with a BOM.
    for raw_line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = unicodedata.normalize("NFC", raw_line).strip()
        if line and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


TABLE_NAMES = ("abbreviations.tsv", "units.tsv", "currencies.tsv", "numbered_words.tsv", "contexts.tsv",
               "phrases.tsv", "letters.tsv")
USER_TABLES_DIR = "speech"  # in the data folder: files named as above, merged over the built-in ones


@dataclass(frozen=True)
class Unit:
    words: str
    alone: bool  # read even without a number before it


@dataclass(frozen=True, eq=False)
class SpeechTables:
    abbreviations: Mapping[str, str]
    units: Mapping[str, Unit]
    currencies: Mapping[str, str]
    numbered_words: frozenset[str]  # lower-case words and phrases that take a Roman numeral
    contexts: Mapping[str, frozenset[str]]
    phrases: Mapping[str, str]
    letters: Mapping[str, str]

    def context(self, name: str) -> frozenset[str]:
        return self.contexts.get(name, frozenset())


def _rows_of(folder: Path, name: str, builtin: bool) -> list[list[str]]:
    path = folder / name
    if not builtin and not path.is_file():
        return []
    try:
        return read_rows(path)
    except (OSError, UnicodeDecodeError) as exc:
        # Speech must still work: a broken file is skipped and named in one line, no traceback
        # (a user's file is the user's doing).
        log.warning("Cannot read the speech table %s (%s)", path, exc)
        return []


def _pairs(rows: list[list[str]]) -> dict[str, str]:
    return {row[0]: row[1] for row in rows if len(row) >= 2 and row[0] and row[1]}


def _tables(rows: dict[str, list[list[str]]]) -> SpeechTables:
    contexts: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows["contexts.tsv"]:
        if len(row) >= 2:
            contexts[row[0]].add(row[1].lower())
    units = {row[0]: Unit(row[1], row[2:3] == ["alone"]) for row in rows["units.tsv"] if len(row) >= 2 and row[1]}
    return SpeechTables(
        abbreviations=MappingProxyType(_pairs(rows["abbreviations.tsv"])),
        units=MappingProxyType(units),
        currencies=MappingProxyType(_pairs(rows["currencies.tsv"])),
        numbered_words=frozenset(row[0].lower() for row in rows["numbered_words.tsv"]),
        contexts=MappingProxyType({name: frozenset(words) for name, words in contexts.items()}),
        phrases=MappingProxyType(_pairs(rows["phrases.tsv"])),
        letters=MappingProxyType(_pairs(rows["letters.tsv"])),
    )


@functools.cache
def _builtin_rows() -> dict[str, list[list[str]]]:
    return {name: _rows_of(resource_path("tts"), name, builtin=True) for name in TABLE_NAMES}


@functools.cache
def builtin_tables() -> SpeechTables:
    return _tables(_builtin_rows())


def load_tables(data_dir: Path | None) -> SpeechTables:
    """The built-in tables with the user's files (``<data folder>/speech/*.tsv``) after them:
    a user's row adds to a table or replaces the built-in row with the same key."""
    if data_dir is None or not (Path(data_dir) / USER_TABLES_DIR).is_dir():
        return builtin_tables()
    folder = Path(data_dir) / USER_TABLES_DIR
    return _tables({name: rows + _rows_of(folder, name, builtin=False) for name, rows in _builtin_rows().items()})
