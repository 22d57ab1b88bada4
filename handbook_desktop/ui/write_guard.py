"""The GUI's check for `core.write_guard`: a write a widget made on the GUI thread.

Installed by the tests (tests/ui/conftest.py), so a screen that writes inline fails its
test instead of freezing a secretary's window while the database is busy.
"""

import traceback

from PySide6.QtCore import QCoreApplication, QThread

from handbook_desktop.core import write_guard
from handbook_desktop.ui.taskrunner import in_task

UI_PACKAGE = "handbook_desktop/ui/"


def gui_thread_write() -> str | None:
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread() or in_task():
        return None
    callers = [frame for frame in traceback.extract_stack() if UI_PACKAGE in frame.filename.replace("\\", "/")
               and not frame.filename.endswith("write_guard.py")]
    if not callers:
        return None  # a test arranging data, not a screen
    where = callers[-1]
    return f"service write on the GUI thread from {where.filename}:{where.lineno} ({where.name}); use ui/ops.py"


def install() -> None:
    write_guard.install(gui_thread_write)


def uninstall() -> None:
    write_guard.install(None)
