"""The task runner: results, progress, cancel and errors reach the GUI thread."""

import threading

import pytest

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.ui.taskrunner import TaskRunner


def test_inline_runner_delivers_result_and_progress(qapp):
    runner = TaskRunner(inline=True)
    seen, results = [], []
    runner.progressed.connect(lambda task, done, total, msg: seen.append((done, total, msg)))

    def work(progress):
        for i in range(3):
            progress.report(i + 1, 3, f"bước {i + 1}")
        return "xong"

    runner.run(work, title="Thử", on_done=results.append)
    assert results == ["xong"]
    assert seen == [(1, 3, "bước 1"), (2, 3, "bước 2"), (3, 3, "bước 3")]
    assert runner.running() == []


def test_threaded_runner_runs_off_the_gui_thread(qtbot, qapp):
    runner = TaskRunner()
    gui_thread = threading.get_ident()
    threads, results = [], []

    def work(progress):
        threads.append(threading.get_ident())
        return 42

    with qtbot.waitSignal(runner.ended, timeout=5000):
        runner.run(work, title="Nền", on_done=lambda value: results.append((value, threading.get_ident())))
    assert threads[0] != gui_thread
    assert results == [(42, gui_thread)]  # callbacks come back on the GUI thread


def test_cancel_stops_work_silently(qtbot, qapp):
    runner = TaskRunner()
    errors, done, started = [], [], threading.Event()
    runner.error.connect(lambda title, exc: errors.append(exc))

    def work(progress):
        started.set()
        for i in range(10_000):
            progress.report(i, 10_000)
            threading.Event().wait(0.001)
        return "finished"

    with qtbot.waitSignal(runner.ended, timeout=10_000):
        task = runner.run(work, title="Dài", on_done=done.append)
        assert started.wait(5)
        task.cancel()
    assert done == [] and errors == []


@pytest.mark.parametrize("exc", [ValidationError("Ngày sinh không hợp lệ"), RuntimeError("bug")])
def test_errors_are_reported_with_the_task_title(qapp, exc):
    runner = TaskRunner(inline=True)
    reported = []
    runner.error.connect(lambda title, error: reported.append((title, error)))

    def work(progress):
        raise exc

    runner.run(work, title="Nhập dữ liệu")
    assert reported == [("Nhập dữ liệu", exc)]
