"""The Đồng bộ page, Cài đặt → Đồng bộ and the status bar, against the real server over loopback."""

import os
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from handbook_desktop.core import library
from handbook_desktop.core.library import ItemFilter, list_items
from sync import account as accounts
from tests.conftest import REPO
from tests.ui.sync.conftest import log_in


def _library_titles(window) -> list[str]:
    titles = []
    for key in ("documents", "news"):
        window.show_page(key)
        titles += [item.title for item in window.pages.currentWidget().model.rows]
    return titles


def test_login_from_the_sync_page_pulls_what_was_published(live_server, memory_keyring, blank_window):
    window = blank_window
    box = log_in(window, live_server.url, "dangvien.demo")
    account = window.sync.account
    assert account is not None and account.username == "dangvien.demo"
    assert "Chi bộ Khu phố 3" in box.summary.text() and "dangvien.demo" in box.summary.text()
    assert not box.fields.isVisible() and box.logout_button.isVisible()
    # The login pulled at once: a successful round in the history, the cell in the banner.
    page = window.sync_page
    runs = page.history.rows
    assert runs and runs[0].ok
    assert window.cell_label.text() == "Chi bộ Khu phố 3"
    assert "Đồng bộ lúc" in window.connection.text()
    # What the server holds for this member is in the library, shown by the library pages.
    pulled = window.ops.read_now(lambda uow: list_items(uow, ItemFilter(library.DOCUMENTS))
                                 + list_items(uow, ItemFilter(library.ARTICLES)))
    assert pulled, "the demo server publishes items to Khu phố 3"
    assert {item.title for item in pulled} <= set(_library_titles(window))
    # Reading one records a receipt for the next (upward) sync: the status bar counts it.
    window.ops.write(lambda uow: library.open_item(uow, pulled[0].table, pulled[0].id), title="Đọc")
    assert "1 thay đổi chờ gửi" in window.connection.text()
    # Cài đặt → Đồng bộ is the same box over the same account.
    window.show_page("settings")
    assert "dangvien.demo" in window.sync_settings.summary.text()


def test_sync_now_adds_a_round_to_the_history(live_server, memory_keyring, blank_window):
    window = blank_window
    log_in(window, live_server.url, "bithu.demo")
    page = window.sync_page
    before = len(page.history.rows)
    page.sync_button.click()
    assert len(page.history.rows) == before + 1
    assert page.history.rows[0].ok and "Không có gì mới" in page.history.text(0, 2)
    assert not window.sync.syncing and page.sync_button.text() == "Đồng bộ ngay"


def test_wrong_password_says_so_and_keeps_what_was_typed(live_server, memory_keyring, blank_window):
    window = blank_window
    box = log_in(window, live_server.url, "dangvien.demo", password="sai mật khẩu")
    assert window.sync.account is None
    assert "Sai tên đăng nhập hoặc mật khẩu" in box.notice.text()
    assert box.notice.isVisible()
    assert (box.fields.server.text(), box.fields.username.text(), box.fields.password.text()) == (
        live_server.url, "dangvien.demo", "sai mật khẩu")
    assert not window.sync_page.sync_button.isVisible()


def test_an_unreachable_server_and_a_bad_address_are_said_in_words(blank_window):
    window = blank_window
    box = log_in(window, "sotay dot vn", "dangvien.demo")
    assert "không hợp lệ" in box.notice.text()
    box = log_in(window, "http://127.0.0.1:9", "dangvien.demo")  # the discard port: nothing listens
    assert "Không kết nối được máy chủ" in box.notice.text()
    assert box.fields.username.text() == "dangvien.demo"


def test_logout_removes_the_account_and_keeps_the_data(live_server, memory_keyring, blank_window, monkeypatch):
    window = blank_window
    box = log_in(window, live_server.url, "dangvien.demo")
    monkeypatch.setattr(QMessageBox, "exec", lambda dialog: dialog.buttons()[0].click())  # "Đăng xuất"
    box.logout_button.click()
    assert window.sync.account is None and accounts.current_account(window.workspace) is None
    assert "Chưa kết nối" in box.summary.text() and box.fields.isVisible()
    assert window.cell_label.text() == "Chi bộ Khu phố 3"  # what arrived stays


def test_without_a_keyring_background_rounds_wait_and_sync_now_asks(live_server, blank_window):
    window = blank_window
    log_in(window, live_server.url, "dangvien.demo")  # no keyring: the login lives in this process only
    assert window.sync.error == "" and window.sync_page.history.rows[0].ok
    accounts.forget_tokens(window.sync.account)  # as after a restart
    window.scheduler.due()  # a background round never opens a dialog
    assert window.sync.needs_password
    assert "cần mật khẩu" in window.connection.text()
    asked = []
    window.sync.ask_password = lambda: asked.append(True) or "demo"
    window.sync_page.sync_button.click()
    assert asked == [True]
    assert not window.sync.needs_password and window.sync.error == ""
    assert "cần mật khẩu" not in window.connection.text()


def test_demo_workspace_offers_nothing_that_could_sync(main_window):
    main_window.show_page("sync")
    page = main_window.sync_page
    assert not page.sync_button.isVisible()
    assert not page.account_box.fields.isVisible() and not page.account_box.login_button.isVisible()
    assert "dữ liệu mẫu" in page.account_box.summary.text()
    assert main_window.connection.text() == ""
    assert main_window.sync.sync_now() is None
    main_window.scheduler.due()
    assert page.history.rows == []


def test_a_demo_window_starts_without_the_sync_client(demo_dir):
    """Start-up time: a demo never syncs, so it never loads pydantic, requests and the client."""
    code = "; ".join((
        "import sys", "from pathlib import Path", "from PySide6.QtWidgets import QApplication",
        "from handbook_desktop.app import build_main_window", "from handbook_desktop.core.paths import DataDirChoice",
        "from handbook_desktop.core.workspace import open_workspace", "app = QApplication([])",
        f"ws = open_workspace(Path({str(demo_dir)!r}))", "build_main_window(app, ws, DataDirChoice(ws.data_dir, True))",
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('sync', 'requests', 'pydantic')))",
        "ws.close()"))
    loaded = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split()
    assert loaded == []


def test_the_status_bar_follows_the_line(live_server, memory_keyring, workspace, window_on):
    """Unknown until the first probe answers (never a false "offline"), then what the probe found."""
    accounts.connect(workspace, live_server.url, "dangvien.demo", "demo")
    window = window_on(workspace)
    assert window.sync.online is None and "Đang kiểm tra kết nối" in window.connection.text()
    window.sync.check_online()
    assert "Trực tuyến" in window.connection.text()
    live_server.stop()
    try:
        window.sync.check_online()
        assert "Ngoại tuyến" in window.connection.text()
    finally:
        live_server.start()
    window.sync.check_online()
    assert "Trực tuyến" in window.connection.text()
