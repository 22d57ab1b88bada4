"""The test-mode guard: a screen's write on the GUI thread fails; through ui/ops.py it runs."""

import pytest

from handbook_desktop.core import write_guard
from handbook_desktop.core.org import OrgUnit
from handbook_desktop.ui import write_guard as gui_guard
from tests.core.workspace_helpers import add_cell


def add_unit(uow) -> str:
    return add_cell(uow, "Chi bộ thử").id


@pytest.fixture
def this_file_is_a_screen(monkeypatch):
    """Let this test module stand for a screen, so its own writes count as the GUI's."""
    monkeypatch.setattr(gui_guard, "UI_PACKAGE", "tests/ui/test_gui_thread_writes.py")


def test_a_write_on_the_gui_thread_fails_the_test(qapp, workspace, this_file_is_a_screen):
    with pytest.raises(write_guard.WriteOnGuiThread, match="test_gui_thread_writes.py"):
        workspace.perform(add_unit)
    with workspace.unit_of_work() as uow:
        assert uow.session.query(OrgUnit).count() == 0  # and nothing was written


def test_the_same_write_through_the_operations_passes(qapp, workspace, this_file_is_a_screen):
    from handbook_desktop.ui.changes import ChangeBridge
    from handbook_desktop.ui.ops import Operations
    from handbook_desktop.ui.taskrunner import TaskRunner

    done = []
    ops = Operations(workspace, TaskRunner(inline=True), ChangeBridge(workspace))
    ops.write(add_unit, title="thử", on_done=done.append)
    with workspace.unit_of_work() as uow:
        assert uow.session.get(OrgUnit, done[0]).name == "Chi bộ thử"


def test_documented_inline_writes_are_allowed(qapp, workspace, this_file_is_a_screen):
    with write_guard.inline_write_allowed():
        unit_id = workspace.perform(add_unit)
    with workspace.unit_of_work() as uow:
        assert uow.session.get(OrgUnit, unit_id) is not None
