"""Hoàn tác (Ctrl+Z): the last undoable actions of this window, newest on top.

An action that can be undone pushes its inverse: a plain function of one unit of work
(restore what was deleted, delete what was added). Undo pops it and runs it through
`ops.write` like any user action. The inverse's service refuses what changed since (a row
restored, deleted again or edited meanwhile, here or on another device), so undo never
overwrites newer work; a refusal is shown and the entry is gone. The stack lives as long as
the window: undo is for the mistake just made; older deletions are in Đã xóa.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

if TYPE_CHECKING:
    from handbook_desktop.ui.ops import Operations

LIMIT = 20  # a session's worth of mistakes; older ones are in Đã xóa


@dataclass(frozen=True)
class Undoable:
    label: str  # what was done, as the user would say it: Xóa đảng viên “…”
    inverse: Callable[[UnitOfWork], Any]


class UndoStack(QObject):
    changed = Signal()
    message = Signal(str)  # for the status bar

    def __init__(self, ops: "Operations"):
        super().__init__()
        self.ops = ops
        self.entries: list[Undoable] = []

    def push(self, label: str, inverse: Callable[[UnitOfWork], Any]) -> None:
        self.entries = [*self.entries, Undoable(label, inverse)][-LIMIT:]
        self.changed.emit()
        self.message.emit(_("{what} — bấm Ctrl+Z để hoàn tác.").format(what=label))

    def undo(self) -> None:
        if not self.entries:
            return
        entry = self.entries.pop()
        self.changed.emit()
        self.ops.write(entry.inverse, title=_("Hoàn tác"),
                       on_done=lambda _result: self.message.emit(_("Đã hoàn tác: {what}").format(what=entry.label)))


class UndoAction(QAction):
    """The menu's Hoàn tác: Ctrl+Z, naming what it will undo. Text boxes keep their own
    Ctrl+Z while they have the focus (Qt offers the key to the focused editor first)."""

    def __init__(self, stack: UndoStack, parent: QObject):
        super().__init__(parent, shortcut=QKeySequence.StandardKey.Undo)
        self.stack = stack
        self.triggered.connect(stack.undo)
        stack.changed.connect(self.refresh)  # a method: disconnected when the menu is rebuilt
        self.refresh()

    def refresh(self) -> None:
        last = self.stack.entries[-1].label if self.stack.entries else ""
        self.setText(_("Hoàn tác: {what}").format(what=last) if last else _("Hoàn tác"))
        self.setEnabled(bool(last))
