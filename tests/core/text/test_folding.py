"""Folding, matching and excerpting Vietnamese text (core/text.py)."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook_desktop.core.text.folding import (
    exact_pattern,
    fold,
    fold_crossed_d,
    folded_pattern,
    is_toned,
    matcher,
    snippet,
    words,
)


@pytest.mark.parametrize(("text", "folded"), [
    ("Nghị quyết", "nghi quyet"),
    ("đảng viên", "dang vien"),
    ("ĐẢNG VIÊN", "dang vien"),
    ("Ðảng viên", "dang vien"),         # U+00D0, the look-alike real web text contains
    ("ðảng", "dang"),                    # U+00F0
    ("Chuyển đổi số", "chuyen doi so"),
    ("người được ưu tiên", "nguoi duoc uu tien"),
    ("Hồ Chí Minh", "ho chi minh"),
    ("kỷ luật, khiển trách", "ky luat, khien trach"),
    ("ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự",
     "a a a a a a a a a a e e e e e o o o o o o o o o o u u u u u"),
    ("05-NQ/TW", "05-nq/tw"),
    ("İstanbul", "istanbul"),            # lower-cases into i + combining dot, which goes too
])
def test_fold_table(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["Nghị quyết đảng viên", "ĐỔI MỚI", "Ðiều lệ"])
def test_nfc_and_nfd_fold_alike(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text)) == fold(text)


@given(st.text())
def test_fold_is_idempotent_and_leaves_no_marks_and_no_crossed_d(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me") for char in folded)
    assert not set(folded) & set("đĐðÐ")


def test_fold_crossed_d_changes_only_the_d():
    assert fold_crossed_d("Đảng ủy ðường Ðông") == "Dảng ủy dường Dông"


def test_words_are_nfc_lower_case_and_split_on_punctuation():
    nfd = unicodedata.normalize("NFD", "Nghị quyết 05-NQ/TW, “Đảng”_viên")
    assert words(nfd) == ["nghị", "quyết", "05", "nq", "tw", "đảng", "viên"]
    assert words(' "*(NEAR - AND) ') == ["near", "and"]
    assert words(" ... -- ") == []


def test_toned_words():
    assert is_toned("đảng") and is_toned("đi") and is_toned("quyết")
    assert not is_toned("dang") and not is_toned("05")


def test_folded_pattern_finds_every_spelling_and_whole_words_only():
    pattern = re.compile(folded_pattern("dang"), re.IGNORECASE)
    text = "Đảng, đang, dạng, ĐÁNG, Ðảng và đăng ký; không khớp: dangling, đảngviên"
    assert pattern.findall(text) == ["Đảng", "đang", "dạng", "ĐÁNG", "Ðảng", "đăng"]


def test_exact_pattern_keeps_tones_but_not_case_or_d_look_alikes():
    pattern = re.compile(exact_pattern("đảng"), re.IGNORECASE)
    assert pattern.findall("Đảng đang dạng ĐẢNG Ðảng đảngviên") == ["Đảng", "ĐẢNG", "Ðảng"]
    nfd_query = unicodedata.normalize("NFD", "đảng")
    assert re.search(exact_pattern(nfd_query), "Đảng viên", re.IGNORECASE)


def test_snippet_highlights_original_words_and_is_html_safe():
    text = ("Mở đầu <script>alert(1)</script> & các nội dung khác. " * 10
            + "Nghị quyết về công tác phát triển Đảng viên mới trong giai đoạn hiện nay. " + "Kết thúc. " * 40)
    excerpt = snippet(text, matcher(["nghi", "quyet", "dang", "vien"]))
    assert "<b>Nghị</b> <b>quyết</b>" in excerpt and "<b>Đảng</b> <b>viên</b>" in excerpt
    assert "<script>" not in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert len(excerpt) < 400


def test_snippet_without_a_match_is_the_start_of_the_text():
    excerpt = snippet("Một <hai> ba " * 100, matcher(["khong"]))
    assert excerpt.startswith("Một &lt;hai&gt; ba") and "<b>" not in excerpt and excerpt.endswith("…")


def test_snippet_of_nfd_text_is_nfc():
    excerpt = snippet(unicodedata.normalize("NFD", "Chi bộ họp thường kỳ"), matcher(["chi", "bo"]))
    assert excerpt == "<b>Chi</b> <b>bộ</b> họp thường kỳ"
