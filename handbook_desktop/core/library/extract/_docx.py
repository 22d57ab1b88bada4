"""Word (.docx) text: paragraphs, table cells and text boxes in reading order; hidden text
(w:vanish) is left out, as it is neither printed nor shown. Page headers and footers of
every kind, watermarks and text boxes also make up `margin_text`, checked for a stamp.

The XML is walked directly rather than through python-docx's Paragraph/Table objects:
those skip content controls (w:sdt) and tracked insertions, and repeat merged cells.
"""

import io

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library.extract._common import ExtractedText
from handbook_desktop.core.library.extract._common import corrupt
from handbook_desktop.core.library.extract._common import paragraphs_of
from handbook_desktop.core.library.extract._common import require_text
from handbook_desktop.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXTBOX = W + "txbxContent"
VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"  # WordArt: how Word draws a watermark
# Subtrees whose text is not part of the paragraph: deleted revisions, the duplicate
# rendering old Word versions get (mc:Fallback), text boxes (read as their own blocks).
REMOVED = {W + "del", W + "moveFrom", MC_FALLBACK}
SKIPPED = REMOVED | {TEXTBOX}
INLINE = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
# Page headers and footers of every kind (default, first page, even pages; every section)
# are parts related to the main document.
MARGIN_RELS = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
               "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"}
# Legacy .doc files and password-protected .docx are OLE compound files, not ZIP.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extract_docx(data: bytes, name: str) -> ExtractedText:
    if data.startswith(OLE_MAGIC):
        raise ValidationError(_("Tệp {name} được đặt mật khẩu hoặc là tệp Word cũ (.doc) đổi đuôi; hãy mở "
                                "bằng Word, bỏ mật khẩu và lưu lại dưới dạng .docx.").format(name=name))
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
        body = document.element.body
        blocks = list(_blocks(body))
        # Text boxes stay in the body's reading order, and count as margins too: a stamp
        # is often a framed "MẬT" floating in a corner of the first page.
        margins = [block for box in _textboxes(body) for block in _blocks(box)]
        for rel in document.part.rels.values():
            if rel.reltype in MARGIN_RELS and not rel.is_external:
                margins += [*_blocks(rel.target_part.element), *_watermarks(rel.target_part.element)]
    except Exception as exc:  # noqa: BLE001 - a broken package raises anything from zipfile to lxml
        raise corrupt(name, "Word .docx") from exc
    paragraphs = require_text(paragraphs_of(blocks), name)
    return ExtractedText(paragraphs, "docx", margin_text="\n".join(paragraphs_of(margins)))


def _blocks(element):
    """Paragraph texts under `element`, tables row by row and cell by cell."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in SKIPPED:
            continue  # comments and processing instructions have no string tag
        if child.tag == W + "p":
            yield _paragraph_text(child)
            for box in _textboxes(child):
                yield from _blocks(box)
        else:
            yield from _blocks(child)


def _paragraph_text(paragraph) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED or (tag == W + "r" and _hidden(child)):
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in INLINE:
            parts.append(INLINE[tag])
        else:
            _collect(child, parts)


def _hidden(run) -> bool:
    """A run formatted as hidden text (w:vanish) is neither printed nor shown."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def _watermarks(element) -> list[str]:
    return [path.get("string", "") for path in element.iter(VML_TEXTPATH)]


def _textboxes(element):
    """Outermost text boxes anchored in `element` (nested ones are read with their parent)."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in REMOVED:
            continue
        if child.tag == TEXTBOX:
            yield child
        else:
            yield from _textboxes(child)
