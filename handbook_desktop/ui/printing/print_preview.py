"""Print preview and direct printing of a document, with Qt print support.

The document's layout goes through the HTML back end (docgen/to_html.py) into a
QTextDocument laid out on A4 with the configured margins and the shipped Liberation Serif.
`printable_html` reads the database and has no Qt in it: callers run it on the task runner
and build the dialog from its result on the GUI thread.
"""

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from handbook_desktop.core.resources import resource_path
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.docgen.blocks import resolve
from handbook_desktop.docgen.render import DocumentKind, build_layout
from handbook_desktop.docgen.settings import margins_of
from handbook_desktop.docgen.to_html import FONT, layout_html

_fonts_loaded = False


def _load_fonts() -> None:
    """The preview must show what the PDF shows: our font, not whatever the system has."""
    global _fonts_loaded
    if not _fonts_loaded:
        for path in sorted(resource_path("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        _fonts_loaded = True


def printable_html(workspace: Workspace, kind: DocumentKind, meeting_id: str | None) -> str:
    """The document as Qt rich text, read in one unit of work."""
    return layout_html(resolve(workspace.perform(lambda uow: build_layout(uow, kind, meeting_id))))


def document_for_print(html: str) -> QTextDocument:
    _load_fonts()
    document = QTextDocument()
    document.setDefaultFont(QFont(FONT, 14))
    document.setHtml(html)
    return document


def a4_printer(workspace: Workspace) -> QPrinter:
    margins = margins_of(workspace.settings)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(margins.left, margins.top, margins.right, margins.bottom),
                                      QPageLayout.Unit.Millimeter))
    return printer


def paint(document: QTextDocument, printer: QPrinter) -> None:
    # Lay the text out in the printer's own resolution, or point sizes come out a third too
    # large (screen pixels are 1/96 in, points 1/72 in).
    document.documentLayout().setPaintDevice(printer)
    document.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.DevicePixel).size()))
    document.print_(printer)


def preview(parent: QWidget, workspace: Workspace, html: str) -> QPrintPreviewDialog:
    document, printer = document_for_print(html), a4_printer(workspace)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda target: paint(document, target))
    dialog.document, dialog.printer = document, printer  # Qt does not own them: keep them alive with the dialog
    return dialog


def print_directly(parent: QWidget, workspace: Workspace, html: str) -> bool:
    document, printer = document_for_print(html), a4_printer(workspace)
    if QPrintDialog(printer, parent).exec():
        paint(document, printer)
        return True
    return False
