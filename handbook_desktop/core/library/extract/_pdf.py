"""PDF text, page by page, with lines joined back into paragraphs.

pypdf gives one string per page with the visual lines; a paragraph is rebuilt from them
so the reader and the speech engine get sentences, not broken lines. Header lines stay
lines of their own (short, centred, or in capitals), which the metadata reader needs.
"""

import io
import logging
import re
import warnings
from contextlib import contextmanager

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library.extract._common import ExtractedText
from handbook_desktop.core.library.extract._common import clean
from handbook_desktop.core.library.extract._common import corrupt
from handbook_desktop.core.library.extract._common import paragraphs_of
from handbook_desktop.i18n import _

# A complete PDF starts with this and ends with the end-of-file marker; a download cut
# short lacks the marker, and pypdf would otherwise quietly return the pages it found.
HEADER, TRAILER = b"%PDF-", b"%%EOF"
TRAILER_WINDOW = 4096
PAGE_NUMBER = re.compile(r"^[-–\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$", re.I)
ITEM_START = re.compile(r"^(?:[-–+•*]|\d{1,3}[.)]|[a-zđ][)]|[IVXLC]{1,6}\.)\s")
SENTENCE_END = (".", ":", ";", "!", "?", "…")
SHORT_LINE = 0.7  # a line shorter than this share of the page's longest ends its paragraph
EDGE_LINES = 3  # lines at the top and at the bottom of a page: running header and footer


def extract_pdf(data: bytes, name: str) -> ExtractedText:
    if HEADER not in data[:1024]:
        raise corrupt(name, "PDF")
    if TRAILER not in data[-TRAILER_WINDOW:]:
        raise ValidationError(_("Tệp {name} không trọn vẹn (bị cắt cụt, có thể do tải về chưa xong); hãy "
                                "lấy lại tệp đầy đủ.").format(name=name))
    pages = _page_texts(data, name)
    if not any(ch.isalpha() for page in pages for ch in page):
        raise ValidationError(_("Tệp {name} không có lớp chữ: đây là bản quét (ảnh chụp) nên không trích "
                                "được nội dung. Hãy dùng bản PDF có chữ hoặc tệp Word.").format(name=name))
    blocks: list[str] = []
    for page in pages:
        _append_page(blocks, _page_paragraphs(page))
    return ExtractedText(paragraphs_of(blocks), "pdf", pages=len(pages), page_edges=_page_edges(pages))


def _page_texts(data: bytes, name: str) -> list[str]:
    try:
        with _quiet_pypdf():
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not _opens_without_password(reader):
                raise ValidationError(_("Tệp {name} là PDF được đặt mật khẩu; hãy bỏ mật khẩu rồi nhập "
                                        "lại.").format(name=name))
            return [clean(page.extract_text() or "") for page in reader.pages]
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed PDFs raise anything from KeyError to zlib.error
        raise corrupt(name, "PDF") from exc


def _opens_without_password(reader) -> bool:
    """Many PDFs are encrypted only to restrict printing, with an empty open password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - e.g. AES without the optional crypto package
        return False


@contextmanager
def _quiet_pypdf():
    """pypdf logs repairs of sloppy files as warnings; the CLI must not print them."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _page_edges(pages: list[str]) -> str:
    edges: list[str] = []
    for page in pages:
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        edges += lines if len(lines) <= 2 * EDGE_LINES else lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    return "\n".join(edges)


def _page_paragraphs(page: str) -> list[str]:
    lines = [line.strip() for line in page.split("\n")]
    while lines and (not lines[0] or PAGE_NUMBER.match(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1] or PAGE_NUMBER.match(lines[-1])):
        lines.pop()
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and _starts_new(current[-1], line, longest):
            paragraphs.append(" ".join(current))
            current = []
        if line:
            current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _starts_new(previous: str, line: str, longest: int) -> bool:
    if not line or ITEM_START.match(line) or _is_caps(previous) or _is_caps(line):
        return True
    if line[:1].islower() and not previous.endswith(SENTENCE_END):
        return False  # a wrapped sentence, even after a short centred line of a title
    return len(previous) < SHORT_LINE * longest or (previous.endswith(SENTENCE_END) and line[:1].isupper())


def _is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _append_page(blocks: list[str], paragraphs: list[str]) -> None:
    """A sentence running over a page break continues the previous page's last paragraph."""
    if blocks and paragraphs and not blocks[-1].endswith(SENTENCE_END) and paragraphs[0][:1].islower():
        blocks[-1] = f"{blocks[-1]} {paragraphs[0]}"
        paragraphs = paragraphs[1:]
    blocks.extend(paragraphs)
