"""The window paints its first screen from the home page's snapshot, then reads it anew."""

import dataclasses
from datetime import date

from PySide6.QtWidgets import QLabel

from handbook_desktop.core import meetings
from handbook_desktop.core.home import load_snapshot, save_snapshot, take_snapshot
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.ui.main_window import SECTIONS, MainWindow
from handbook_desktop.ui.taskrunner import TaskRunner
from tests.core.meetings.meeting_helpers import act, at

DAY = date(2026, 12, 3)


def window_of(qtbot, qapp, workspace, glance=None) -> MainWindow:
    window = MainWindow(workspace, DataDirChoice(workspace.data_dir, fixed=True), TaskRunner(qapp, inline=True),
                        today=DAY, glance=glance)
    qtbot.addWidget(window)
    return window


def home_text(window: MainWindow) -> str:
    return "\n".join(label.text() for label in window.home_page.findChildren(QLabel))


def test_the_first_screen_shows_the_kept_figures_then_the_ones_read_once_shown(qtbot, qapp, demo_workspace):
    save_snapshot(demo_workspace.data_dir, demo_workspace.perform(lambda uow: take_snapshot(uow, DAY)))
    glance = load_snapshot(demo_workspace.data_dir, DAY)
    # As if the figures were kept a moment before another program added a document.
    glance = dataclasses.replace(glance, overview=dataclasses.replace(glance.overview, documents=99))
    window = window_of(qtbot, qapp, demo_workspace, glance)
    assert "Văn bản: 99" in home_text(window)
    window.show()
    window.start_background()  # inline in tests: the read is done when this returns
    qtbot.waitUntil(lambda: "Văn bản: 99" not in home_text(window))  # the old page's labels go at the next loop
    assert "Văn bản: 12" in home_text(window)
    assert load_snapshot(demo_workspace.data_dir, DAY).overview.documents == 12  # kept for the next start


def test_a_change_made_in_the_window_is_kept_for_the_next_start_at_close(qtbot, qapp, demo_workspace):
    window = window_of(qtbot, qapp, demo_workspace)
    window.show()
    window.start_background()
    assert load_snapshot(demo_workspace.data_dir, DAY).overview.meetings == 2
    window.ops.write(lambda uow: meetings.create_meeting(uow, meetings.MeetingForm(starts_at=at(2026, 12, 20))),
                     title="Lên lịch họp")
    assert load_snapshot(demo_workspace.data_dir, DAY) is None  # the counter moved: not painted from
    window.close()
    kept = load_snapshot(demo_workspace.data_dir, DAY)
    assert kept.overview.meetings == 3 and kept.overview.next_meeting.days_left == 17


def painted_without_reading(qtbot, qapp, workspace, monkeypatch) -> MainWindow:
    """A window made from the snapshot the last one kept, refusing any database read meanwhile."""
    glance = load_snapshot(workspace.data_dir, DAY)
    assert glance is not None

    def no_read(*_args, **_kwargs):
        raise AssertionError("the first screen read the database")

    monkeypatch.setattr(workspace, "perform", no_read)
    window = window_of(qtbot, qapp, workspace, glance)
    monkeypatch.undo()
    return window


def test_the_demo_first_screen_reads_nothing_from_the_database(qtbot, qapp, demo_workspace, monkeypatch):
    before = window_of(qtbot, qapp, demo_workspace)
    before.start_background()
    window = painted_without_reading(qtbot, qapp, demo_workspace, monkeypatch)
    assert home_text(window) == home_text(before) and window.connection.text() == ""


def test_an_accounts_first_screen_shows_its_status_and_conflicts_without_reading(qtbot, qapp, workspace,
                                                                                 monkeypatch):
    from sync.protocol import ConflictKind
    from tests.sync.client.cells import add_member, as_synced, connected_to, own_cell, pulled_conflict

    connected_to(workspace, cell_id=own_cell(workspace, "Chi bộ Khu phố 3"), role="editor")
    member_id = add_member(workspace, "Nguyễn Văn An", phone="0912000111")
    as_synced(workspace)
    pulled_conflict(workspace, member_id, "members", ConflictKind.FIELD, "phone", "0912000111", "0987000222")
    before = window_of(qtbot, qapp, workspace)
    before.start_background()
    sync_row = list(SECTIONS).index("sync")
    assert before.sidebar.item(sync_row).text() == "Đồng bộ (1)"
    window = painted_without_reading(qtbot, qapp, workspace, monkeypatch)
    assert window.sync.account == before.sync.account and window.sync.account.is_editor
    assert window.sidebar.item(sync_row).text() == "Đồng bộ (1)"
    assert not window.sidebar.item(list(SECTIONS).index("editor")).isHidden()
    read = window_of(qtbot, qapp, workspace)  # made the slow way, before its first probe too
    assert window.connection.text() == read.connection.text() != ""
    assert home_text(window) == home_text(before)
