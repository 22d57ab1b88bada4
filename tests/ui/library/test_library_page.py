"""Reading in the GUI: list, filters, reader, table of contents, favorites, position."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from handbook_desktop.core import library as lib
from handbook_desktop.ui.changes import _Freshness
from handbook_desktop.ui.library.library_page import LibraryPage
from tests.core.library.docfiles import party_docx


def _page(window, key) -> LibraryPage:
    window.show_page(key)
    return window.pages.currentWidget()


def _row_of(page, number):
    return next(row for row, item in enumerate(page.model.rows) if item.number == number)


def test_documents_page_lists_newest_first_with_unread_bold(main_window):
    page = _page(main_window, "documents")
    assert page.model.rowCount() == 12
    first = page.model.index(0, 0)
    assert page.model.data(page.model.index(0, 2)) == "10/11/2026"
    assert page.model.data(first, Qt.ItemDataRole.FontRole).bold()
    assert page.count.text() == "12 mục"


def test_opening_a_long_document_shows_header_toc_and_marks_it_read(main_window, qtbot):
    page = _page(main_window, "documents")
    row = _row_of(page, "57-NQ/TW")
    page.list.selectRow(row)
    reader = page.reader
    assert reader.reading.item.number == "57-NQ/TW"
    text = reader.text.toPlainText()
    assert "Nghị quyết về đột phá phát triển khoa học" in text and "22/12/2024" in text
    assert reader.toc.isVisibleTo(page) and reader.toc.count() >= 4
    row = _row_of(page, "57-NQ/TW")
    assert not isinstance(page.model.data(page.model.index(row, 0), Qt.ItemDataRole.FontRole), QFont)
    bar = reader.text.verticalScrollBar()
    reader.toc.itemClicked.emit(reader.toc.item(reader.toc.count() - 1))
    assert bar.value() > 0  # jumped to the last section


def test_filters_narrow_the_list(main_window, qtbot):
    page = _page(main_window, "documents")
    page.category.setCurrentIndex(page.category.findData("nghi_quyet"))
    assert page.model.rowCount() >= 2 and all(i.category == "nghi_quyet" for i in page.model.rows)
    page.category.setCurrentIndex(0)
    page.year.setCurrentIndex(page.year.findData(2025))
    assert all(i.day.year == 2025 for i in page.model.rows)
    page.year.setCurrentIndex(0)
    page.list.selectRow(0)
    page.unread.setChecked(True)
    assert page.model.rowCount() == 11


def test_favorite_from_the_reader_and_the_favorites_filter(main_window, qtbot):
    page = _page(main_window, "news")
    page.list.selectRow(1)
    item_id = page.reader.reading.item.id
    qtbot.mouseClick(page.reader.favorite_button, Qt.MouseButton.LeftButton)
    assert page.reader.favorite_button.text() == "★ Đã đánh dấu"
    page.favorites.setChecked(True)
    assert [i.id for i in page.model.rows] == [item_id]
    assert page.model.data(page.model.index(0, 0)).startswith("★ ")


def test_reading_position_is_saved_and_offered_on_the_home_page(main_window, qtbot):
    page = _page(main_window, "documents")
    page.list.selectRow(_row_of(page, "57-NQ/TW"))
    bar = page.reader.text.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    page.reader.save_position()  # what the timer does after scrolling stops
    ops = main_window.ops
    continuing = ops.read_now(lib.continue_reading)
    assert [i.number for i in continuing] == ["57-NQ/TW"]
    assert 0.4 < ops.read_now(lambda uow: lib.read_item(uow, lib.DOCUMENTS, continuing[0].id)).position < 0.6


def test_correcting_metadata_from_the_reader(main_window, monkeypatch):
    from handbook_desktop.ui.library.document_form import DocumentForm

    errors = []
    monkeypatch.setattr("handbook_desktop.ui.library.document_form.show_error",
                        lambda parent, title, exc: errors.append(exc.message))

    def fill(form: DocumentForm):
        form.issued_on.setText("31/02/2024")
        form.save()
        assert form.result() != DocumentForm.DialogCode.Accepted
        form.issued_on.setText("01/11/2099")
        form.save()  # refused by the service, on the task runner
        assert form.result() != DocumentForm.DialogCode.Accepted
        form.number.setText("99-TB/ĐU")
        form.issued_on.setText("01/11/2026")
        form.save()
        return form.result()

    monkeypatch.setattr(DocumentForm, "exec", fill)
    page = _page(main_window, "documents")
    page.list.selectRow(0)
    assert page.reader.edit_button.isVisibleTo(page)
    page.reader.edit_metadata()
    assert "không phải ngày hợp lệ" in errors[0] and "tương lai" in errors[1]
    assert page.reader.reading.item.number == "99-TB/ĐU"
    assert "99-TB/ĐU" in [item.number for item in page.model.rows]


def _on_another_thread(work) -> None:
    """As a background sync will write: its own thread, its own unit of work."""
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()


def _add_article(workspace, title: str) -> None:
    workspace.perform(lambda uow: uow.session.add(lib.Article(
        unit_id=uow.home_unit_id, channel=lib.Channel.NATIONAL, title=title, body="Nội dung.",
        published_at=uow.now())))


def test_an_import_on_another_thread_shows_on_the_open_page(main_window, qtbot, tmp_path):
    page = _page(main_window, "documents")
    page.list.selectRow(_row_of(page, "57-NQ/TW"))
    opened, count = page.reader.reading.item.id, page.model.rowCount()
    path = party_docx(tmp_path / "nq-05.docx", number="Số 05-NQ/ĐU")
    _on_another_thread(lambda: lib.import_files(main_window.workspace, [path]))
    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1)
    assert "05-NQ/ĐU" in [item.number for item in page.model.rows]
    assert page.reader.reading.item.id == opened  # the reader was not disturbed
    assert page.model.row(page.list.currentIndex().row()).id == opened


def test_an_article_written_on_another_thread_shows_on_the_open_news_page(main_window, qtbot):
    page = _page(main_window, "news")
    count = page.model.rowCount()
    _on_another_thread(lambda: _add_article(main_window.workspace, "Tin mới từ máy chủ"))
    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1)
    assert "Tin mới từ máy chủ" in [item.title for item in page.model.rows]


def test_a_hidden_page_is_marked_stale_and_reloads_when_shown(main_window, qtbot):
    page = _page(main_window, "news")
    [freshness] = page.findChildren(_Freshness, options=Qt.FindChildOption.FindDirectChildrenOnly)
    count = page.model.rowCount()
    main_window.show_page("home")
    assert not page.isVisible()
    _on_another_thread(lambda: _add_article(main_window.workspace, "Tin mới khi trang đang ẩn"))
    qtbot.waitUntil(lambda: freshness.stale)
    assert page.model.rowCount() == count  # a hidden page does no work
    main_window.show_page("news")
    assert not freshness.stale and page.model.rowCount() == count + 1
    assert "Tin mới khi trang đang ẩn" in [item.title for item in page.model.rows]


def test_opening_an_item_reloads_the_list_once_and_never_in_a_loop(main_window, qtbot, monkeypatch):
    page = _page(main_window, "documents")
    loads = []
    list_items = lib.list_items
    monkeypatch.setattr(lib, "list_items", lambda uow, flt: loads.append(flt) or list_items(uow, flt))
    page.list.selectRow(_row_of(page, "57-NQ/TW"))
    assert len(loads) == 1  # the first opening writes a read receipt: the page hears of it
    qtbot.wait(50)
    assert len(loads) == 1  # and its own reload opened nothing, so wrote nothing
    page.reader.save_position()  # at the top: a position row, the receipt as it was
    qtbot.wait(50)
    assert len(loads) == 1  # a reading position is not shown in the list
