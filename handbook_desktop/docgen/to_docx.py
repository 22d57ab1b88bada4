"""The DOCX back end: a resolved layout written with python-docx.

A4 and the margins are set explicitly (python-docx's own default page is US Letter);
Times New Roman everywhere, named paragraph styles (so a secretary restyles a document in
Word by style, and templates keep their look), page numbers as a PAGE field in the footer
from page 2 on. The header, signature rows and tables are Word tables; the header and
signatures have no borders.
"""

import functools
import io
from pathlib import Path
from typing import BinaryIO

from handbook_desktop.docgen.blocks import (
    Align,
    Header,
    Layout,
    PageBreak,
    Para,
    Recipients,
    S,
    SignatureRow,
    SignBlock,
    Table,
    TextStyle,
)
from handbook_desktop.docgen.fonts import DOCX_FONT
from handbook_desktop.docgen.settings import DEFAULT_MARGINS, Margins

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
RULE_MM = 45
HEADER_SHARE = 0.44  # of the text width, for the issuing body; the party name takes the rest
A4_MM = (210, 297)


def write_docx(layout: Layout, path: "Path | BinaryIO", margins: Margins = DEFAULT_MARGINS) -> None:
    """Write the (resolved) layout to `path`."""
    from docx import Document

    document = Document(io.BytesIO(_base_document(layout.landscape, margins)))
    writer = _Writer(document, _text_width(layout.landscape, margins))
    for block in layout.blocks:
        writer.add(block)
    writer.paragraph(Para((), _END))  # Word wants a paragraph after a closing table
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = layout.title, "Sổ tay đảng viên", ""
    properties.language, properties.comments, properties.revision = "vi-VN", "", 1
    document.save(path if hasattr(path, "write") else str(path))


_END = TextStyle("Doc End", 2, leading=2)
_RULE = TextStyle("Doc Header Rule", 2, align=Align.CENTER, space_before=3, leading=2)
_SPACE = TextStyle("Doc Space", 14, leading=14)
_AFTER_TABLE = TextStyle("Doc After Table", 6, leading=6)
HOUSE_STYLES = tuple(style for style in vars(S).values() if isinstance(style, TextStyle)) + (
    _END, _RULE, _SPACE, _AFTER_TABLE)


def style_id(style: TextStyle) -> str:
    return style.name.replace(" ", "")  # as python-docx derives it from the name


def _text_width(landscape: bool, margins: Margins) -> float:
    return (A4_MM[1] if landscape else A4_MM[0]) - margins.left - margins.right


@functools.lru_cache(maxsize=8)
def _base_document(landscape: bool, margins: Margins) -> bytes:
    """The empty document every file starts from: fonts, page, all house styles, page numbers.

    Made once per page setup: python-docx needs ~3 ms to add a style (it scans every style
    for the name), which for two dozen styles was most of a document's time."""
    from docx import Document

    document = Document()
    _base(document)
    section = document.sections[0]
    _page(section, landscape, margins)
    for style in HOUSE_STYLES:
        _make_style(document, style)
    _page_number(section.footer.paragraphs[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _base(document) -> None:
    """Times New Roman, 14 pt, Vietnamese, no spacing: what every style builds on."""
    from docx.oxml.ns import qn

    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]  # theme fonts would win over the named font
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{kind}"), DOCX_FONT)
    rpr.find(qn("w:sz")).set(qn("w:val"), "28")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "28")
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    spacing = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")) \
        .find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _page(section, landscape: bool, margins: Margins) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = (A4_MM[1], A4_MM[0]) if landscape else A4_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    section.header_distance, section.footer_distance = Mm(margins.top / 2), Mm(margins.bottom / 2)
    section.different_first_page_header_footer = True  # page 1 unnumbered, as on Party documents
    section.first_page_footer.is_linked_to_previous = False  # an empty footer of its own


