"""Non-numeric notations read aloud: Party/State document symbols, Roman
numerals, web addresses, and layout noise (bullets, table borders)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from handbook_desktop.tts.numbers import integer_text_words, number_to_words, ordinal_words

# ---- document symbols ("05-NQ/TW", "145/2020/NĐ-CP") ------------------------

DOCUMENT_TYPES = {
    "NQ": "nghị quyết",
    "QĐ": "quyết định",
    "QĐi": "quy định",
    "CT": "chỉ thị",
    "KL": "kết luận",
    "TB": "thông báo",
    "HD": "hướng dẫn",
    "BC": "báo cáo",
    "KH": "kế hoạch",
    "CTr": "chương trình",
    "CV": "công văn",
    "TTr": "tờ trình",
    "BB": "biên bản",
    "NĐ": "nghị định",
    "TT": "thông tư",
    "TTLT": "thông tư liên tịch",
    "QC": "quy chế",
    "ĐA": "đề án",
    "GM": "giấy mời",
}

ISSUERS = {
    "TW": "Trung ương",
    "BCHTW": "Ban Chấp hành Trung ương",
    "BCTW": "Bộ Chính trị",
    "BCT": "Bộ Chính trị",
    "BBT": "Ban Bí thư",
    "BTCTW": "Ban Tổ chức Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDVTW": "Ban Dân vận Trung ương",
    "VPTW": "Văn phòng Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "UBKT": "ủy ban kiểm tra",
    "TU": "tỉnh ủy",
    "HU": "huyện ủy",
    "ThU": "thành ủy",
    "QU": "quận ủy",
    "ĐU": "đảng ủy",
    "ĐUK": "đảng ủy khối",
    "CB": "chi bộ",
    "BCS": "ban cán sự đảng",
    "ĐĐ": "đảng đoàn",
    "TTg": "Thủ tướng",
    "CP": "Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
}

_CODE = r"[A-ZĐ][A-Za-zĐđ]*\d{0,2}"
_NUMBERED_SYMBOL = re.compile(
    rf"(?<![\w/.-])(\d{{1,5}})(?:/(\d{{4}}))?[-/]({_CODE}(?:[-/]{_CODE})*)(?![\w/-])"
)
_BARE_SYMBOL = re.compile(rf"(?<![\w/.-])({_CODE}(?:[-/]{_CODE})+)(?![\w/-])")
_LEGISLATURE = re.compile(r"^([A-ZĐ][A-Za-zĐđ]*?)(\d{1,2})$")


def _code_words(code: str, position: int, abbreviations: Mapping[str, str]) -> str | None:
    """Words for one code; the first code is usually the document type."""
    term = _LEGISLATURE.match(code)
    if term and term.group(1) in ISSUERS:  # "QH15" -> Quốc hội khóa mười lăm
        return f"{ISSUERS[term.group(1)]} khóa {number_to_words(int(term.group(2)))}"
    tables = (DOCUMENT_TYPES, ISSUERS) if position == 0 else (ISSUERS, DOCUMENT_TYPES)
    for table in tables:
        if code in table:
            return table[code]
    return abbreviations.get(code)


def _codes_words(codes: str, abbreviations: Mapping[str, str], strict: bool) -> str | None:
    parts = re.split(r"[-/]", codes)
    words = [_code_words(code, i, abbreviations) for i, code in enumerate(parts)]
    if words[0] is None or (strict and None in words):
        return None  # not a document symbol ("5-A", "KT-XH")
    # Unknown later codes stay written; the engine at least reads them as words.
    return " ".join(word or code for word, code in zip(words, parts))


def rewrite_document_symbols(text: str, abbreviations: Mapping[str, str]) -> str:
    """Read "05-NQ/TW" as "năm, nghị quyết Trung ương": number, type, issuer."""

    def numbered(match: re.Match[str]) -> str:
        number, year, codes = match.groups()
        words = _codes_words(codes, abbreviations, strict=False)
        if words is None:
            return match.group(0)
        spoken = integer_text_words(number)
        if year:
            spoken += f", năm {number_to_words(int(year))}"
        return f"{spoken}, {words}"

    def bare(match: re.Match[str]) -> str:
        codes = match.group(1)
        words = _codes_words(codes, abbreviations, strict=True)
        starts_with_type = re.split(r"[-/]", codes)[0] in DOCUMENT_TYPES
        return words if words and starts_with_type else match.group(0)

    text = _NUMBERED_SYMBOL.sub(numbered, text)
    text = _BARE_SYMBOL.sub(bare, text)
    return re.sub(r"(?<![\w/-])QH(\d{1,2})(?!\w)", lambda m: _code_words(m.group(0), 1, {}), text)


# ---- Roman numerals ----------------------------------------------------------

_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)
_ROMAN_CONTEXT_WORDS = (
    "đại hội", "khóa", "khoá", "chương", "điều", "phần", "mục", "thứ", "thế kỷ",
    "thế kỉ", "phụ lục", "tập", "quyển", "quý", "kỳ họp", "kì họp", "hội nghị",
)
# Context words are case-insensitive, the numeral itself must be upper case
# so that ordinary words ("di", "mix") never count as numerals.
_ROMAN_IN_CONTEXT = re.compile(
    r"(?<!\w)((?i:" + "|".join(_ROMAN_CONTEXT_WORDS) + r"))\s+([IVXLCDM]+)(?:/(\d{4}))?(?!\w)"
)
# Headings: "I. Tình hình", "IV) Nhiệm vụ" at the start of a line. Only I, V
# and X, because "C." and "D." are letter headings (A., B., C., D.).
_ROMAN_HEADING = re.compile(r"^([ \t]*)([IVX]+)[.)][ \t]+(?=\S)", re.MULTILINE)


def roman_to_int(numeral: str) -> int | None:
    """Value of a canonical Roman numeral ("XIV" -> 14); None otherwise."""
    value, rest = 0, numeral
    for amount, symbol in _ROMAN_VALUES:
        while rest.startswith(symbol):
            value, rest = value + amount, rest[len(symbol) :]
    if rest or not value or int_to_roman(value) != numeral:
        return None
    return value


def int_to_roman(value: int) -> str:
    numeral = ""
    for amount, symbol in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        numeral += symbol * count
    return numeral


def _replace_roman_in_context(match: re.Match[str]) -> str:
    context, numeral, year = match.groups()
    value = roman_to_int(numeral)
    if value is None:
        return match.group(0)
    is_ordinal = context.lower().endswith("thứ")  # "lần thứ IV" -> thứ tư
    spoken = ordinal_words(value) if is_ordinal else number_to_words(value)
    if year:  # "quý I/2025"
        spoken += f" năm {number_to_words(int(year))}"
    return f"{context} {spoken}"


def _replace_roman_heading(match: re.Match[str]) -> str:
    value = roman_to_int(match.group(2))
    if value is None:
        return match.group(0)
    return f"{match.group(1)}Phần {number_to_words(value)}. "


def rewrite_roman_numerals(text: str) -> str:
    text = _ROMAN_HEADING.sub(_replace_roman_heading, text)
    return _ROMAN_IN_CONTEXT.sub(_replace_roman_in_context, text)
