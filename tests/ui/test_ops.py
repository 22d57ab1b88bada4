"""Operations hand their task's progress to long actions: shown while running, cancel rolls back."""

from handbook_desktop.core.org import OrgUnit
from handbook_desktop.ui.changes import ChangeBridge
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.taskrunner import TaskRunner
from tests.core.workspace_helpers import add_cell


def add_units(uow, progress, count=3):
    for n in range(count):
        progress.report(n + 1, count, add_cell(uow, f"Chi bộ {n}").name)
    return count


def test_a_long_write_reports_its_progress(qapp, workspace):
    tasks, reports, done = TaskRunner(inline=True), [], []
    tasks.progressed.connect(lambda task, step, total, message: reports.append((step, total, message)))
    Operations(workspace, tasks, ChangeBridge(workspace)).write(add_units, title="Thêm", on_done=done.append,
                                                                with_progress=True)
    assert done == [3] and reports[-1] == (3, 3, "Chi bộ 2")


def test_cancel_stops_at_the_next_report_and_keeps_nothing(qapp, workspace):
    tasks, failed = TaskRunner(inline=True), []

    def cancel_after_first(uow, progress):
        progress.report(0, 3, "")
        progress.cancel()
        return add_units(uow, progress)

    Operations(workspace, tasks, ChangeBridge(workspace)).write(
        cancel_after_first, title="Thêm", on_error=failed.append, with_progress=True)
    assert failed == []  # a cancel is not an error
    with workspace.unit_of_work() as uow:
        assert uow.session.query(OrgUnit).count() == 0
