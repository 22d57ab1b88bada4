"""The speech normalizer's yardstick: what a careful reader says, one TSV line per case.

Each ``<kind>.tsv`` holds lines ``written<TAB>spoken`` (UTF-8; ``#`` starts a comment line,
blank lines are ignored). The spoken side follows docs/SPEECH.md; it is written by hand,
never copied from the normalizer. Comparison ignores case and punctuation
(``spoken_words``): only the words and their order count.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CASES_DIR = Path(__file__).resolve().parent

KINDS = (
    "cardinal",
    "ordinal",
    "decimal",
    "fraction",
    "percent",
    "date",
    "time",
    "money",
    "unit",
    "range",
    "roman",
    "phone",
    "address",
    "abbreviation",
    "document_symbol",
    "sentence",
)


@dataclass(frozen=True)
class Case:
    kind: str
    written: str
    spoken: str
    line: int

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.line}"


def _lines(kind: str) -> list[tuple[int, str]]:
    text = (CASES_DIR / f"{kind}.tsv").read_text(encoding="utf-8")
    return [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def bad_lines() -> list[str]:
    """Every non-comment line without exactly one tab, as ``kind.tsv:line: text``."""
    return [
        f"{kind}.tsv:{number}: {line!r}"
        for kind in KINDS
        for number, line in _lines(kind)
        if line.count("\t") != 1 or not all(part.strip() for part in line.split("\t"))
    ]


def load_cases() -> list[Case]:
    """All cases, kind by kind in ``KINDS`` order; lines are 1-based line numbers in the file."""
    cases = []
    for kind in KINDS:
        for number, line in _lines(kind):
            written, _, spoken = line.partition("\t")
            cases.append(Case(kind, written.strip(), spoken.strip(), number))
    return cases


def spoken_words(text: str) -> str:
    """Canonical words for comparison: NFC, lower case, non-letters become spaces, one space."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(ch if ch.isalpha() or ch.isspace() else " " for ch in text)
    return " ".join(text.split())


def accuracy_by_kind(normalize: Callable[[str], str]) -> dict[str, tuple[int, int]]:
    """(right, total) per kind for ``normalize`` over the corpus."""
    result = {kind: (0, 0) for kind in KINDS}
    for case in load_cases():
        right, total = result[case.kind]
        try:
            ok = spoken_words(normalize(case.written)) == spoken_words(case.spoken)
        except Exception:  # a crash is a wrong reading, not the end of the count
            ok = False
        result[case.kind] = (right + ok, total + 1)
    return result
