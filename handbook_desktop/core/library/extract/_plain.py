"""Plain text (.txt) and Markdown (.md).

Vietnamese text files come in UTF-8 (with or without BOM), UTF-16 from Windows Notepad,
or Windows-1258 from older systems; cp1258 writes tones as combining marks, which the
NFC step composes.
"""

import codecs
import re

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library.extract._common import ExtractedText
from handbook_desktop.core.library.extract._common import clean
from handbook_desktop.core.library.extract._common import paragraphs_of
from handbook_desktop.core.library.extract._common import require_text
from handbook_desktop.i18n import _

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
BINARY_SHARE = 0.01  # more control characters than this and it is not a text file
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def decode_text(data: bytes, name: str) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            candidates = (encoding,)
            break
    else:
        candidates = ("utf-8", "cp1258")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return clean(text.replace("\f", "\n\n"))  # a form feed starts a new page
        break
    raise ValidationError(_("Tệp {name} không phải tệp văn bản thuần hoặc dùng bảng mã không nhận ra; hãy "
                            "lưu lại dưới dạng UTF-8 rồi nhập lại.").format(name=name))


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= BINARY_SHARE * max(len(text), 1)


def extract_txt(data: bytes, name: str) -> ExtractedText:
    text = decode_text(data, name)
    return ExtractedText(require_text(paragraphs_of(BLANK_LINE.split(text)), name), "txt")


# ---- Markdown: keep the words and the paragraphs, drop the markup ----------------------

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
QUOTE = re.compile(r"^\s{0,3}>\s?")
BULLET = re.compile(r"^[*+]\s+")
INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link: its text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolink
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML
    (re.compile(r"`+([^`]+)`+"), r"\1"),  # code span
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"), r"\1"),  # emphasis with *
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # emphasis with _ (not snake_case)
    (re.compile(r"~~(.+?)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # escapes
]


def extract_md(data: bytes, name: str) -> ExtractedText:
    lines = _drop_front_matter(decode_text(data, name).split("\n"))
    blocks, title = _md_blocks(lines)
    return ExtractedText(require_text(paragraphs_of(blocks), name), "md", title_hint=title)


def _drop_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---" and "---" in (line.strip() for line in lines[1:]):
        return lines[[line.strip() for line in lines].index("---", 1) + 1:]
    return lines


def _md_blocks(lines: list[str]) -> tuple[list[str], str]:
    """Blocks separated as Markdown separates them; lines inside a block stay lines,
    as in a .txt file, so a header typed line by line is still read line by line."""
    blocks: list[str] = []
    current: list[str] = []
    title, in_code = "", False

    def flush() -> None:
        if current:
            blocks.append("\n".join(current))
            current.clear()

    for raw in lines:
        if FENCE.match(raw):
            flush()
            in_code = not in_code
        elif in_code:
            current.append(raw)
        elif (heading := _heading(raw, current)) is not None:
            text, level = heading
            flush()
            blocks.append(text)
            title = title or (text if level == 1 else "")
        else:
            _plain_line(QUOTE.sub("", raw), current, flush)
    flush()
    return blocks, title


def _heading(line: str, current: list[str]) -> tuple[str, int] | None:
    """An ATX heading ("# Title"), or a setext one (the line before "====" / "----")."""
    if match := HEADING.match(line):
        return _inline(match.group(2)), len(match.group(1))
    if (match := SETEXT.match(line)) and len(current) == 1:
        return current.pop(), 1 if match.group(1).startswith("=") else 2
    return None


def _plain_line(line: str, current: list[str], flush) -> None:
    if not line.strip() or RULE.match(line) or TABLE_RULE.match(line) or LINK_DEF.match(line):
        flush()
    elif LIST_ITEM.match(line) or line.lstrip().startswith("|"):
        flush()
        current.append(_table_row(_inline(BULLET.sub("- ", line.strip(), count=1))))
        flush()
    else:
        current.append(_inline(line.strip()))


def _inline(text: str) -> str:
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return text


def _table_row(text: str) -> str:
    if not text.startswith("|"):
        return text
    return " | ".join(cell.strip() for cell in text.strip("|").split("|"))
