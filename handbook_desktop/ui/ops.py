"""The GUI's way to read and write: each user action runs off the GUI thread.

In the spirit of Anki's CollectionOp/QueryOp: a page hands `ops.write` a function of one
unit of work; it runs on the task runner (`Workspace.perform`: one transaction, waiting
with "đang chờ…" while another program holds the database), its result comes back to
`on_done` on the GUI thread, and the commit's change notification refreshes every page
that shows the data (`ui/changes.py`). Nothing here opens a session on the GUI thread.
"""

from collections.abc import Callable
from typing import Any

from handbook_desktop.core.progress import Progress
from handbook_desktop.core.workspace import UnitOfWork, Workspace
from handbook_desktop.ui.changes import ChangeBridge
from handbook_desktop.ui.taskrunner import Task, TaskRunner
from handbook_desktop.ui.undo import UndoStack

Action = Callable[[UnitOfWork], Any]


class Operations:
    def __init__(self, workspace: Workspace, tasks: TaskRunner, changes: ChangeBridge):
        self.workspace, self.tasks, self.changes = workspace, tasks, changes
        self.undo = UndoStack(self)  # what the last actions pushed, for Hoàn tác (Ctrl+Z)

    def write(self, action: Action, *, title: str, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None, quiet: bool = False,
              with_progress: bool = False) -> Task:
        """One user action that changes data; the screens hear of it after the commit.
        `with_progress`: the action is `(uow, progress)`, so long work shows how far it got
        in the status bar and stops at the next report after Hủy (rolled back whole)."""
        return self._run(action, title, on_done, on_error, quiet, with_progress, read_only=False)

    def read_now(self, query: Action) -> Any:
        """A quick local read for what is on screen (a few ms: WAL readers never wait on a
        writer); anything that may take longer goes through `read`."""
        return self.workspace.perform(query, read_only=True)

    def read(self, query: Action, *, title: str, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None, quiet: bool = True,
             with_progress: bool = False) -> Task:
        """A read that may wait on the disk (a long list, a search, a document's content);
        a write inside it raises `ReadWrote`, so "a read never writes" is checked, not hoped."""
        return self._run(query, title, on_done, on_error, quiet, with_progress, read_only=True)

    def _run(self, action: Callable[..., Any], title: str, on_done: Callable[[Any], None] | None,
             on_error: Callable[[BaseException], None] | None, quiet: bool, with_progress: bool,
             read_only: bool) -> Task:
        def work(progress: Progress) -> Any:
            given = (lambda uow: action(uow, progress)) if with_progress else action
            return self.workspace.perform(given, progress=progress, read_only=read_only)

        return self.tasks.run(work, title=title, on_done=on_done, on_error=on_error, quiet=quiet)
