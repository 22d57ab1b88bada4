"""Print preview and printing through Qt: the same layout, printed here to a PDF file and
read back (the text, the page size and that Liberation Serif is the font used)."""

import subprocess

import pypdf
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.docgen.render import DocumentKind
from handbook_desktop.ui.printing.export_panel import ExportPanel
from handbook_desktop.ui.printing.print_preview import a4_printer, document_for_print, paint, preview, printable_html


def _latest(workspace):
    return workspace.perform(latest_meeting_id)


def test_printing_the_minutes_through_qt(main_window, tmp_path):
    workspace = main_window.workspace
    printer = a4_printer(workspace)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint(document_for_print(printable_html(workspace, DocumentKind.MINUTES, _latest(workspace))), printer)
    reader = pypdf.PdfReader(tmp_path / "printed.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # Qt spaces words by tabs
    assert "BIÊN BẢN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Nơi nhận" in text
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    fonts = subprocess.run(["pdffonts", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts


def test_preview_dialog_paints_pages(main_window, qtbot):
    workspace = main_window.workspace
    dialog = preview(main_window, workspace, printable_html(workspace, DocumentKind.RESOLUTION, _latest(workspace)))
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    painted = []
    dialog.paintRequested.connect(painted.append)
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=10_000)
    assert "NGHỊ QUYẾT" in dialog.document.toPlainText()
    dialog.close()


def test_the_export_panel_reads_the_document_on_the_task_runner_then_previews_it(main_window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: shown.append(dialog.document.toPlainText()))
    panel = ExportPanel(main_window.workspace, main_window.tasks)
    qtbot.addWidget(panel)
    panel.set_meeting(_latest(main_window.workspace))
    panel.kind.setCurrentIndex(panel.kind.findData(DocumentKind.MINUTES.value))
    started = []
    main_window.tasks.started.connect(lambda task: started.append(task.title))
    panel.show_preview()
    assert started and "BIÊN BẢN" in shown[0]
