"""Progress and cancellation for long work, without any GUI.

A long operation takes a `Progress`, reports through it and stops with `Cancelled`
at the next report after the user pressed cancel. The GUI's task runner and the CLI
hand in their own `on_report`.
"""

import threading
from collections.abc import Callable

from handbook_desktop.core.errors import Cancelled

Reporter = Callable[[int, int, str], None]


class Progress:
    def __init__(self, on_report: Reporter | None = None):
        self._on_report = on_report
        self._cancelled = threading.Event()

    def report(self, done: int, total: int, message: str = "") -> None:
        self.check()
        if self._on_report:
            self._on_report(done, total, message)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()
