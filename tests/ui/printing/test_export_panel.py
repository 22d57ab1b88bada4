"""Xuất/In: a meeting's minutes and resolution written from the GUI and read back."""

import pypdf
from docx import Document

from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.docgen.render import DocumentKind
from handbook_desktop.ui.printing.export_panel import ExportPanel


def test_export_minutes_pdf_and_resolution_docx(main_window, qtbot, tmp_path):
    panel = ExportPanel(main_window.workspace, main_window.tasks)
    qtbot.addWidget(panel)
    panel.set_meeting(main_window.workspace.perform(latest_meeting_id))
    panel.export_to(DocumentKind.MINUTES, tmp_path / "bien-ban.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "bien-ban.pdf").pages)
    assert "BIÊN BẢN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert panel.open_file.isEnabled() and "bien-ban.pdf" in panel.result.text()
    panel.export_to(DocumentKind.RESOLUTION, tmp_path / "nghi-quyet.docx")
    paragraphs = "\n".join(p.text for p in Document(tmp_path / "nghi-quyet.docx").paragraphs)
    assert "NGHỊ QUYẾT" in paragraphs


def open_october_export(main_window):
    """The demo's October meeting opened on its Xuất/In tab: (its export panel, the meeting)."""
    from handbook_desktop.core import meetings
    from handbook_desktop.ui.meetings.meeting_view import EXPORT
    from tests.core.meetings.meeting_helpers import act

    main_window.show_page("meetings")
    page = main_window.meetings_page
    october = [m for m in act(main_window.workspace, meetings.meeting_history, meetings.HistoryQuery())
               if "tháng 10" in m.title][0]
    page.open_meeting(october.id, EXPORT)
    return page.stack.currentWidget().export, october


def test_meeting_page_exports_its_own_minutes(main_window, tmp_path):
    panel, _october = open_october_export(main_window)
    panel.export_to(DocumentKind.MINUTES, tmp_path / "t10.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "t10.pdf").pages)
    assert "THÁNG 10 NĂM 2026" in text


def test_the_report_from_a_meeting_is_the_one_of_its_month(main_window, tmp_path):
    from handbook_desktop.ui.printing.print_preview import printable_html

    panel, october = open_october_export(main_window)
    panel.export_to(DocumentKind.REPORT, tmp_path / "bao-cao.pdf")
    text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "bao-cao.pdf").pages).split())
    assert "THÁNG 10 NĂM 2026" in text and "bao-cao.pdf" in panel.result.text()
    assert "tháng 10 năm 2026" in printable_html(main_window.workspace, DocumentKind.REPORT, october.id).lower()
