"""Non-numeric notations read aloud: Party/State document symbols, Roman
numerals, web addresses, and layout noise (bullets, table borders)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from handbook_desktop.tts.numbers import integer_text_words, number_to_words, roman_to_int

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
    rf"(?<![\w/.-])(\d{{1,5}})(?:/(\d{{4}}))?[-/]({_CODE}(?:[-/]{_CODE})*)(?!\w)"
)
_BARE_SYMBOL = re.compile(rf"(?<![\w/.-])({_CODE}(?:[-/]{_CODE})+)(?!\w)")
_LEGISLATURE = re.compile(r"^([A-ZĐ][A-Za-zĐđ]*?)(\d{1,2})$")
_LEGISLATURE_ALONE = re.compile(r"(?<![\w/-])QH(\d{1,2})(?!\w)")


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

    if "-" in text or "/" in text:  # every symbol has one; most sentences have neither
        text = _NUMBERED_SYMBOL.sub(numbered, text)
        text = _BARE_SYMBOL.sub(bare, text)
    return _LEGISLATURE_ALONE.sub(lambda m: _code_words(m.group(0), 1, {}), text) if "QH" in text else text


# ---- Roman numerals ----------------------------------------------------------

# Headings: "I. Tình hình", "IV) Nhiệm vụ" at the start of a line. Only I, V
# and X, because "C." and "D." are letter headings (A., B., C., D.).
_ROMAN_HEADING = re.compile(r"^([ \t]*)([IVX]+)[.)][ \t]+(?=\S)", re.MULTILINE)


def _replace_roman_heading(match: re.Match[str]) -> str:
    value = roman_to_int(match.group(2))
    if value is None:
        return match.group(0)
    return f"{match.group(1)}Phần {number_to_words(value)}. "


def rewrite_roman_headings(text: str) -> str:
    return _ROMAN_HEADING.sub(_replace_roman_heading, text)


# ---- web addresses -----------------------------------------------------------

_LABEL_WORDS = {
    "vn": "vi en",
    "com": "com",
    "net": "nét",
    "org": "o rờ gờ",
    "gov": "gốp",
    "edu": "e đu",
    "info": "in phô",
    "dangcongsan": "đảng cộng sản",
    "tapchicongsan": "tạp chí cộng sản",
    "xaydungdang": "xây dựng đảng",
    "tuyengiao": "tuyên giáo",
    "chinhphu": "chính phủ",
    "baochinhphu": "báo chính phủ",
    "quochoi": "quốc hội",
    "nhandan": "nhân dân",
    "qdnd": "quân đội nhân dân",
    "mattran": "mặt trận",
    "thuvienphapluat": "thư viện pháp luật",
    "tinhuy": "tỉnh ủy",
    "thanhuy": "thành ủy",
    "hanoi": "hà nội",
}
_WEB_TLDS = "vn|com|net|org|gov|edu|info"
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
# Every address the patterns below can find has one of these; the patterns themselves are slow.
_WEB_HINT = re.compile(rf"(?i)\.(?:{_WEB_TLDS})(?![a-z])|://|www\.")
_EMAIL = re.compile(rf"(?<![\w.+])([\w.+-]+)@({_HOST})(?!\w)")
_URL = re.compile(
    r"(?:(?i:https?|ftp)://|(?<![\w@./-])(?i:www)\.)[^\s<>\"'()]+"
    rf"|(?<![\w./-])(?:[a-z0-9-]+\.)+(?:{_WEB_TLDS})(?:/[^\s<>\"'()]*)?(?![\w-])"
)


def _label_words(label: str) -> str:
    if label in _LABEL_WORDS:
        return _LABEL_WORDS[label]
    words = re.sub(r"\d+", lambda m: f" {integer_text_words(m.group(0))} ", label)
    return " ".join(words.replace("-", " ").split())


def _host_words(host: str) -> str:
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    return " chấm ".join(_label_words(label) for label in labels)


def _replace_url(match: re.Match[str]) -> str:
    url = match.group(0)
    trailing = re.search(r"[.,;:!?]*$", url).group(0)  # sentence punctuation stays
    url = url[: len(url) - len(trailing)]
    host = re.sub(r"^(?i:[a-z]+://)?([^/@]*@)?", "", url)
    host = re.split(r"[/:?#]", host, maxsplit=1)[0]
    # The path is dropped on purpose: a listener cannot use it anyway.
    return f" {_host_words(host)} {trailing}"


def _replace_email(match: re.Match[str]) -> str:
    separators = {".": " chấm ", "_": " gạch dưới ", "-": " gạch ngang ", "+": " cộng "}
    local = re.sub(r"[._+-]", lambda m: separators[m.group(0)], match.group(1))
    local = re.sub(r"\d+", lambda m: f" {integer_text_words(m.group(0))} ", local)
    return f" {local} a còng {_host_words(match.group(2))} "


def rewrite_web_addresses(text: str) -> str:
    if "@" in text:
        text = _EMAIL.sub(_replace_email, text)
    return _URL.sub(_replace_url, text) if _WEB_HINT.search(text) else text


# ---- layout noise --------------------------------------------------------------

_BOX_CHARS = "\u2500-\u257f"
_BORDER_LINE = re.compile(rf"^[ \t+\-=_|:{_BOX_CHARS}]+$", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*(?:[•▪▫◦●○■□►▶➢➤→✓✔✗♦❖·]+|[-–—*+](?=[ \t]))[ \t]*", re.MULTILINE)


_LAYOUT_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (rf"[{_BOX_CHARS}|•▪✓✔]+", ", "),
        (r"[-–—=_~*#]{2,}", ", "),
        (r"~\s?(?=\d)", "khoảng "),
        (r"#\s?(?=\d)", "số "),
    )
)
_SYMBOL_RULES = tuple(  # (characters one of which the rule needs, pattern, replacement)
    (needles, re.compile(pattern), replacement)
    for needles, pattern, replacement in (
        ("!?", r"([!?])[!?]+", r"\1"),
        (".", r"\.{4,}", "..."),
        (",;:", r"([,;:])(?:\s*\1)+", r"\1"),
        ("%", r"[%]", " phần trăm "),
        ("&", r"&", " và "),
        ("@", r"@", " a còng "),
        ("/\\", r"\s*[/\\]\s*", ", "),
        ("-–—", r"(?<=\s)[-–—](?=\s)", ","),
        ("+", r"(?<=\s)[+](?=\s)", "cộng"),
        ("=", r"(?<=\s)[=](?=\s)", "bằng"),
    )
)
# Whatever is neither a letter, a space nor sentence punctuation would be spelled out or
# mumbled by the engine ("©", "→"): it goes. Numerals outside the Latin and Vietnamese
# letters ("Ⅳ", "〇") count as word characters to the regex, so they are checked one by one.
_UNSPEAKABLE = re.compile(r"[^\w\s.,;:!?…()\[\]\"'“”‘’«»\-–—]|_")
_RARE_WORD_CHAR = re.compile(r"[^\W\da-zA-Z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff_]")  # beyond Latin letters


def strip_layout(text: str) -> str:
    """Drop what only the eye needs: bullets, table borders, rule lines."""
    text = _BORDER_LINE.sub("", text)
    text = _BULLET.sub("", text)
    for pattern, replacement in _LAYOUT_RULES:
        text = pattern.sub(replacement, text)
    return text


def rewrite_symbols(text: str) -> str:
    """Read or drop the symbols that are left once numbers are words."""
    for needles, pattern, replacement in _SYMBOL_RULES:
        if any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    text = _UNSPEAKABLE.sub(" ", text)
    return _RARE_WORD_CHAR.sub(lambda m: " " if unicodedata.category(m.group(0))[0] == "N" else m.group(0), text)
