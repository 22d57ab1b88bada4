"""The window paints its first screen from the home page's snapshot, then reads it anew."""

import dataclasses
from datetime import date

from PySide6.QtWidgets import QLabel

from handbook_desktop.core import meetings
from handbook_desktop.core.home import load_snapshot, save_snapshot, take_snapshot
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.ui.main_window import MainWindow
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
