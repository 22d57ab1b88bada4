"""The one bridge from the workspace's change notifications into Qt.

The workspace tells its listeners after every commit, on whatever thread committed (the
GUI's task runner, a background sync). The bridge re-emits on the GUI thread, and
`keep_fresh` reloads a page at once when it is visible, or when it is next shown.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from handbook_desktop.core.workspace import Changes, Workspace


class ChangeBridge(QObject):
    changed = Signal(object)  # Changes; queued to the GUI thread when emitted elsewhere

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self._workspace = workspace
        workspace.add_listener(self.changed.emit)

    def close(self) -> None:
        self._workspace.remove_listener(self.changed.emit)


class _Freshness(QObject):
    def __init__(self, page: QWidget, bridge: ChangeBridge, tables: frozenset[str],
                 reload: Callable[[], None]):
        super().__init__(page)
        self.page, self.tables, self.reload = page, tables, reload
        self.stale = False
        bridge.changed.connect(self._on_changed)
        page.installEventFilter(self)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*self.tables):
            return
        if self.page.isVisible():
            self.reload()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.reload()
        return False


def keep_fresh(page: QWidget, bridge: ChangeBridge, tables: set[str] | frozenset[str],
               reload: Callable[[], None]) -> None:
    """Call `reload` when a commit touches one of `tables`: now if `page` is shown, else on show."""
    _Freshness(page, bridge, frozenset(tables), reload)
