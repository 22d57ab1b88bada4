"""A third back end of the same layout: HTML for Qt's rich text, used by the print preview
and direct printing (QtPdf, which could show our PDF, is not in the wheels we ship).

Qt's rich text knows tables, alignment, weights and point sizes, which is all a Party
document's layout needs; page breaks come from CSS `page-break-before`.
"""

from html import escape

from handbook_desktop.docgen.blocks import (Header, Layout, PageBreak, Para, Recipients, S, SignatureRow, SignBlock,
                                            Table, TextStyle)

FONT = "Liberation Serif"


def _css(style: TextStyle) -> str:
    parts = [f"font-size:{style.size}pt", f"text-align:{style.align.value}",
             f"margin-top:{style.space_before}pt", f"margin-bottom:{style.space_after}pt"]
    if style.bold:
        parts.append("font-weight:bold")
    if style.italic:
        parts.append("font-style:italic")
    if style.first_indent_mm:
        parts.append(f"text-indent:{style.first_indent_mm}mm")
    return ";".join(parts)


def _text(content) -> str:
    html = []
    for run in content:
        piece = escape(run.text).replace("\n", "<br>")
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        html.append(piece)
    return "".join(html)


def _para(content, style: TextStyle) -> str:
    return f'<p style="{_css(style)}">{_text(content)}</p>'


def _header(block: Header) -> str:
    left = [_para(block.higher_body, S.HEAD_HIGHER), _para(block.body, S.HEAD_BODY),
            f'<p style="{_css(S.HEAD_STAR)}">*</p>']
    if block.number is not None:
        left.append(_para(block.number, S.HEAD_NUMBER))
    right = [f'<p style="{_css(S.HEAD_PARTY)}"><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></p>', _para(block.place_date, S.HEAD_DATE)]
    return ('<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            f'<td width="42%" valign="top">{"".join(left)}</td><td width="58%" valign="top">{"".join(right)}</td>'
            '</tr></table>')


def _table(block: Table) -> str:
    head = "".join(f'<th width="{round(c.weight * 100)}%">{escape(c.label)}</th>' for c in block.columns)
    rows = "".join("<tr>" + "".join(f'<td align="{c.align.value}">{escape(cell)}</td>'
                                    for c, cell in zip(block.columns, row, strict=False)) + "</tr>"
                   for row in block.rows)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="4" style="font-size:{block.size}pt; '
            f'border-collapse:collapse"><tr>{head}</tr>{rows}</table>')


def _side(side) -> str:
    if isinstance(side, SignBlock):
        titles = "".join(_para(title, S.SIGN_TITLE) for title in side.titles)
        return f'{titles}<p style="margin-top:{side.space_mm}mm">&nbsp;</p>{_para(side.name, S.SIGN_NAME)}'
    if isinstance(side, Recipients):
        lines = "<br>".join(escape(line) for line in side.entries)  # already "- …," lines once resolved
        return (f'<p style="{_css(S.RECIPIENTS_LABEL)}">Nơi nhận:</p>'
                f'<p style="{_css(S.RECIPIENTS)}">{lines}</p>')
    return ""


def _block(block) -> str:
    if isinstance(block, Para):
        return _para(block.content, block.style)
    if isinstance(block, Header):
        return _header(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, SignatureRow):
        return ('<table width="100%"><tr>'
                f'<td width="50%" valign="top">{_side(block.left)}</td>'
                f'<td width="50%" valign="top">{_side(block.right)}</td></tr></table>')
    if isinstance(block, PageBreak):
        return '<p style="page-break-before:always"></p>'
    return ""


def layout_html(layout: Layout) -> str:
    """`layout` must be resolved (no fields left): `blocks.resolve(build_layout(...))`."""
    body = "\n".join(_block(block) for block in layout.blocks)
    return f'<html><head><title>{escape(layout.title)}</title></head><body style="font-family:\'{FONT}\'">{body}</body></html>'
