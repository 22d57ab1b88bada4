"""What a document says about itself: number/symbol, type, issuer, date, title, and
whether it carries a classification stamp (mật, tối mật, tuyệt mật).

Party documents (Hướng dẫn 36-HD/VPTW) open with a header block: issuing body top left
over "*" and "Số 05-NQ/TW", "ĐẢNG CỘNG SẢN VIỆT NAM" and "Nơi, ngày … tháng … năm …" top
right, then the type word ("NGHỊ QUYẾT") and the title lines. Extracted text keeps those
as lines (a PDF may put both columns on one line, separated by runs of spaces), so the
rules work on line segments of the first lines only: citations in the body ("căn cứ Nghị
quyết số 21-NQ/TW") must never become the document's own number. Everything here is a
best guess the user can correct after import.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from handbook_desktop.core.library.models import DocumentType
from handbook_desktop.core.text.folding import fold
from handbook_desktop.core.text.case import soften_caps

HEAD_LINES = 40  # the type word and title sit within the first lines
HEADER_LINES = 15  # without a type word, the header is at most this long
STAMP_TOP_LINES = 20  # a stamp in any case within these lines
STAMP_CAPS_LINES = 60  # further down only a stamp in capitals counts
MAX_SUBJECT_LINES = 4
MAX_SUBJECT_CHARS = 300
MAX_DATELINE_CHARS = 80


class Classification(StrEnum):
    MAT = "mat"
    TOI_MAT = "toi_mat"
    TUYET_MAT = "tuyet_mat"


# The stamp as printed; it is the document's own wording, so it is not translated.
STAMP_TEXT = {Classification.MAT: "MẬT", Classification.TOI_MAT: "TỐI MẬT",
              Classification.TUYET_MAT: "TUYỆT MẬT"}
STAMPS = {"mat": Classification.MAT, "toi mat": Classification.TOI_MAT, "tuyet mat": Classification.TUYET_MAT}
STAMP_LETTERS = {words.replace(" ", ""): found for words, found in STAMPS.items()}


@dataclass(frozen=True)
class DocumentMetadata:
    number: str = ""  # "57-NQ/TW", "123/QĐ-TTg"
    doc_type: DocumentType = DocumentType.KHAC
    issuer: str = ""  # "Ban Chấp hành Trung ương"
    issued_on: date | None = None
    title: str = ""  # "Nghị quyết về …"; "" when no type word and title were found
    classification: Classification | None = None


# ---- number and symbol ------------------------------------------------------------------

_DASH = "[-‐‑–]"
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]{0,11}"
PARTY_SYMBOL = rf"\d{{1,5}}[a-zA-Z]?\s?{_DASH}\s?[A-ZĐ][A-Za-zĐđ]{{0,5}}(?:\s?/\s?{_CODE})+"
_STATE_HEAD = rf"\d{{1,5}}(?:\s?/\s?(?:19|20)\d\d)?\s?/\s?{_CODE}"
STATE_SYMBOL = rf"{_STATE_HEAD}(?:\s?{_DASH}\s?{_CODE})*"  # "Số 45/2024/QH15" has no dash
_END = r"(?![A-Za-zĐđ0-9])"
NUMBERED = re.compile(rf"^[Ss][ốỐoO]\s*(?:[:.]\s*)?(?P<symbol>{PARTY_SYMBOL}|{STATE_SYMBOL}){_END}")
# Without "Số", only a symbol that cannot be a fraction or a date counts.
BARE = re.compile(rf"^(?P<symbol>{PARTY_SYMBOL}|{_STATE_HEAD}(?:\s?{_DASH}\s?{_CODE})+){_END}")

TYPE_CODES = {"NQ": DocumentType.NGHI_QUYET, "CT": DocumentType.CHI_THI, "QĐi": DocumentType.QUY_DINH,
              "QĐ": DocumentType.QUYET_DINH, "QD": DocumentType.QUYET_DINH, "KL": DocumentType.KET_LUAN,
              "HD": DocumentType.HUONG_DAN, "TB": DocumentType.THONG_BAO, "KH": DocumentType.KE_HOACH,
              "BC": DocumentType.BAO_CAO}
ISSUER_CODES = {
    "TW": "Ban Chấp hành Trung ương", "BCHTW": "Ban Chấp hành Trung ương", "BCT": "Bộ Chính trị",
    "BBT": "Ban Bí thư", "BTCTW": "Ban Tổ chức Trung ương", "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương", "BDVTW": "Ban Dân vận Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng", "UBKTTW": "Ủy ban Kiểm tra Trung ương", "TU": "Tỉnh ủy",
    "HU": "Huyện ủy", "ThU": "Thành ủy", "QU": "Quận ủy", "ĐU": "Đảng ủy", "ĐUK": "Đảng ủy khối",
    "CB": "Chi bộ", "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "UBND": "Ủy ban nhân dân",
}


def parse_number(segment: str) -> str:
    """The symbol of a "Số …" segment ("Số: 366-QĐ/TW" → "366-QĐ/TW"), else ""."""
    match = NUMBERED.match(segment.strip())
    return _normal_symbol(match.group("symbol")) if match else ""


def _bare_number(segment: str) -> str:
    match = BARE.match(segment.strip())
    return _normal_symbol(match.group("symbol")) if match else ""


def _normal_symbol(symbol: str) -> str:
    return re.sub(_DASH, "-", re.sub(r"\s", "", symbol))


def type_from_number(number: str) -> DocumentType | None:
    """The type code of a symbol: "05-NQ/TW" → NQ, "123/QĐ-TTg" → QĐ."""
    match = re.match(r"\d+[a-zA-Z]?-([^/]+)/", number) or re.match(r"\d+(?:/\d{4})?/([^-/]+)", number)
    return TYPE_CODES.get(match.group(1)) if match else None


def issuer_from_number(number: str) -> str:
    """The issuing body a symbol names: "05-NQ/TW" → TW, "123/QĐ-TTg" → TTg."""
    if re.match(r"\d+[a-zA-Z]?-", number):
        return ISSUER_CODES.get(number.rsplit("/", 1)[-1], "")
    return ISSUER_CODES.get(number.rsplit("-", 1)[-1], "") if "-" in number else ""


# ---- date ---------------------------------------------------------------------------------

LONG_DATE = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
DATELINE = re.compile(r",\s*ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
NUMERIC_DATELINE = re.compile(r",\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])")


def find_date(text: str) -> date | None:
    """The first date written in a line of prose: "…, ngày 22 tháng 12 năm 2024" or "22/12/2024"
    (also 22-12-2024, 22.12.2024). A search in running text; a date value is read by
    `core.text.dates.read_date`."""
    folded = fold(text)
    for pattern in (LONG_DATE, NUMERIC_DATE):
        for match in pattern.finditer(folded):
            found = _valid_date(*match.groups())
            if found:
                return found
    return None


def _valid_date(day: str, month: str, year: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1930 <= found.year <= 2100 else None


# ---- the header block ---------------------------------------------------------------------

TYPE_WORDS = {  # folded words → type and how the title starts
    ("nghi", "quyet"): (DocumentType.NGHI_QUYET, "Nghị quyết"),
    ("chi", "thi"): (DocumentType.CHI_THI, "Chỉ thị"),
    ("quy", "dinh"): (DocumentType.QUY_DINH, "Quy định"),
    ("quyet", "dinh"): (DocumentType.QUYET_DINH, "Quyết định"),
    ("ket", "luan"): (DocumentType.KET_LUAN, "Kết luận"),
    ("huong", "dan"): (DocumentType.HUONG_DAN, "Hướng dẫn"),
    ("thong", "bao"): (DocumentType.THONG_BAO, "Thông báo"),
    ("ke", "hoach"): (DocumentType.KE_HOACH, "Kế hoạch"),
    ("bao", "cao"): (DocumentType.BAO_CAO, "Báo cáo"),
    ("van", "kien"): (DocumentType.VAN_KIEN, "Văn kiện"),
    ("chuong", "trinh"): (DocumentType.KHAC, "Chương trình"),
    ("to", "trinh"): (DocumentType.KHAC, "Tờ trình"),
    ("bien", "ban"): (DocumentType.KHAC, "Biên bản"),
    ("quy", "che"): (DocumentType.KHAC, "Quy chế"),
    ("de", "an"): (DocumentType.KHAC, "Đề án"),
}
NOT_ISSUER = [("dang", "cong", "san", "viet", "nam"), ("cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"),
              ("doc", "lap", "tu", "do", "hanh", "phuc")]
URGENCY = {"khan", "thuong khan", "hoa toc", "hoa toc hen gio"}
# First words of an issuing body's name, and of a committee ("TỈNH ỦY …": second word ủy).
# Other capitals in the header ("I. MỤC ĐÍCH, YÊU CẦU") are not an issuer.
ORG_STARTS = {"ban", "bo", "dang", "chi", "uy", "van", "hoi", "doan", "mat", "cong", "thu", "chinh", "quoc", "so",
              "truong", "tong", "cuc", "ubnd", "hdnd", "mttq", "lien", "vien", "hoc"}
# A header line starting with a place word continues the body named on the line above
# ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN" / "TỈNH THÁI NGUYÊN").
CONTINUATION = {"tinh", "thanh", "huyen", "quan", "phuong", "xa", "thi", "khu", "va", "cac", "cua", "trung"}
BODY_STARTS = {"can cu", "ngay", "thuc hien", "kinh gui", "sau khi", "hom nay", "vua qua", "trong", "de", "nham",
               "thoi gian", "dia diem", "quyet nghi", "chuong", "dieu", "phan"}
SUBJECT_OPENINGS = ("ve ", "mot so ")
SEPARATOR = re.compile(r"^[\W_]*$")
SEGMENT_SPLIT = re.compile(r"\t+| {2,}")
ITEM = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,3}|[a-zđ])[.)]\s")


def recognise(text: str, margin_text: str = "", page_edges: str = "") -> DocumentMetadata:
    """Every field that can be read from the top of `text`; never raises on any text."""
    segments = _segments(text, HEAD_LINES)
    type_at = next((i for i, seg in enumerate(segments) if _type_word(seg)), None)
    header = segments[:type_at] if type_at is not None else segments[:HEADER_LINES]
    number_at = next((i for i, seg in enumerate(header) if parse_number(seg)), None)
    number = parse_number(header[number_at]) if number_at is not None else ""
    if not number:
        number_at = next((i for i, seg in enumerate(header) if _bare_number(seg)), None)
        number = _bare_number(header[number_at]) if number_at is not None else ""
    doc_type, title = _title(segments, type_at) if type_at is not None else (DocumentType.KHAC, "")
    if doc_type == DocumentType.KHAC and number:  # the title word, when there is one, wins over the code
        doc_type = type_from_number(number) or DocumentType.KHAC
    return DocumentMetadata(
        number=number[:64], doc_type=doc_type,
        issuer=(_issuer(header[:number_at] if number_at is not None else header) or issuer_from_number(number))[:200],
        issued_on=_issue_date(header, segments), title=title,
        classification=detect_classification(text, margin_text, page_edges))


def _segments(text: str, max_lines: int) -> list[str]:
    """Pieces of the first non-empty lines, split where a PDF put columns side by side."""
    lines = [line for line in unicodedata.normalize("NFC", text).splitlines() if line.strip()][:max_lines]
    return [piece.strip() for line in lines for piece in SEGMENT_SPLIT.split(line.strip()) if piece.strip()]


def is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _type_word(segment: str) -> tuple[DocumentType, str, str] | None:
    """(type, title word, rest of the line) when `segment` is a type line such as "NGHỊ QUYẾT"."""
    segment = segment.strip(" *-–.:")
    if not is_caps(segment):
        return None
    words = segment.split()
    key = tuple(fold(word) for word in words[:2])
    if key not in TYPE_WORDS:
        return None
    doc_type, display = TYPE_WORDS[key]
    return doc_type, display, " ".join(words[2:])


def _title(segments: list[str], type_at: int) -> tuple[DocumentType, str]:
    doc_type, display, rest = _type_word(segments[type_at])
    subject = [rest] if rest else []
    for segment in segments[type_at + 1:type_at + 1 + MAX_SUBJECT_LINES]:
        if _ends_title(segment) or (subject and not _continues_title(subject[-1], segment)):
            break
        subject.append(segment if not subject or not segment[:1].isupper() or is_caps(segment)
                       else segment[:1].lower() + segment[1:])
    text = " ".join(soften_caps(part) if is_caps(part) else part for part in subject)
    text = re.sub(r"\s+", " ", text).strip(" -–")
    text = "về" + text[2:] if text.startswith("Về ") else text  # it follows the type word
    return doc_type, f"{display} {text}"[:500] if text else ""


def _continues_title(previous: str, segment: str) -> bool:
    """A wrapped title line starts in lower case; capitals continue capitals; a subject
    under a conference name in capitals ("… KHÓA XII" / "Một số vấn đề về …") opens with
    these words. A line in capitals after a mixed-case title is the signer's preamble."""
    if segment[:1].islower():
        return True
    return is_caps(previous) and (is_caps(segment) or fold(segment).startswith(SUBJECT_OPENINGS))


