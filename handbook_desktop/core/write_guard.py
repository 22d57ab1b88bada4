"""A check run before every write: lets the tests catch a write made on the GUI thread.

The GUI must never wait on the database (another program, an import or a sync may hold
its lock), so it writes through `ui/ops.py` on the task runner. In tests the GUI installs a
check that names any write a widget made inline; in the shipped app none is installed.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Check = Callable[[], str | None]  # a complaint, or None when the write is fine

_check: Check | None = None
_allowed = threading.local()


class WriteOnGuiThread(AssertionError):
    """A service write ran on the GUI thread outside the task runner."""


def install(check: Check | None) -> None:
    global _check
    _check = check


@contextmanager
def inline_write_allowed() -> Iterator[None]:
    """For the few writes that must stay inline; each use says why where it is made."""
    _allowed.depth = getattr(_allowed, "depth", 0) + 1
    try:
        yield
    finally:
        _allowed.depth -= 1


def check_write() -> None:
    if _check is None or getattr(_allowed, "depth", 0):
        return
    complaint = _check()
    if complaint:
        raise WriteOnGuiThread(complaint)
