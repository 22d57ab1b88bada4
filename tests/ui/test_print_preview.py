"""Print preview and printing through Qt: the same layout, printed here to a PDF file and
read back (the text, the page size and that Liberation Serif is the font used)."""

import subprocess
from datetime import datetime, timezone

import pypdf
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from handbook_desktop.docgen.data import latest_meeting_id
from handbook_desktop.docgen.render import DocumentKind
from handbook_desktop.ui.printing.print_preview import a4_printer
from handbook_desktop.ui.printing.print_preview import document_for_print
from handbook_desktop.ui.printing.print_preview import paint
from handbook_desktop.ui.printing.print_preview import preview


def _latest(workspace):
    return latest_meeting_id(workspace, datetime.now(timezone.utc))


def test_printing_the_minutes_through_qt(main_window, tmp_path):
    workspace = main_window.workspace
    printer = a4_printer(workspace)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint(document_for_print(workspace, DocumentKind.MINUTES, _latest(workspace)), printer)
    reader = pypdf.PdfReader(tmp_path / "printed.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # Qt spaces words by tabs
    assert "BIÊN BẢN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Nơi nhận" in text
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    fonts = subprocess.run(["pdffonts", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts


def test_preview_dialog_paints_pages(main_window, qtbot):
    dialog = preview(main_window, main_window.workspace, DocumentKind.RESOLUTION, _latest(main_window.workspace))
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    painted = []
    dialog.paintRequested.connect(painted.append)
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=10_000)
    assert "NGHỊ QUYẾT" in dialog.document.toPlainText()
    dialog.close()
