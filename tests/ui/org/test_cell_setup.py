"""THE test of issue #12 §1: a blank laptop, the setup form driven as a secretary fills it,
then her roster, a meeting, its minutes and resolution, printed with her cell's header."""

from datetime import date

import pytest
from docx import Document
from PySide6.QtWidgets import QLabel

from handbook_desktop import app
from handbook_desktop.core import meetings, members, org
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.docgen.render import DocumentKind, render_document
from handbook_desktop.ui.org.cell_form import CellSetupDialog
from handbook_desktop.ui.org.first_start import FirstStartDialog
from handbook_desktop.ui.sync.connect_dialog import ConnectDialog
from tests.core.meetings.meeting_helpers import act, at, new_meeting
from tests.core.org.setup_helpers import CELL, PARENTS, kp5_roster
from tests.docgen.helpers import pdf_text, words


def fill(dialog: CellSetupDialog, term: str = "2025-2030") -> None:
    fields = dialog.fields
    fields.name.setText(" Chi bộ  Khu phố 5")
    for edit, name in zip((fields.grassroots, fields.district, fields.province), PARENTS, strict=True):
        edit.setText(name)
    fields.place.setText("Bắc Sơn")
    fields.term.setText(term)


@pytest.fixture
def scripted_first_start(monkeypatch):
    """The two dialogs of the first start, clicked through as a user would; what they showed."""
    seen = {"choices": 0, "forms": 0}

    def choose(dialog: FirstStartDialog) -> int:
        seen["choices"] += 1
        if seen["choices"] == 1:  # the server first, its login cancelled: back to the choice
            dialog.server.click()
            return dialog.result()
        dialog.own_cell.click()
        return dialog.result()

    def form(dialog: CellSetupDialog) -> int:
        seen["forms"] += 1
        seen["pickers"] = (dialog.fields.secretary.isEnabled(), dialog.fields.secretary.currentText())
        if seen["forms"] == 1:  # cancelled: back to the choice
            dialog.reject()
            return dialog.result()
        fill(dialog, term="2025-2040")
        dialog.submit()  # refused in place: the dialog stays open and says why
        seen["problem"] = dialog.problem.text()
        assert not dialog.result()
        dialog.fields.term.setText("2025 – 2030")
        dialog.submit()
        return dialog.result()

    def login(dialog: ConnectDialog) -> int:
        seen["server"] = dialog.windowTitle()
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", choose)
    monkeypatch.setattr(CellSetupDialog, "exec", form)
    monkeypatch.setattr(ConnectDialog, "exec", login)
    return seen


def test_set_up_on_a_blank_laptop_then_roster_minutes_and_resolution(tmp_path, qapp, qtbot, scripted_first_start):
    folder = tmp_path / "blank"
    workspace = app.open_or_create(DataDirChoice(folder, fixed=True), interactive=True)
    try:
        seen = scripted_first_start
        assert (seen["choices"], seen["forms"]) == (3, 2)
        assert seen["server"] == "Kết nối máy chủ"
        assert seen["pickers"] == (False, "chọn sau khi nhập danh sách")
        assert "Nhiệm kỳ “2025-2040” không hợp lệ" in seen["problem"]
        assert act(workspace, org.cell_setup) == org.CellSetup(CELL, PARENTS, "Bắc Sơn", "2025-2030")

        window = app.build_main_window(qapp, workspace, DataDirChoice(folder, True), inline_tasks=True)
        qtbot.addWidget(window)
        texts = [label.text() for label in window.pages.currentWidget().findChildren(QLabel)]
        assert f"<h1>{CELL}</h1>" in texts and " · ".join(PARENTS) in texts
        assert window.cell_label.text() == CELL

        # Everything works as on the demo: the roster, a meeting, its minutes, the resolution.
        preview = act(workspace, members.preview_import, kp5_roster(tmp_path / "ds.xlsx"))
        assert act(workspace, members.apply_import, preview).created == 5
        ids = {row.full_name: row.id for row in act(workspace, members.roster).rows}
        meeting = new_meeting(workspace, at(2026, 11, 20), chair_id=ids["Lý Văn Thành"],
                              recorder_id=ids["Kiều Thị Mai"], place="Nhà văn hóa khu phố 5")
        act(workspace, meetings.mark_pending_present, meeting)
        act(workspace, meetings.save_minutes, meeting, meetings.MinutesContent(
            started_at=at(2026, 11, 20), ended_at=at(2026, 11, 20, 21, 0), conclusions="Thống nhất."))
        resolution = act(workspace, meetings.create_resolution, meeting, meetings.ResolutionForm(
            "Hội nghị chi bộ thường kỳ tháng 11", date(2026, 11, 20), ["Lưu chi bộ"],
            [meetings.ResolutionItemForm("Thông qua báo cáo tháng 11.")])).resolution
        assert (resolution.symbol, resolution.term) == ("01-NQ/CB", "2025-2030")

        render_document(workspace, DocumentKind.MINUTES, tmp_path / "bb.docx", meeting_id=meeting)
        left, right = Document(str(tmp_path / "bb.docx")).tables[0].rows[0].cells
        assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ PHƯỜNG BẮC SƠN", "CHI BỘ KHU PHỐ 5", "*"]
        assert [p.text for p in right.paragraphs if p.text] == ["ĐẢNG CỘNG SẢN VIỆT NAM",
                                                                "Bắc Sơn, ngày 20 tháng 11 năm 2026"]
        render_document(workspace, DocumentKind.MINUTES, tmp_path / "bb.pdf", meeting_id=meeting)
        minutes = " ".join(words(pdf_text(tmp_path / "bb.pdf")))
        assert minutes.startswith("ĐẢNG BỘ PHƯỜNG BẮC SƠN CHI BỘ KHU PHỐ 5 * ĐẢNG CỘNG SẢN VIỆT NAM Bắc Sơn, ngày 20")
        assert "đồng chí Lý Văn Thành, Bí thư Chi bộ" in minutes
        render_document(workspace, DocumentKind.RESOLUTION, tmp_path / "nq.pdf", meeting_id=meeting)
        text = " ".join(words(pdf_text(tmp_path / "nq.pdf")))
        assert text.startswith("ĐẢNG BỘ PHƯỜNG BẮC SƠN CHI BỘ KHU PHỐ 5 * Số 01-NQ/CB")
        assert "T/M CHI BỘ BÍ THƯ Lý Văn Thành" in text
    finally:
        workspace.close()
