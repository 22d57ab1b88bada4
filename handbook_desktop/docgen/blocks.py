"""The layout model: what a document is made of, independent of DOCX or PDF.

A document's layout is a short list of blocks (the header block, centred title lines,
paragraphs, tables, signature rows, page breaks). Text is a tuple of runs; a `Field` is a
named hole filled from the layout's context, and a `Fill` is a block-level hole that the
context fills with whole paragraphs. Both back ends (`to_docx`, `to_pdf`) draw the same
resolved blocks; `as_template` turns the holes into `{{ name }}` text instead, which is how
the user-editable DOCX templates are made from the very same layout.

Styles live here too, one table for both back ends, so a size or an indent cannot differ
between the DOCX and the PDF of a document.
"""

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True)
class TextStyle:
    """A paragraph style; `name` is the DOCX paragraph style it becomes."""

    name: str
    size: float  # points
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: Align = Align.JUSTIFY
    first_indent_mm: float = 0.0
    space_before: float = 0.0  # points
    space_after: float = 0.0
    leading: float | None = None  # line height in points; None: 1.25 × size
    keep_with_next: bool = False

    @property
    def line_height(self) -> float:
        return self.leading or round(self.size * 1.25, 1)


class S:
    """The house styles (Hướng dẫn 36-HD/VPTW via FORMATS.md: body 14, party name 15, type 16)."""

    BODY = TextStyle("Doc Body", 14, first_indent_mm=10, space_after=3, leading=18)
    TEXT = TextStyle("Doc Text", 14, space_after=3, leading=18)  # a labelled line, no indent
    ITEM = TextStyle("Doc Item", 14, first_indent_mm=10, space_after=2, leading=18)  # "- …" under a heading
    HEADING = TextStyle("Doc Heading", 14, bold=True, space_before=6, space_after=3, leading=18,
                        keep_with_next=True)
    SECTION = TextStyle("Doc Section", 14, bold=True, align=Align.CENTER, space_before=6, space_after=6,
                        keep_with_next=True)
    DOC_TYPE = TextStyle("Doc Type", 16, bold=True, align=Align.CENTER, space_before=18, leading=20,
                         keep_with_next=True)
    DOC_SUMMARY = TextStyle("Doc Summary", 14, bold=True, align=Align.CENTER, space_after=12, leading=18,
                            keep_with_next=True)
    HEAD_HIGHER = TextStyle("Doc Header Higher", 14, align=Align.CENTER, leading=17)
    HEAD_BODY = TextStyle("Doc Header Body", 14, bold=True, align=Align.CENTER, leading=17)
    HEAD_STAR = TextStyle("Doc Header Star", 14, align=Align.CENTER, leading=17)
    HEAD_NUMBER = TextStyle("Doc Header Number", 14, align=Align.CENTER, leading=17)
    HEAD_PARTY = TextStyle("Doc Header Party", 15, bold=True, align=Align.CENTER, leading=18)
    HEAD_DATE = TextStyle("Doc Header Date", 14, italic=True, align=Align.CENTER, space_before=8, leading=17)
    CORNER = TextStyle("Doc Form Code", 12, italic=True, align=Align.RIGHT, leading=14)
    SIGN_TITLE = TextStyle("Doc Signature Title", 14, bold=True, align=Align.CENTER, leading=17)
    SIGN_NAME = TextStyle("Doc Signature Name", 14, bold=True, align=Align.CENTER, leading=17)
    RECIPIENTS_LABEL = TextStyle("Doc Recipients Label", 12, bold=True, italic=True, align=Align.LEFT,
                                 leading=14)
    RECIPIENTS = TextStyle("Doc Recipients", 12, align=Align.LEFT, leading=14)
    CELL = TextStyle("Doc Table", 12, align=Align.LEFT, leading=14)
    CELL_CENTER = TextStyle("Doc Table Centred", 12, align=Align.CENTER, leading=14)
    CELL_HEAD = TextStyle("Doc Table Heading", 12, bold=True, align=Align.CENTER, leading=14)
    FOOTER = TextStyle("Doc Footer", 12, align=Align.CENTER, leading=14)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Field:
    """An inline hole: the context's string value, in this run's formatting."""

    name: str
    bold: bool = False
    italic: bool = False


Inline = Run | Field
Text = tuple[Inline, ...]


def text(*parts: "str | Inline") -> Text:
    """Text from strings and runs: text("Thời gian: ", Field("thoi_gian"))."""
    return tuple(Run(part) if isinstance(part, str) else part for part in parts)


def placeholder(name: str) -> str:
    return f"{{{{ {name} }}}}"


def plain(value: Text) -> str:
    return "".join(part.text if isinstance(part, Run) else placeholder(part.name) for part in value)


@dataclass(frozen=True)
class Para:
    content: Text
    style: TextStyle = S.BODY

    @classmethod
    def of(cls, content: "str | Text", style: TextStyle = S.BODY) -> "Para":
        return cls(text(content) if isinstance(content, str) else content, style)