def _ends_title(segment: str) -> bool:
    folded = fold(segment)
    if (SEPARATOR.match(segment) or len(segment) > MAX_SUBJECT_CHARS or segment.endswith(":")
            or ITEM.match(segment) or parse_number(segment) or DATELINE.search(folded) or NUMERIC_DATELINE.search(folded)):
        return True
    opens_body = any(folded == start or folded.startswith(start + " ") for start in BODY_STARTS)
    return segment[:1].isupper() and not is_caps(segment) and opens_body


def _issuer(header: list[str]) -> str:
    """The issuing body: the last body named in capitals in the header's left column."""
    bodies: list[list[str]] = []
    for segment in header:
        words = _without_phrases(segment.strip(" *").split(), NOT_ISSUER)
        line = " ".join(words)
        folded = [fold(word) for word in words]
        if (not is_caps(line) or len(words) < 2 or " ".join(folded) in URGENCY or " ".join(folded) in STAMPS
                or folded[:2] == ["do", "mat"] or folded[:2] == ["do", "khan"] or find_date(line)):
            continue
        if folded[0] in ORG_STARTS or folded[1] == "uy":
            bodies.append(words)
        elif bodies and folded[0] in CONTINUATION:
            bodies[-1].extend(words)
    return soften_caps(" ".join(bodies[-1]), proper_tail=True, capitalise=True) if bodies else ""


