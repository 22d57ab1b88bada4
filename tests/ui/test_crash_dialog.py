"""A bug in a slot is written to the log folder and shown, and the window stays."""

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from handbook_desktop.core.crash import log_dir
from handbook_desktop.ui.crash_dialog import CrashDialog, install_crash_handler


@pytest.fixture
def crash_handler():
    before = sys.excepthook
    install_crash_handler()
    yield
    sys.excepthook = before
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CrashDialog):
            widget.close()


def _open_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_and_writes_the_report(qtbot, crash_handler):
    button = QPushButton("x")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ZeroDivisionError("a bug in a slot")

    button.clicked.connect(broken)
    button.show()
    button.click()

    qtbot.waitUntil(lambda: len(_open_dialogs()) == 1)
    dialog = _open_dialogs()[0]
    reports = list(log_dir().glob("crash-*.txt"))
    assert len(reports) == 1 and dialog.report.path == reports[0]
    text = reports[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug in a slot" in text and "Sổ tay đảng viên" in text and "PySide6" in text
    assert str(log_dir()).startswith(str(__import__("pathlib").Path.home()))  # the test's own home

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    assert button.isVisible()  # the app did not go away


@pytest.mark.qt_no_exception_capture
def test_a_failing_timer_opens_one_dialog_not_one_per_failure(qtbot, crash_handler):
    def broken() -> None:
        raise RuntimeError("again")

    for _ in range(3):
        QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: len(list(log_dir().glob("crash-*.txt"))) == 3)
    assert len(_open_dialogs()) == 1
