"""What every format reader shares: the result type, text clean-up and the errors."""

import re
import unicodedata
from dataclasses import dataclass

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.i18n import _

# Control characters other than tab and newline carry no meaning in a document body;
# invisible characters (zero-width, soft hyphen, direction marks, stray BOMs) break search
# and speech, and inside "MẬT" they would hide a classification stamp.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e"
                      r"\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2028": "\n", "\u2029": "\n"})


@dataclass(frozen=True)
class ExtractedText:
    """Text of one file, NFC-normalised, as paragraphs in reading order.

    `margin_text` holds what a DOCX sets apart from the running text: page headers and
    footers of every kind, watermarks, text boxes. `page_edges` holds the first and last
    lines of each PDF page, where running headers and footers print. Both are only checked
    for a classification stamp, never shown. `title_hint` is a title the format itself
    declares (a Markdown "# heading"), used when the text yields none.
    """

    paragraphs: tuple[str, ...]
    kind: str  # "docx" | "pdf" | "txt" | "md"
    pages: int | None = None
    margin_text: str = ""
    page_edges: str = ""
    title_hint: str = ""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def clean(text: str) -> str:
    """NFC, Unix newlines, no control or zero-width characters, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.translate(_SPACES))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def paragraphs_of(blocks: list[str]) -> tuple[str, ...]:
    """Clean each block and drop the empty ones."""
    cleaned = (clean(block).strip("\n") for block in blocks)
    return tuple(block for block in cleaned if block.strip())


def require_text(paragraphs: tuple[str, ...], name: str) -> tuple[str, ...]:
    if not any(any(ch.isalnum() for ch in p) for p in paragraphs):
        raise ValidationError(_("Tệp {name} không có nội dung chữ nào để nhập.").format(name=name))
    return paragraphs


def corrupt(name: str, kind: str) -> ValidationError:
    return ValidationError(_("Tệp {name} bị hỏng hoặc không phải tệp {kind} hợp lệ; không đọc được "
                             "nội dung.").format(name=name, kind=kind))