def _without_phrases(words: list[str], phrases: list[tuple[str, ...]]) -> list[str]:
    folded = [fold(word).strip(",.-–") for word in words]
    for phrase in phrases:
        for start in range(len(words) - len(phrase) + 1):
            if tuple(folded[start:start + len(phrase)]) == phrase:
                return _without_phrases(words[:start] + words[start + len(phrase):], phrases)
    return words


def _issue_date(header: list[str], segments: list[str]) -> date | None:
    for segment in header:
        found = find_date(segment) if len(segment) <= MAX_DATELINE_CHARS else None
        if found:  # a longer line is prose citing another document's date
            return found
    # A dateline ("Hà Nội, ngày …") further down, e.g. when the header was not recognised.
    for segment in segments:
        match = DATELINE.search(fold(segment))
        if match and (found := _valid_date(*match.groups())):
            return found
    return None


# ---- classification -----------------------------------------------------------------------

CLASSIFIED_LABEL = re.compile(r"^do mat\s*[:.]?\s*(.+)$")
# Characters that print nothing: zero-width ones, the soft hyphen, direction marks, BOMs,
# fillers. Typed (or pasted) inside "MẬT" they must not hide the stamp.
INVISIBLE = re.compile(r"[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                       r"\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def detect_classification(text: str, margin_text: str = "", page_edges: str = "") -> Classification | None:
    """The stamp MẬT / TỐI MẬT / TUYỆT MẬT, or "Độ mật: …", where a stamp is printed.

    Where: in `margin_text` (a DOCX's page headers and footers, watermarks, text boxes) in
    any case; in `page_edges` (the top and bottom lines of each PDF page) in capitals; in
    the text's first lines in any case, further down its first page in capitals. The stamp
    must stand alone on its line (or its column): "bí mật" in prose, or a title about
    protecting state secrets, is not a stamp. Letter spacing ("T Ố I  M Ậ T"), invisible
    characters, non-breaking spaces, full-width letters and NFD input do not hide it.
    """
    top = _visible_lines(text, STAMP_CAPS_LINES)
    candidates = [(line, True) for line in _visible_lines(margin_text)]
    candidates += [(line, False) for line in _visible_lines(page_edges)]
    candidates += [(line, i < STAMP_TOP_LINES) for i, line in enumerate(top)]
    for line, any_case in candidates:
        for piece in _pieces(line):
            if found := _stamp(piece, any_case):
                return found
    return None


def _pieces(line: str) -> list[str]:
    """The line, then its columns; a letter-spaced line ("B Ả O  M Ậ T") is one piece."""
    columns = [piece.strip() for piece in SEGMENT_SPLIT.split(line) if piece.strip()]
    if len(columns) == 1 or all(len(word) == 1 for word in _words(line)):
        return [line]
    return [line, *columns]


def _visible_lines(text: str, max_lines: int | None = None) -> list[str]:
    """Non-empty lines as printed: compatibility forms folded (NFKC: no-break and other
    spaces become spaces, full-width letters plain), invisible characters gone."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[:max_lines]


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]|_", " ", fold(text)).split()


def _stamp_of(words: list[str]) -> Classification | None:
    """MẬT, TỐI MẬT or TUYỆT MẬT, spaced as usual or letter by letter ("T Ố I  M Ậ T")."""
    return STAMP_LETTERS.get("".join(words))


def _stamp(segment: str, any_case: bool) -> Classification | None:
    words = _words(segment)
    if label := CLASSIFIED_LABEL.match(" ".join(words)):
        return _stamp_of(label.group(1).split())
    found = _stamp_of(words)
    if found and (any_case or is_caps(segment)):
        return found
    number = NUMBERED.match(segment)
    if number and any_case:  # a PDF may set the stamp on the number's line: "Số 05-NQ/TW MẬT"
        rest = segment[number.end():]
        return _stamp_of(_words(rest)) if is_caps(rest) else None
    return None
