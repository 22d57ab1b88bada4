"""The PDF back end: a resolved layout drawn with reportlab's platypus.

Liberation Serif from resources/fonts is the only font: the canvas starts with it
(`initialFontName`), so reportlab does not put its default Helvetica, unembedded, into the
file, and every font in the PDF is embedded (pdffonts: emb yes).
"""

import functools
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

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
from handbook_desktop.docgen.fonts import face, register_pdf_fonts
from handbook_desktop.docgen.settings import DEFAULT_MARGINS, Margins

MM = 72 / 25.4  # points per millimetre
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
RULE_MM = 45  # the short rule under the party name
# A table sets its cells' font even when they hold paragraphs; its default is Helvetica.
_CELL_FONT = ("FONT", (0, 0), (-1, -1), face(), 12)


def write_pdf(layout: Layout, path: "Path | BinaryIO", margins: Margins = DEFAULT_MARGINS) -> int:
    """Write the (resolved) layout to `path`; returns the number of pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    family = register_pdf_fonts()
    size = landscape(A4) if layout.landscape else A4
    doc = SimpleDocTemplate(_target(path), pagesize=size, leftMargin=margins.left * MM, rightMargin=margins.right * MM,
                            topMargin=margins.top * MM, bottomMargin=margins.bottom * MM, title=layout.title,
                            author="Sổ tay đảng viên", creator="Sổ tay đảng viên", lang="vi-VN",
                            initialFontName=family, initialFontSize=12)
    story = [flowable for index, block in enumerate(layout.blocks)
             for flowable in _flowables(_before_table(block, layout.blocks[index + 1:index + 2]), doc.width)]
    # The template passes its own initialFontName (None unless set above) to the canvas maker,
    # overriding a partial's; both are set so neither path lets Helvetica in.
    doc.build(story, onFirstPage=_no_number, onLaterPages=functools.partial(_page_number, margins=margins),
              canvasmaker=functools.partial(Canvas, initialFontName=family, initialFontSize=12))
    return doc.page


def _target(path):
    """A file name, or a binary stream as is (the warm-up draws into memory)."""
    return path if hasattr(path, "write") else str(path)


def _before_table(block, following: tuple):
    """A title kept with a long table would drag the whole table to the next page with it:
    platypus keeps together what it cannot split. The table's repeated header row suffices."""
    if isinstance(block, Para) and block.style.keep_with_next and following and isinstance(following[0], Table):
        return replace(block, style=replace(block.style, keep_with_next=False))
    return block


def _no_number(canvas, doc) -> None:
    """The first page carries no number, as on Party documents; later pages do."""


def _page_number(canvas, doc, margins: Margins) -> None:
    canvas.saveState()
    canvas.setFont(face(), S.FOOTER.size)
    canvas.drawCentredString(doc.pagesize[0] / 2 + (margins.left - margins.right) * MM / 2,
                             margins.bottom * MM / 2, str(doc.page))
    canvas.restoreState()


@functools.cache
def _style(style: TextStyle):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    alignment = {Align.LEFT: TA_LEFT, Align.CENTER: TA_CENTER, Align.RIGHT: TA_RIGHT, Align.JUSTIFY: TA_JUSTIFY}
    return ParagraphStyle(style.name, fontName=face(style.bold, style.italic), fontSize=style.size,
                          leading=style.line_height, alignment=alignment[style.align],
                          firstLineIndent=style.first_indent_mm * MM, spaceBefore=style.space_before,
                          spaceAfter=style.space_after, keepWithNext=int(style.keep_with_next),
                          allowWidows=0, allowOrphans=0)


def _markup(para: Para) -> str:
    """Runs as reportlab paragraph markup; the style's own bold/italic is its font already."""
    parts = []
    for run in para.content:
        chunk = escape(run.text).replace("\n", "<br/>")
        if run.bold and not para.style.bold:
            chunk = f"<b>{chunk}</b>"
        if run.italic and not para.style.italic:
            chunk = f"<i>{chunk}</i>"
        parts.append(chunk)
    markup = "".join(parts)
    return f"<u>{markup}</u>" if para.style.underline else markup