class _Writer:
    """Appends resolved blocks to a document made from the base document."""

    def __init__(self, document, width_mm: float):
        self.document = document
        self.width_mm = width_mm
        # Every house style is in the base document, so a template made from a file has them all.
        self.styles = {style.name: style_id(style) for style in HOUSE_STYLES}

    def style(self, style: TextStyle) -> str:
        """The style id of `style` in this document, made on first use (tables' own sizes)."""
        found = self.styles.get(style.name)
        if found is None:
            found = self.styles[style.name] = _make_style(self.document, style).style_id
        return found

    def add(self, block) -> None:
        if isinstance(block, Para):
            self.paragraph(block)
        elif isinstance(block, Header):
            self.header(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, SignatureRow):
            self.signatures(block)
        elif isinstance(block, PageBreak):
            from docx.enum.text import WD_BREAK

            paragraph = self.document.add_paragraph()
            _set_style(paragraph, self.style(_END))
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        else:
            raise TypeError(f"unresolved block {block!r}")

    def paragraph(self, para: Para, container=None):
        container = container if container is not None else self.document
        paragraph = container.add_paragraph()
        _set_style(paragraph, self.style(para.style))
        _runs(paragraph, para)
        return paragraph

    def line(self, container, value: str, style: TextStyle):
        return self.paragraph(Para.of(value, style), container)

    def header(self, header: Header) -> None:
        if header.corner:
            self.line(self.document, header.corner, S.CORNER)
        left_mm = self.width_mm * HEADER_SHARE
        left, right = self.borderless_row((left_mm, self.width_mm - left_mm))
        _first_paragraph(left, self.style(S.HEAD_HIGHER), header.higher_body)
        self.paragraph(Para(header.body, S.HEAD_BODY), left)
        self.line(left, "*", S.HEAD_STAR)
        if header.number is not None:
            self.paragraph(Para(header.number, S.HEAD_NUMBER), left)
        _first_paragraph(right, self.style(S.HEAD_PARTY), (PARTY,))
        rule = self.paragraph(Para((), _RULE), right)
        _rule_border(rule, (self.width_mm - left_mm - RULE_MM) / 2)
        self.paragraph(Para(header.place_date, S.HEAD_DATE), right)

    def borderless_row(self, widths_mm: tuple[float, ...]):
        table = self.document.add_table(rows=1, cols=len(widths_mm))
        _fixed_widths(table, widths_mm)
        _no_split(table.rows[0])
        return table.rows[0].cells

    def table(self, block: Table) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.shared import Mm

        total = sum(column.weight for column in block.columns)
        widths = tuple(self.width_mm * column.weight / total for column in block.columns)
        table = self.document.add_table(rows=len(block.rows) + 1, cols=len(block.columns))
        table.style = self.document.styles["Table Grid"]
        _fixed_widths(table, widths)
        cell_style = self.style(TextStyle(f"Doc Table {block.size:g}", block.size, leading=round(block.size * 1.2, 1),
                                          align=Align.LEFT))
        head_style = self.style(TextStyle(f"Doc Table Heading {block.size:g}", block.size, bold=True,
                                          align=Align.CENTER, leading=round(block.size * 1.2, 1)))
        alignments = [_alignment(column.align) for column in block.columns]
        padding = Mm(block.padding_mm)
        for index, row in enumerate(table.rows):  # row.cells once per row: table.cell() rebuilds the grid
            cells = row.cells
            values = (column.label for column in block.columns) if index == 0 else block.rows[index - 1]
            _no_split(row, header=index == 0)
            for cell, value, alignment in zip(cells, values, alignments, strict=True):
                paragraph = cell.paragraphs[0]
                _set_style(paragraph, head_style if index == 0 else cell_style)
                if index:
                    paragraph.alignment = alignment
                    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = padding
                paragraph.add_run(value)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self.paragraph(Para((), _AFTER_TABLE))

    def signatures(self, row: SignatureRow) -> None:
        share = 0.45 if isinstance(row.left, Recipients) else 0.5
        cells = self.borderless_row((self.width_mm * share, self.width_mm * (1 - share)))
        for cell, side in zip(cells, (row.left, row.right), strict=True):
            self.side(cell, side)

    def side(self, cell, side) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Mm, Pt

        first = cell.paragraphs[0]
        _set_style(first, self.style(_SPACE))
        first.paragraph_format.line_spacing = Pt(10)  # the gap above the row
        if isinstance(side, Recipients):
            self.line(cell, "Nơi nhận:", S.RECIPIENTS_LABEL)
            for entry in side.entries:
                self.line(cell, entry, S.RECIPIENTS)
        elif isinstance(side, SignBlock):
            for title in side.titles:
                self.paragraph(Para(title, S.SIGN_TITLE), cell)
            space = self.paragraph(Para((), _SPACE), cell)
            space.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            space.paragraph_format.line_spacing = Mm(side.space_mm)
            self.paragraph(Para(side.name, S.SIGN_NAME), cell)


def _page_number(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _set_style(paragraph, style_id(S.FOOTER))
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = value
            run._r.append(instruction)
        elif kind == "text":
            run.text = value  # shown until the viewer updates the field
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _set_style(paragraph, style_id_: str) -> None:
    """Set by id: python-docx's `paragraph.style =` looks up the default style each time (~1 ms)."""
    paragraph._p.get_or_add_pPr().style = style_id_


def _alignment(align: Align):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
            Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT, Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}[align]


def _make_style(document, style: TextStyle):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    made = document.styles.add_style(style.name, WD_STYLE_TYPE.PARAGRAPH)
    made.base_style = document.styles["Normal"]
    made.quick_style = True
    font = made.font
    font.name, font.size = DOCX_FONT, Pt(style.size)
    font.bold, font.italic, font.underline = style.bold, style.italic, style.underline or None
    fmt = made.paragraph_format
    fmt.alignment = _alignment(style.align)
    fmt.first_line_indent = Mm(style.first_indent_mm) if style.first_indent_mm else None
    fmt.space_before, fmt.space_after = Pt(style.space_before), Pt(style.space_after)
    fmt.line_spacing = Pt(style.line_height)
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST  # setting a length made it "exactly"
    fmt.keep_with_next = style.keep_with_next or None
    fmt.widow_control = True
    return made


def _runs(paragraph, para: Para) -> None:
    for part in para.content:
        run = paragraph.add_run(part.text)
        if part.bold and not para.style.bold:
            run.bold = True
        if part.italic and not para.style.italic:
            run.italic = True


def _first_paragraph(cell, style: str, content) -> None:
    """A new cell holds one empty paragraph already: use it for the first line."""
    paragraph = cell.paragraphs[0]
    _set_style(paragraph, style)
    for part in content:
        paragraph.add_run(part if isinstance(part, str) else part.text)


def _fixed_widths(table, widths_mm: tuple[float, ...]) -> None:
    """Fixed layout with the given column widths (Word reads tcW, LibreOffice the grid)."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> for this
    _cell_margins(table)
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _cell_margins(table, points: float = 3) -> None:
    """3 pt either side, as in the PDF: Word's 0.19 cm would wrap "Không" in a narrow column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(int(points * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _no_split(row, header: bool = False) -> None:
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:  # repeated at the top of every page
        properties.append(OxmlElement("w:tblHeader"))


def _rule_border(paragraph, indent_mm: float) -> None:
    """A short rule: the paragraph's bottom border, narrowed by equal indents."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(max(indent_mm, 0))
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # Word refuses a file whose pPr children are out of schema order: pBdr goes before these.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
