"""The library's search box and import, driven through the main window."""

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from handbook_desktop.core import library as lib
from tests.core.library.docfiles import party_docx


def test_search_without_tones_then_open_and_favorite(main_window, qtbot):
    qtbot.keyClicks(main_window.search_box, "nghi quyet dot pha khoa hoc")
    qtbot.keyClick(main_window.search_box, Qt.Key.Key_Return)
    page = main_window.search_page
    assert main_window.current_page() == "search"
    assert page.hits and page.hits[0].number == "57-NQ/TW"
    first = page.results.itemWidget(page.results.item(0))
    assert isinstance(first, QLabel) and "<b>" in first.text()
    page.results.setCurrentRow(0)
    assert page.reader.reading.item.number == "57-NQ/TW"
    qtbot.mouseClick(page.reader.favorite_button, Qt.MouseButton.LeftButton)
    favorites = main_window.ops.read_now(lambda uow: lib.list_items(uow, lib.ItemFilter(favorites_only=True)))
    assert [item.number for item in favorites] == ["57-NQ/TW"]


def test_search_by_symbol_and_nothing_found(main_window):
    main_window.search("05-CT/TW")
    assert main_window.search_page.hits[0].number == "05-CT/TW"
    main_window.search("xyzxyz khong co")
    assert main_window.search_page.hits == []
    assert "Không tìm thấy" in main_window.search_page.reader.hint.text()


def test_sidebar_leaves_the_search_results(main_window):
    main_window.search("dang vien")
    main_window.sidebar.setCurrentRow(0)
    assert main_window.current_page() == "home"


def _drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_drop_files_imports_them_and_reports_problems(main_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    good = party_docx(tmp_path / "nq-05.docx", number="Số 05-NQ/ĐU")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"\x00not a zip")
    secret = party_docx(tmp_path / "mat.docx", stamp="MẬT", number="Số 09-NQ/ĐU")
    _drop(main_window, [good, broken, secret, tmp_path / "ignored.xls"])
    assert "Đã nhập 1 văn bản." in shown[0]
    assert "hong.docx" in shown[0] and "mat.docx" in shown[0]
    assert main_window.current_page() == "documents"
    reader = main_window.library_pages[lib.DOCUMENTS].reader
    assert reader.reading.item.number == "05-NQ/ĐU"
    assert [a.filename for a in reader.reading.attachments] == ["nq-05.docx"]
    numbers = [i.number for i in main_window.ops.read_now(lambda uow: lib.list_items(uow, lib.ItemFilter()))]
    assert "05-NQ/ĐU" in numbers and "09-NQ/ĐU" not in numbers


def test_open_search_results_run_again_when_the_library_changes(main_window, qtbot, tmp_path):
    main_window.search("05-NQ/ĐU")
    page = main_window.search_page
    assert all(hit.number != "05-NQ/ĐU" for hit in page.hits)
    path = party_docx(tmp_path / "nq-05.docx", number="Số 05-NQ/ĐU")
    worker = threading.Thread(target=lambda: lib.import_files(main_window.workspace, [path]))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(page.hits) and page.hits[0].number == "05-NQ/ĐU")
