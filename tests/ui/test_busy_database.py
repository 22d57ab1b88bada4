"""While another program holds the database, a GUI write waits on the task runner, says
"đang chờ…" in the status bar, then lands; the window keeps answering meanwhile."""

import threading

from handbook_desktop.core.org import OrgUnit
from handbook_desktop.ui.changes import ChangeBridge
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.status import TaskProgress
from handbook_desktop.ui.taskrunner import TaskRunner
from tests.core.workspace_helpers import add_cell, hold_write_lock


def test_a_write_waits_for_another_program_without_freezing_the_window(qtbot, workspace):
    tasks = TaskRunner()  # a real worker thread, as in the app
    progress = TaskProgress(tasks)
    qtbot.addWidget(progress)
    ops = Operations(workspace, tasks, ChangeBridge(workspace))
    started, done, heard = threading.Event(), [], []
    ops.changes.changed.connect(heard.append)
    other = threading.Thread(target=hold_write_lock, args=(workspace.db_path, 7, started))
    other.start()
    started.wait()
    ops.write(lambda uow: add_cell(uow, "Chi bộ chờ").id, title="Lưu", on_done=done.append)
    qtbot.waitUntil(lambda: "đang chờ" in progress.title.text(), timeout=15_000)
    assert not done  # still waiting, and the GUI thread is free to paint this
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    other.join()
    tasks.wait()
    with workspace.unit_of_work() as uow:
        assert uow.session.get(OrgUnit, done[0]).name == "Chi bộ chờ"
    qtbot.waitUntil(lambda: any(changes.touches("org_units") for changes in heard), timeout=5_000)
