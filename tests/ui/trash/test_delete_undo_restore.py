"""Deleting in the GUI with the confirmation answered, Ctrl+Z, and the Đã xóa dialog."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from handbook_desktop.core import library, meetings, members
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.ui import main_window as main_window_module
from handbook_desktop.ui.trash import delete_flow
from handbook_desktop.ui.trash.trash_dialog import TrashDialog
from handbook_desktop.ui.undo import UndoAction
from tests.core.meetings.meeting_helpers import act
from tests.ui.meetings.test_meetings_flow import meetings_page

NAME = "Hoàng Thị Ngọc Ánh"


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Every confirmation shown, answered Xóa."""
    questions = []
    monkeypatch.setattr(delete_flow, "ask", lambda parent, title, text, yes, no: questions.append(text) or True)
    return questions


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown = []
    monkeypatch.setattr(main_window_module, "show_error", lambda parent, title, exc: shown.append(exc.message))
    return shown


def roster(window):
    window.show_page("members")
    return window.roster_page


def undo_action(window) -> UndoAction:
    [action] = [a for a in window.findChildren(UndoAction) if a.associatedObjects()]
    return action


def test_delete_a_member_from_the_roster_then_ctrl_z_brings_them_back(main_window, asked, qtbot):
    member_id = act(main_window.workspace, members.create_member, members.MemberForm(
        full_name=NAME, birth_date="12/03/1990", admitted_on="03/02/2020", official_on="03/02/2021")).member_id
    page = roster(main_window)
    page.reload(member_id)
    assert page.current_id() == member_id

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert asked and f"Xóa đảng viên “{NAME} (sinh 12/03/1990)”?" in asked[0] and "Ctrl+Z" in asked[0]
    assert page.model.row_of(member_id) == -1
    assert "Ctrl+Z" in main_window.statusBar().currentMessage()
    action = undo_action(main_window)
    assert action.isEnabled() and action.text() == f"Hoàn tác: Xóa đảng viên “{NAME} (sinh 12/03/1990)”"
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "abc")
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.search.text() == "" and action.isEnabled()  # a text box keeps its own Ctrl+Z

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert page.model.row_of(member_id) >= 0
    assert main_window.statusBar().currentMessage().startswith("Đã hoàn tác: Xóa đảng viên")
    assert not action.isEnabled() and action.text() == "Hoàn tác"


def test_a_member_who_took_part_in_meetings_is_refused_with_the_reason(main_window, asked, errors):
    page = roster(main_window)
    entry = {members.MemberEventKind.ADMITTED, members.MemberEventKind.MADE_OFFICIAL}
    attending = next(row for row in page.model.rows if row.status == members.MemberStatus.OFFICIAL and {
        event.kind for event in act(main_window.workspace, members.member_timeline, row.id)} <= entry)
    page.table.selectRow(page.model.row_of(attending.id))
    page.delete_member()
    assert page.model.row_of(attending.id) >= 0
    assert len(errors) == 1 and "có tên trong cuộc họp" in errors[0] and "Ra khỏi Đảng" in errors[0]
    assert not undo_action(main_window).isEnabled()


def test_adding_a_member_is_undone_by_ctrl_z(main_window, monkeypatch):
    from handbook_desktop.ui.members.member_form import MemberFormDialog

    def fill(dialog: MemberFormDialog) -> bool:
        dialog.inputs["full_name"].setText(NAME)
        dialog.inputs["birth_date"].setText("12/03/1990")
        dialog.inputs["admitted_on"].setText("03/02/2026")
        return dialog.save()

    monkeypatch.setattr(MemberFormDialog, "exec", fill)
    page = roster(main_window)
    page.add_member()
    added = page.current_id()
    assert undo_action(main_window).text() == f"Hoàn tác: Thêm đảng viên “{NAME} (sinh 12/03/1990)”"
    undo_action(main_window).trigger()
    assert page.model.row_of(added) == -1


def test_deleted_document_is_restored_from_the_trash_dialog(main_window, asked, qtbot):
    main_window.show_page("documents")
    page = main_window.library_pages[library.DOCUMENTS]
    page.list.selectRow(0)
    document = page.model.row(0)
    assert page.reader.reading.item.id == document.id

    page.delete_current()

    assert page.model.row_of(document.id) == -1 and page.reader.reading is None
    assert asked and document.title in asked[0]
    dialog = TrashDialog(main_window.ops, main_window)
    qtbot.addWidget(dialog)
    dialog.show()  # as exec() shows it: a shown dialog follows the changes
    assert dialog.model.rowCount() == 1
    assert (dialog.model.text(0, 0), dialog.model.text(0, 1)) == ("Văn bản", f"{document.number} | {document.title}")

    dialog.restore_button.click()

    assert page.model.row_of(document.id) >= 0
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert undo_action(main_window).text().startswith("Hoàn tác: Khôi phục văn bản")


def test_the_edit_menu_opens_the_trash(main_window, monkeypatch):
    opened = []
    monkeypatch.setattr(TrashDialog, "exec", lambda dialog: opened.append(dialog.model.rowCount()))
    [edit] = [menu for menu in main_window.menuBar().actions() if menu.text() == "&Sửa"]
    [trash] = [action for action in edit.menu().actions() if action.text() == "Đã xóa…"]
    trash.trigger()
    assert opened == [0]


def test_a_planned_meeting_deleted_from_the_history_and_undone(main_window, asked):
    page = meetings_page(main_window)
    meeting_id = act(main_window.workspace, meetings.create_meeting, meetings.MeetingForm(
        starts_at=datetime(2026, 12, 18, 19, 30, tzinfo=VIETNAM_TIME))).id
    page.overview.setCurrentIndex(1)  # Lịch sử: shown, so it follows the changes
    history = page.history
    row = history.model.row_of(meeting_id)
    history.table.selectRow(row)

    history.delete_selected()

    assert history.model.row_of(meeting_id) == -1
    undo_action(main_window).trigger()
    assert history.model.row_of(meeting_id) >= 0
    page.calendar.show_month(2026, 12)
    assert [entry.id for entry in page.calendar.entries()] == [meeting_id]


def test_importing_documents_is_undone_by_ctrl_z(main_window, monkeypatch, tmp_path):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: None)
    path = tmp_path / "thong-bao.txt"
    path.write_text("THÔNG BÁO\nvề lịch tiếp dân tháng 12\n\nNội dung thông báo.\n", encoding="utf-8")
    main_window.importer.import_paths([path])
    page = main_window.library_pages[library.DOCUMENTS]
    assert page.model.rowCount() == 13
    assert undo_action(main_window).text() == "Hoàn tác: Nhập 1 văn bản"
    undo_action(main_window).trigger()
    assert page.model.rowCount() == 12
