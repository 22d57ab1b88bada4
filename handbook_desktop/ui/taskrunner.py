"""Runs core operations off the GUI thread, with progress, cancel and error reporting.

Worker threads only emit signals; the runner's slots (GUI thread, queued connections)
call the callbacks. In tests the runner is built with `inline=True`: the same calls
run synchronously, so results are deterministic and no thread outlives a test.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from handbook_desktop.core.errors import Cancelled
from handbook_desktop.core.progress import Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress], Any]
_running_task = threading.local()


def in_task() -> bool:
    """Whether the calling thread is running a task's work (inline in tests, or in the pool)."""
    return getattr(_running_task, "depth", 0) > 0


class _Signals(QObject):
    progressed = Signal(object, int, int, str)
    finished = Signal(object, object)
    failed = Signal(object, object)


@dataclass(eq=False)
class Task:
    title: str
    quiet: bool  # background chores (e.g. the online check) show no progress
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    progress: Progress = field(default_factory=Progress)

    def cancel(self) -> None:
        self.progress.cancel()


class _Job(QRunnable):
    def __init__(self, task: Task, work: Work, signals: _Signals):
        super().__init__()
        self.task, self.work, self.signals = task, work, signals

    def run(self) -> None:
        _running_task.depth = getattr(_running_task, "depth", 0) + 1
        try:
            result = self.work(self.task.progress)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI
            self.signals.failed.emit(self.task, exc)
        else:
            self.signals.finished.emit(self.task, result)
        finally:
            _running_task.depth -= 1


class TaskRunner(QObject):
    """Starts tasks and tells the window which one is running and how far it got."""

    started = Signal(object)  # Task
    progressed = Signal(object, int, int, str)  # Task, done, total, message
    ended = Signal(object)  # Task
    error = Signal(str, object)  # task title, exception (never Cancelled)

    def __init__(self, parent: QObject | None = None, *, inline: bool = False):
        super().__init__(parent)
        self.inline = inline
        self._pool = QThreadPool(self)
        self._signals = _Signals(self)
        self._signals.progressed.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._running: set[Task] = set()

    def run(self, work: Work, *, title: str, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, quiet: bool = False) -> Task:
        task = Task(title, quiet, on_done, on_error)
        task.progress = Progress(lambda done, total, msg: self._signals.progressed.emit(task, done, total, msg))
        self._running.add(task)
        self.started.emit(task)
        job = _Job(task, work, self._signals)
        if self.inline:
            job.run()
        else:
            self._pool.start(job)
        return task

    def running(self) -> list[Task]:
        return list(self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(object, int, int, str)
    def _on_progress(self, task: Task, done: int, total: int, message: str) -> None:
        self.progressed.emit(task, done, total, message)

    @Slot(object, object)
    def _on_finished(self, task: Task, result: Any) -> None:
        self._end(task)
        if task.on_done:
            task.on_done(result)

    @Slot(object, object)
    def _on_failed(self, task: Task, exc: BaseException) -> None:
        self._end(task)
        if isinstance(exc, Cancelled):
            return
        log.error("task %r failed", task.title, exc_info=exc)
        if task.on_error:
            task.on_error(exc)
        else:
            self.error.emit(task.title, exc)

    def _end(self, task: Task) -> None:
        self._running.discard(task)
        self.ended.emit(task)
