"""Vietnamese letter case: folding for comparison, and softening of header capitals.

Party documents print the issuing body and often the title in capitals ("TỈNH ỦY THÁI
NGUYÊN"); the library shows them as the Party writes them in running text ("Tỉnh ủy Thái
Nguyên"). Proper names cannot be known in general, so the rules cover what headers
contain: the central bodies, committees and place words followed by a name, acronyms,
"Đảng" meaning the Party, and Roman numerals of a term or congress.
"""

import re

from handbook_desktop.core.text.folding import fold

_PHRASES = {  # folded words → how they are written
    ("ban", "tuyen", "giao", "va", "dan", "van", "trung", "uong"): "Ban Tuyên giáo và Dân vận Trung ương",
    ("ban", "chap", "hanh", "trung", "uong"): "Ban Chấp hành Trung ương",
    ("bo", "chinh", "tri"): "Bộ Chính trị",
    ("ban", "bi", "thu"): "Ban Bí thư",
    ("ban", "thuong", "vu"): "Ban Thường vụ",
    ("hoi", "nghi", "trung", "uong"): "Hội nghị Trung ương",
    ("hoi", "nghi", "lan", "thu"): "Hội nghị lần thứ",
    ("trung", "uong"): "Trung ương",
    ("mat", "tran", "to", "quoc"): "Mặt trận Tổ quốc",
    ("viet", "nam"): "Việt Nam",
    ("ho", "chi", "minh"): "Hồ Chí Minh",
    ("quoc", "hoi"): "Quốc hội",
    ("chinh", "phu"): "Chính phủ",
    ("nha", "nuoc"): "Nhà nước",
    ("dang", "uy"): "Đảng ủy",
}
# Words after which a proper name follows: committees named after their place, place words.
_COMMITTEES = {("tinh", "uy"): "Tỉnh ủy", ("huyen", "uy"): "Huyện ủy", ("thanh", "uy"): "Thành ủy",
               ("quan", "uy"): "Quận ủy", ("thi", "uy"): "Thị ủy"}
_PLACES = {("thanh", "pho"), ("thi", "xa"), ("thi", "tran"), ("khu", "pho"), ("to", "dan", "pho"), ("tinh",),
           ("huyen",), ("quan",), ("phuong",), ("xa",), ("thon",), ("xom",), ("ap",)}
_STOP = {"ve", "va", "nam", "thang", "nhiem", "giai", "den", "cac", "cua", "trong", "khoa", "lan", "so", "ky",
         "tu", "theo", "tai", "voi", "de", "nhu", "la", "khi", "sau", "truoc"}
_DANG_COMPOUNDS = {"bo", "uy", "vien", "doan", "phi", "tich", "vu", "ky", "kien"}
_ORDINAL_BEFORE = {"khoa", "hoi", "thu", "chuong", "phan", "muc", "lan"}
_ROMAN = re.compile(r"^[IVXLC]+[.,:;]?$")
# Folded Vietnamese syllable: optional initial consonant(s), vowels, optional final.
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?$")
_LONGEST = max(len(key) for key in _PHRASES)
TITLE_NAME_WORDS = 3  # in a title, a place name is this long at most


def soften_caps(text: str, *, proper_tail: bool = False, capitalise: bool = False) -> str:
    """"ĐẢNG ỦY PHƯỜNG BẮC SƠN" → "đảng ủy phường Bắc Sơn" ("Đảng ủy …" with `capitalise`).

    `proper_tail`: everything after a place word is its name (an issuing body ends with
    it); otherwise a name is at most a few words and ends at a common word.
    """
    words = text.split()
    keys = [fold(word).strip(",.;:()\"'“”") for word in words]
    out = [word.lower() for word in words]
    name_left, i = 0, 0
    while i < len(words):
        span, written, starts_name = _phrase_at(keys, i)
        if span:
            out[i:i + span] = written.split() if written else out[i:i + span]
            name_left = (len(words) if proper_tail else TITLE_NAME_WORDS) if starts_name else 0
            i += span
            continue
        out[i] = _word(words, keys, i, out[i])
        if name_left and not _is_acronym(keys[i]) and keys[i] not in _STOP and not keys[i][:1].isdigit():
            out[i] = _capitalised(words[i])
            name_left -= 1
        elif not proper_tail or keys[i][:1].isdigit():
            name_left = 0
        if proper_tail and _is_acronym(keys[i]):  # "TRƯỜNG THPT LƯƠNG NGỌC QUYẾN"
            name_left = len(words)
        elif proper_tail and keys[i] == "ban" and i + 1 < len(words):  # "Ban Tổ chức", "Ủy ban Kiểm tra"
            name_left = max(name_left, 1)
        i += 1
    result = " ".join(out)
    return result[:1].upper() + result[1:] if capitalise else result


def _phrase_at(keys: list[str], i: int) -> tuple[int, str, bool]:
    """(words taken, their written form or "" to keep lower case, whether a name follows)."""
    for length in range(_LONGEST, 0, -1):
        key = tuple(keys[i:i + length])
        if len(key) < length:
            continue
        if key in _PHRASES:
            return length, _PHRASES[key], False
        if key in _COMMITTEES:
            return length, _COMMITTEES[key], True
        if key in _PLACES:
            return length, "", True
    return 0, "", False


def _word(words: list[str], keys: list[str], i: int, lowered: str) -> str:
    """Words that keep capitals: acronyms, Roman numerals of a term, "Đảng" as the Party."""
    if _is_acronym(keys[i]):
        return words[i]
    if _ROMAN.match(words[i]) and i > 0 and keys[i - 1] in _ORDINAL_BEFORE:
        return words[i]
    if lowered.startswith("đảng") and keys[i] == "dang" and (i + 1 == len(keys) or keys[i + 1] not in _DANG_COMPOUNDS):
        return "Đ" + lowered[1:]
    return lowered


def _is_acronym(key: str) -> bool:
    """A word that is no Vietnamese syllable: UBND, THPT, HĐND, TW (and XIV)."""
    return len(key) >= 2 and key.isascii() and key.isalpha() and not _SYLLABLE.match(key)


def _capitalised(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
