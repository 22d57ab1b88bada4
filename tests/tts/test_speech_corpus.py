"""The speech corpus (tests/tts/cases/*.tsv): every case read as a careful reader reads it.

One test per case, id ``<kind>-<line>``. Expected readings follow docs/SPEECH.md and are
never adjusted to what the normalizer says today; cases that fail are work to do.
"""

from __future__ import annotations

from collections import Counter

import pytest

from handbook_desktop.tts.normalize import normalize
from tests.tts.cases import KINDS, bad_lines, load_cases, spoken_words

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_reads_as_written_down(case) -> None:
    said = normalize(case.written)
    assert spoken_words(said) == spoken_words(case.spoken), (
        f"{case.kind}.tsv line {case.line}\n"
        f"  written:  {case.written}\n"
        f"  expected: {spoken_words(case.spoken)}\n"
        f"  got:      {spoken_words(said)}"
    )


def test_every_file_parses() -> None:
    assert bad_lines() == [], "lines need exactly one tab between written and spoken text"


def test_corpus_is_large_and_covers_every_kind() -> None:
    per_kind = Counter(case.kind for case in CASES)
    assert len(CASES) >= 400
    assert {kind: per_kind[kind] for kind in KINDS if per_kind[kind] < 25} == {}


def test_no_written_text_twice() -> None:
    counts = Counter(case.written for case in CASES)
    assert [written for written, n in counts.items() if n > 1] == []


def test_spoken_words_ignores_case_and_punctuation() -> None:
    assert spoken_words("Ngày hai mươi, tháng Mười.") == "ngày hai mươi tháng mười"
    assert spoken_words("số 12/3 – A") == "số a"
