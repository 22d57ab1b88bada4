"""The speech normalizer's data: tab-separated tables in resources/tts.

What is a fact about the language (a unit's name, a currency, a word that takes a Roman
numeral) lives in a table a user can read and extend, not in a regular expression.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

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


def read_mapping(path: str | Path) -> dict[str, str]:
    """``key<TAB>value`` rows; a row without both is ignored."""
    return {row[0]: row[1] for row in read_rows(path) if len(row) >= 2 and row[0] and row[1]}


def _builtin_rows(name: str) -> list[list[str]]:
    try:
        return read_rows(table_path(name))
    except OSError:
        log.warning("Speech table missing: %s", table_path(name))
        return []


@dataclass(frozen=True)
class Unit:
    words: str
    alone: bool  # read even without a number before it


@dataclass(frozen=True)
class SpeechTables:
    units: dict[str, Unit]
    currencies: dict[str, str]
    numbered_words: frozenset[str]  # lower-case words and phrases that take a Roman numeral
    contexts: dict[str, frozenset[str]]
    phrases: dict[str, str]
    letters: dict[str, str]

    def context(self, name: str) -> frozenset[str]:
        return self.contexts.get(name, frozenset())


@functools.cache
def builtin_tables() -> SpeechTables:
    contexts: defaultdict[str, set[str]] = defaultdict(set)
    for row in _builtin_rows("contexts.tsv"):
        if len(row) >= 2:
            contexts[row[0]].add(row[1].lower())
    return SpeechTables(
        units={row[0]: Unit(row[1], row[2:3] == ["alone"]) for row in _builtin_rows("units.tsv") if len(row) >= 2},
        currencies={row[0]: row[1] for row in _builtin_rows("currencies.tsv") if len(row) >= 2},
        numbered_words=frozenset(row[0].lower() for row in _builtin_rows("numbered_words.tsv")),
        contexts={name: frozenset(words) for name, words in contexts.items()},
        phrases={row[0]: row[1] for row in _builtin_rows("phrases.tsv") if len(row) >= 2},
        letters={row[0]: row[1] for row in _builtin_rows("letters.tsv") if len(row) >= 2},
    )