def _paragraph(para: Para):
    from reportlab.platypus import Paragraph

    return Paragraph(_markup(para) or "&nbsp;", _style(para.style))


def _line(value: str, style: TextStyle):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(value) or "&nbsp;", _style(style))


def _flowables(block, width: float) -> list:
    if isinstance(block, Para):
        return [_paragraph(block)]
    if isinstance(block, Header):
        return _header(block, width)
    if isinstance(block, Table):
        return [_table(block, width)]
    if isinstance(block, SignatureRow):
        return [_signatures(block, width)]
    if isinstance(block, PageBreak):
        from reportlab.platypus import PageBreak as Break

        return [Break()]
    raise TypeError(f"unresolved block {block!r}")


@functools.cache
def _rule_class():
    """Made on first use so that importing this module does not import reportlab."""
    from reportlab.platypus import Flowable

    class Rule(Flowable):
        """A centred horizontal line: the rule under "ĐẢNG CỘNG SẢN VIỆT NAM"."""

        def __init__(self, length: float):
            super().__init__()
            self.length = length
            self.available = length

        def wrap(self, available_width, available_height):
            self.available = available_width
            return available_width, 8

        def draw(self):
            start = (self.available - self.length) / 2
            self.canv.setLineWidth(0.6)
            self.canv.line(start, 3, start + self.length, 3)

    return Rule


def _header(header: Header, width: float) -> list:
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    left = [_paragraph(Para(header.higher_body, S.HEAD_HIGHER)), _paragraph(Para(header.body, S.HEAD_BODY)),
            _line("*", S.HEAD_STAR)]
    if header.number is not None:
        left.append(_paragraph(Para(header.number, S.HEAD_NUMBER)))
    right = [_line(PARTY, S.HEAD_PARTY), _rule_class()(RULE_MM * MM), _paragraph(Para(header.place_date, S.HEAD_DATE))]
    table = RLTable([[left, right]], colWidths=[width * 0.44, width * 0.56])
    table.setStyle(TableStyle([_CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    corner = [_line(header.corner, S.CORNER)] if header.corner else []
    return corner + [table]


def _table(block: Table, width: float):
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    total = sum(column.weight for column in block.columns)
    widths = [width * column.weight / total for column in block.columns]
    cell = TextStyle(S.CELL.name, block.size, leading=round(block.size * 1.2, 1), align=Align.LEFT)
    head = TextStyle(S.CELL_HEAD.name, block.size, bold=True, align=Align.CENTER, leading=round(block.size * 1.2, 1))
    header_row = [_line(column.label, head) for column in block.columns]
    body = [[_line(value, TextStyle(cell.name + column.align, block.size, leading=cell.leading, align=column.align))
             for value, column in zip(row, block.columns, strict=True)] for row in block.rows]
    table = RLTable([header_row] + body, colWidths=widths, repeatRows=1, spaceAfter=6)
    padding = block.padding_mm * MM
    table.setStyle(TableStyle([
        _CELL_FONT, ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), padding), ("BOTTOMPADDING", (0, 1), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _signatures(row: SignatureRow, width: float):
    from reportlab.platypus import KeepTogether, TableStyle
    from reportlab.platypus import Table as RLTable

    left_share = 0.45 if isinstance(row.left, Recipients) else 0.5
    cells = [_side(row.left), _side(row.right)]
    table = RLTable([cells], colWidths=[width * left_share, width * (1 - left_share)])
    table.setStyle(TableStyle([_CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 10)]))
    return KeepTogether([table])


def _side(side) -> list:
    from reportlab.platypus import Spacer

    if side is None:
        return [Spacer(1, 1)]
    if isinstance(side, Recipients):
        return [_line("Nơi nhận:", S.RECIPIENTS_LABEL)] + [_line(entry, S.RECIPIENTS) for entry in side.entries]
    assert isinstance(side, SignBlock)
    return ([_paragraph(Para(title, S.SIGN_TITLE)) for title in side.titles] + [Spacer(1, side.space_mm * MM)]
            + [_paragraph(Para(side.name, S.SIGN_NAME))])