@dataclass(frozen=True)
class Fill:
    """A block-level hole: the context gives a tuple of `Para` (none: nothing printed)."""

    name: str
    style: TextStyle = S.BODY  # the placeholder paragraph's style in a template


@dataclass(frozen=True)
class Header:
    """Issuing body on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule and the date on the right."""

    higher_body: Text
    body: Text
    number: Text | None  # "Số 11-NQ/CB"; minutes are unnumbered
    place_date: Text
    corner: str = ""  # form code above the header ("Mẫu 7-HSĐV")


@dataclass(frozen=True)
class Column:
    label: str
    weight: float  # share of the text width
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    size: float = 12  # points
    padding_mm: float = 1.0  # above and below each cell's text: room for a signature


@dataclass(frozen=True)
class SignBlock:
    titles: tuple[Text, ...]  # ("T/M CHI BỘ", "BÍ THƯ"), bold capitals
    name: Text  # printed under the space for the signature
    space_mm: float = 22.0


@dataclass(frozen=True)
class Recipients:
    """ "Nơi nhận:" and its list; `entries` is a Fill name or the lines themselves."""

    entries: str | tuple[str, ...]


@dataclass(frozen=True)
class SignatureRow:
    """Two blocks side by side: (THƯ KÝ | CHỦ TRÌ) or (Nơi nhận | T/M CHI BỘ)."""

    left: SignBlock | Recipients | None
    right: SignBlock | None


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | Fill | Header | Table | SignatureRow | PageBreak
ContextValue = str | tuple[Para, ...]


@dataclass(frozen=True)
class Layout:
    title: str  # the file's title property
    blocks: tuple[Block, ...]
    context: Mapping[str, ContextValue] = field(default_factory=dict)
    landscape: bool = False


def recipient_lines(entries: tuple[str, ...]) -> tuple[str, ...]:
    """ "- A," … "- Lưu chi bộ.": the list always ends with the cell's own file copy."""
    kept = [entry.strip().rstrip(",.;") for entry in entries if entry.strip()]
    if not kept or kept[-1].casefold() != "lưu chi bộ":
        kept = [entry for entry in kept if entry.casefold() != "lưu chi bộ"] + ["Lưu chi bộ"]
    return tuple(f"- {entry}{'.' if i == len(kept) - 1 else ','}" for i, entry in enumerate(kept))


class MissingField(KeyError):
    """A layout names a field its context lacks: a programming error, not a user's."""


def resolve(layout: Layout) -> Layout:
    """Fields and fills replaced by the context's values; text in NFC (one code point per letter)."""
    context = layout.context

    def value(name: str) -> ContextValue:
        if name not in context:
            raise MissingField(name)
        return context[name]

    def inline(content: Text) -> Text:
        return tuple(_nfc(Run(value(p.name), p.bold, p.italic)) if isinstance(p, Field) else _nfc(p)
                     for p in content)

    return replace(layout, blocks=_map_blocks(layout.blocks, inline, value, False), context={})


def as_template(layout: Layout) -> Layout:
    """Fields and fills shown as `{{ name }}`: the layout as an editable DOCX template."""
    def inline(content: Text) -> Text:
        return tuple(Run(placeholder(p.name), p.bold, p.italic) if isinstance(p, Field) else p for p in content)

    def value(name: str) -> ContextValue:
        return placeholder(name)

    return replace(layout, blocks=_map_blocks(layout.blocks, inline, value, True), context={})


def _nfc(run: Run) -> Run:
    return replace(run, text=unicodedata.normalize("NFC", run.text))


def _map_blocks(blocks: tuple[Block, ...], inline, value, template: bool) -> tuple[Block, ...]:
    return tuple(mapped for block in blocks for mapped in _map_one(block, inline, value, template))


def _map_one(block: Block, inline, value, template: bool):
    """Yield the block with its text mapped; a Fill yields its paragraphs (or one placeholder)."""
    if isinstance(block, Para):
        yield replace(block, content=inline(block.content))
    elif isinstance(block, Fill):
        if template:
            yield Para(text(value(block.name)), block.style)
        else:
            yield from (replace(p, content=inline(p.content)) for p in value(block.name))
    elif isinstance(block, Header):
        yield replace(block, higher_body=inline(block.higher_body), body=inline(block.body),
                      number=inline(block.number) if block.number is not None else None,
                      place_date=inline(block.place_date))
    elif isinstance(block, SignatureRow):
        yield replace(block, left=_map_side(block.left, inline, value, template),
                      right=_map_side(block.right, inline, value, template))
    elif isinstance(block, Table):
        yield replace(block, rows=tuple(tuple(unicodedata.normalize("NFC", cell) for cell in row)
                                        for row in block.rows))
    else:
        yield block


def _map_side(side, inline, value, template: bool):
    if isinstance(side, SignBlock):
        return replace(side, titles=tuple(inline(t) for t in side.titles), name=inline(side.name))
    if isinstance(side, Recipients) and isinstance(side.entries, str):
        if template:
            return Recipients((value(side.entries),))
        return Recipients(tuple(plain(inline(p.content)) for p in value(side.entries)))
    return side
