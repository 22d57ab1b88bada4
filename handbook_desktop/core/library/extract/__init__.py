"""Text of a document file (.docx, .pdf, .txt, .md) for the library.

Every problem with the input becomes a `ValidationError` whose message names the file;
no library exception reaches the user. The format readers are imported only when used,
so start-up never pays for python-docx or pypdf.
"""

import unicodedata
from collections.abc import Callable
from pathlib import Path

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library.extract._common import ExtractedText
from handbook_desktop.i18n import _

__all__ = ["MAX_FILE_BYTES", "MIME_TYPES", "SUPPORTED_SUFFIXES", "ExtractedText", "display_name", "extract_bytes",
           "extract_text", "read_document_file"]

MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/markdown",
}
SUPPORTED_SUFFIXES = tuple(MIME_TYPES)
# Old laptops: a larger file is almost certainly not a Party document but a scan or a video.
MAX_FILE_BYTES = 100 * 1024 * 1024


def display_name(path: Path) -> str:
    """The file name as the user typed it (macOS hands out decomposed names)."""
    return unicodedata.normalize("NFC", path.name)


def read_document_file(path: Path) -> bytes:
    """The bytes of a file the library accepts, or a `ValidationError` saying why not."""
    name = display_name(path)
    suffix = path.suffix.lower()
    if suffix not in MIME_TYPES:
        raise _unsupported(name, suffix)
    try:
        if not path.is_file():
            raise ValidationError(_("Không tìm thấy tệp {name} ({path}).").format(name=name, path=path))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(_("Tệp {name} quá lớn ({size} MB; giới hạn {limit} MB).").format(
                name=name, size=size // 2**20, limit=MAX_FILE_BYTES // 2**20))
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("Không đọc được tệp {name} ({error}).").format(
            name=name, error=exc.strerror or exc)) from exc
    if not data:
        raise ValidationError(_("Tệp {name} rỗng (0 byte).").format(name=name))
    return data


def extract_bytes(data: bytes, filename: str) -> ExtractedText:
    """Text of a file's contents; `filename` picks the format and names it in messages."""
    suffix = Path(filename).suffix.lower()
    if suffix not in MIME_TYPES:
        raise _unsupported(filename, suffix)
    if not data:
        raise ValidationError(_("Tệp {name} rỗng (0 byte).").format(name=filename))
    return _reader(suffix)(data, filename)


def extract_text(path: str | Path) -> ExtractedText:
    path = Path(path)
    return extract_bytes(read_document_file(path), display_name(path))


def _unsupported(name: str, suffix: str) -> ValidationError:
    return ValidationError(_("Tệp {name}: không nhận định dạng “{suffix}”; chỉ nhập được tệp .docx, .pdf, .txt "
                             "và .md.").format(name=name, suffix=suffix or _("không có đuôi")))


def _reader(suffix: str) -> Callable[[bytes, str], ExtractedText]:
    if suffix == ".docx":
        from handbook_desktop.core.library.extract._docx import extract_docx
        return extract_docx
    if suffix == ".pdf":
        from handbook_desktop.core.library.extract._pdf import extract_pdf
        return extract_pdf
    from handbook_desktop.core.library.extract import _plain
    return _plain.extract_md if suffix == ".md" else _plain.extract_txt
