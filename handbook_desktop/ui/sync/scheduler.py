"""Background sync: a round at start, every few minutes, and when the network returns.

The controller refuses a round while one runs and on a demo workspace, so the scheduler only
says when a round is due.
"""

from PySide6.QtCore import QObject, QTimer

from handbook_desktop.core import settings as s
from handbook_desktop.ui.sync.controller import SyncController

ONLINE_CHECK_MS = 60_000


class SyncScheduler(QObject):
    def __init__(self, controller: SyncController, settings: s.Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.controller, self.settings = controller, settings
        self.rounds = QTimer(self, timeout=self.due, interval=settings.get(s.SYNC_INTERVAL) * 60_000)
        self.probe = QTimer(self, interval=ONLINE_CHECK_MS, timeout=controller.check_online)
        controller.came_online.connect(self.due)
        controller.connected.connect(lambda _account: self.rounds.start())  # the login pulled just now

    def start(self) -> None:
        """From the shown window: probe now; the first probe that finds the server runs a round.
        A demo workspace never syncs, so it never probes either."""
        if self.controller.is_demo:
            return
        self.rounds.start()
        self.probe.start()
        self.controller.check_online()

    def due(self) -> None:
        self.rounds.start()  # counted from the last round, however it was started
        self.controller.sync_now(on_demand=False)
