"""Background sync: a round when the server is found, on the declared interval, one at a time,
never on a demo workspace; open screens follow through change notifications."""

from handbook_desktop.core import settings as s
from tests.ui.sync.conftest import log_in


def test_a_round_runs_when_the_server_is_found_and_open_screens_follow(live_server, memory_keyring, blank_window):
    window = blank_window
    log_in(window, live_server.url, "dangvien.demo")
    window.show_page("news")
    news = window.pages.currentWidget()
    shown = len(news.model.rows)
    assert shown, "the login pulled the articles published to Khu phố 3"
    window.sync.online = False  # as when the line was down
    rounds = len(window.sync_page.history.rows)
    window.start_background()  # probes at once; the server answers, so a round is due
    assert window.sync.online
    assert len(window.sync_page.history.rows) == rounds + 1
    assert window.scheduler.rounds.interval() == window.workspace.settings.get(s.SYNC_INTERVAL) * 60_000
    assert window.scheduler.rounds.isActive()
    assert len(news.model.rows) == shown  # nothing new: the open list kept its rows


def test_never_two_rounds_at_once(live_server, memory_keyring, blank_window, qtbot):
    window = blank_window
    log_in(window, live_server.url, "dangvien.demo")
    window.sync.tasks.inline = False  # a real worker thread: the round is still running below
    first = window.sync.sync_now(on_demand=False)
    try:
        assert first is not None and window.sync.syncing
        assert window.sync.sync_now(on_demand=True) is None
        assert window.sync_page.sync_button.text() == "Dừng đồng bộ"
    finally:
        qtbot.waitUntil(lambda: not window.sync.syncing, timeout=20_000)  # the round's end reaches the GUI
    assert window.sync.error == "" and window.sync_page.sync_button.text() == "Đồng bộ ngay"


def test_the_demo_never_probes_or_syncs(main_window):
    main_window.start_background()
    assert main_window.sync.sync_now() is None and not main_window.sync.syncing
    main_window.show_page("sync")
    assert main_window.sync_page.history.rows == []


def test_the_interval_is_a_setting_of_cai_dat(main_window):
    main_window.show_page("settings")
    form = main_window.settings_form
    form.sync_interval.setValue(15)
    assert form.submit()
    assert main_window.workspace.settings.get(s.SYNC_INTERVAL) == 15
    assert s.Settings(main_window.workspace.settings.path).get(s.SYNC_INTERVAL) == 15  # saved
    assert main_window.scheduler.rounds.interval() == 15 * 60_000


def test_logout_during_a_round_cancels_it_first(live_server, memory_keyring, blank_window, qtbot):
    window = blank_window
    log_in(window, live_server.url, "dangvien.demo")
    window.sync.tasks.inline = False
    assert window.sync.sync_now(on_demand=True) is not None
    window.sync.log_out()
    qtbot.waitUntil(lambda: window.sync.account is None and not window.sync.syncing, timeout=20_000)
    assert window.sync.error == ""
    assert "Chưa kết nối" in window.sync_page.account_box.summary.text()
