"""Property tests: the normalizer is total, digit-free and idempotent."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook_desktop.tts.normalize import _apply_rules, normalize
from handbook_desktop.tts.tables import builtin_tables
from handbook_desktop.tts.numbers import number_to_words

TABLES = builtin_tables()
ASCII_DIGIT = re.compile(r"[0-9]")
SENTENCE_PUNCTUATION = set(".,;:!?…()[]\"'“”‘’«»-–—")


def unspeakable(spoken: str) -> list[str]:
    """Characters other than letters, combining marks, spaces and sentence punctuation."""
    return [
        char
        for char in spoken
        if not (char.isspace() or char in SENTENCE_PUNCTUATION or unicodedata.category(char)[0] in "LM")
    ]
VIETNAMESE_WORDS = re.compile(
    r"[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
    r"(?: [a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+)*"
)

WORDS = (
    "Đảng|chi bộ|đảng viên|nghị quyết|ngày|tháng|năm|thứ|khóa|Đại hội|lần thứ|thế kỷ|Chương|số|từ"
    "|đến|người|đồng|quý|tại|I|V|C|Hà Nội|và|của|Bí thư|phường|xã|COVID"
).split("|")
TOKENS = (
    "TW UBND HĐND TP.HCM TP. Q. P. v.v. CNH-HĐH ĐV TS. đ/c 05-NQ/TW 17/QĐ-TTg 145/2020/NĐ-CP"
    " QH15 NĐ-CP 08-QĐi/TW XIV XIII IV XXI https://dangcongsan.vn/a/b-1 vp@tinhuy.gov.vn"
    " • │ +--+ !!! 80km/h 3-5kg 1tr5 500k $5 €20 USD 1.500.000đ +84 (0208) 1900 7:15:20 8g30 45p"
    " 24/7 24/24h III/2025 đồng/người lần/tuần XKT WTO 3,141.59 -2/5 -0,5 25°C m² km2 đ/c v/v H5N1"
).split()
SEPARATORS = (" ", " ", " ", ", ", ". ", "; ", ": ", "\n", "\n- ", "\n• ", "-", "/", "")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


NUMBERS = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(1000, 10**12).map(_thousands),
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda p: f"{p[0]},{p[1]}%"),
    st.dates().map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.dates().map(lambda d: f"{d.day:02d}/{d.month:02d}"),
    st.dates().map(lambda d: f"{d.month}/{d.year}"),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]}h{t[1]:02d}"),
    st.tuples(st.integers(1990, 2030), st.integers(1990, 2030)).map(lambda r: f"{r[0]}-{r[1]}"),
    st.integers(10**8, 10**9 - 1).map(lambda n: f"0{n}"),
    st.integers(-1000, -1).map(str),
    st.integers(1, 5000).map(lambda n: f"{_thousands(n * 1000)} đồng"),
)
TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(TOKENS), NUMBERS)
VIETNAMESE_ISH_TEXT = st.lists(st.tuples(TOKEN, st.sampled_from(SEPARATORS)), max_size=20).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_rules_never_raise_and_leave_no_digit_on_arbitrary_text(text: str) -> None:
    # The strict path: a failure here would otherwise be hidden by the fallback.
    spoken = _apply_rules(text, TABLES)
    assert not ASCII_DIGIT.search(spoken)
    assert not unspeakable(spoken)
    assert normalize(text) == spoken


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,/-–:%hHgpkđ$€₫° IVX\n•│+²'")))
def test_rules_never_raise_on_number_punctuation_soup(text: str) -> None:
    spoken = _apply_rules(text, TABLES)
    assert not ASCII_DIGIT.search(spoken)
    assert not unspeakable(spoken)


@settings(max_examples=300, deadline=None, database=None)
@given(VIETNAMESE_ISH_TEXT)
@example("3-5kg-")  # a dash glued after a range hid the unit from the first pass
def test_normalize_is_idempotent_and_digit_free_on_vietnamese_text(text: str) -> None:
    spoken = _apply_rules(text, TABLES)
    assert not ASCII_DIGIT.search(spoken)
    assert not unspeakable(spoken)
    assert _apply_rules(spoken, TABLES) == spoken


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(0, 10**12))
def test_number_words_are_vietnamese_letters_and_single_spaces(number: int) -> None:
    assert VIETNAMESE_WORDS.fullmatch(number_to_words(number))


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(0, 10**12))
def test_plain_number_in_text_reads_like_number_to_words(number: int) -> None:
    assert normalize(f"có {number} người") == f"có {number_to_words(number)} người"
