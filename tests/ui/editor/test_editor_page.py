"""The Biên tập page against the real server: an editor publishes, corrects and withdraws;
members' laptops follow at their next sync."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from handbook_desktop.core import library
from handbook_desktop.core.library import ItemFilter, list_items
from handbook_desktop.core.workspace import open_workspace
from handbook_desktop.ui.main_window import SECTIONS
from tests.ui.sync.conftest import log_in
from tests.ui.test_screen_fit import misfits, window_at


def _editor_listed(window) -> bool:
    return not window.sidebar.item(list(SECTIONS).index("editor")).isHidden()


def _news(window) -> dict[str, object]:
    return {item.title: item for item in window.ops.read_now(lambda uow: list_items(uow, ItemFilter(library.ARTICLES)))}


def _check(form, unit_name: str) -> None:
    for i in range(form.audience.count()):
        item = form.audience.item(i)
        if item.text().strip() == unit_name:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{unit_name} is not offered")


def test_the_editor_page_is_for_editors_only(live_server, memory_keyring, laptop):
    member = laptop("member")
    assert not _editor_listed(member)
    log_in(member, live_server.url, "dangvien.demo")
    assert not _editor_listed(member)
    editor = laptop("editor")
    log_in(editor, live_server.url, "bientap.demo")
    assert _editor_listed(editor)
    editor.show_page("editor")
    page = editor.editor_page
    assert page.tabs.isVisible()
    offered = [page.form.audience.item(i).text().strip() for i in range(page.form.audience.count())]
    assert "Thành ủy Sông Công" in offered and "Chi bộ Khu phố 4" in offered
    assert "Tỉnh ủy Thái Nguyên" not in offered  # above the editor's unit


def test_publish_correct_and_withdraw_reach_a_members_laptop(live_server, memory_keyring, laptop, monkeypatch,
                                                             tmp_path):
    editor = laptop("editor")
    log_in(editor, live_server.url, "bientap.demo")
    editor.show_page("editor")
    page, form = editor.editor_page, editor.editor_page.form
    form.channel.setCurrentIndex(form.channel.findData("district_bulletin"))
    form.title.setText("Bản tin tháng 12: lịch sinh hoạt chi bộ")
    form.body.setPlainText("Các chi bộ sinh hoạt định kỳ vào ngày 5 hằng tháng.")
    notes = tmp_path / "lich.txt"
    notes.write_text("Lịch sinh hoạt tháng 12", encoding="utf-8")
    form.add_file(notes)
    _check(form, "Thành ủy Sông Công")
    page.publish_button.click()
    assert "Đã đăng" in page.notice.text(), page.notice.text()
    assert [item.title for item in page.publications.rows][0] == "Bản tin tháng 12: lịch sinh hoạt chi bộ"

    member = laptop("member")
    log_in(member, live_server.url, "dangvien.demo")  # the login pulls
    assert "Bản tin tháng 12: lịch sinh hoạt chi bộ" in _news(member)
    assert "Bản tin tháng 12: lịch sinh hoạt chi bộ" in page.publications.text(0, 0)

    # A correction: a new revision, marked on the reader's list.
    page.table.selectRow(0)
    page.correct_button.click()
    assert page.publish_button.text() == "Đăng bản sửa"
    form.title.setText("Bản tin tháng 12: lịch sinh hoạt chi bộ (sửa ngày)")
    page.publish_button.click()
    assert page.publications.rows[0].revision == 2
    member.sync_page.sync_button.click()
    corrected = _news(member)["Bản tin tháng 12: lịch sinh hoạt chi bộ (sửa ngày)"]
    assert corrected.revision == 2
    member.show_page("news")
    news = member.pages.currentWidget()
    row = news.model.row_of(corrected.id)
    assert "Đã cập nhật" in news.model.text(row, 0)

    # A withdrawal, confirmed: gone from the member's list at the next sync.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click())  # "Thu hồi"
    page.table.selectRow(0)
    page.withdraw_button.click()
    assert "Đã thu hồi" in page.notice.text()
    member.sync_page.sync_button.click()
    assert "Bản tin tháng 12: lịch sinh hoạt chi bộ (sửa ngày)" not in _news(member)


def test_a_classified_file_is_refused_with_the_reason(live_server, memory_keyring, laptop, tmp_path):
    editor = laptop("editor")
    log_in(editor, live_server.url, "bientap.demo")
    editor.show_page("editor")
    page = editor.editor_page
    secret = tmp_path / "mat.txt"
    secret.write_text("MẬT\n\nNGHỊ QUYẾT\nvề công tác cán bộ\n", encoding="utf-8")
    page.import_file(secret)
    assert "mật" in page.notice.text().lower()
    assert page.form.title.text() == "" and page.form.files.count() == 0


@pytest.mark.parametrize("scale", (1.0, 2.0), ids=("100%", "200%"))
def test_the_editor_and_sync_pages_of_an_editor_fit_an_old_laptop(scale, live_server, memory_keyring, tmp_path,
                                                                   qapp, qtbot):
    workspace = open_workspace(tmp_path / "editor")
    try:
        for window in window_at(scale, qapp, qtbot, workspace):
            log_in(window, live_server.url, "bientap.demo")
            problems = misfits(window, "editor") + misfits(window, "sync")
            assert not problems, "\n".join(problems)
    finally:
        workspace.close()


def test_a_document_file_fills_the_form_and_goes_with_the_item(live_server, memory_keyring, laptop, tmp_path):
    editor = laptop("editor")
    log_in(editor, live_server.url, "bientap.demo")
    editor.show_page("editor")
    page = editor.editor_page
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("THÀNH ỦY SÔNG CÔNG\nSố 12-KH/TU\n\nKẾ HOẠCH\nTổ chức học tập nghị quyết năm 2026\n\n"
                    "1. Mục đích, yêu cầu.\n", encoding="utf-8")
    page.import_file(plan)
    assert "Đã lấy nội dung từ ke-hoach.txt" in page.notice.text(), page.notice.text()
    assert page.form.title.text() and page.form.body.toPlainText()
    assert [page.form.files.item(i).text() for i in range(page.form.files.count())] == ["ke-hoach.txt"]
