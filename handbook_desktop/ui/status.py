"""The status bar: running work with progress and cancel, connection and last sync."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from handbook_desktop.core.clock import local_day, vietnam_today
from handbook_desktop.core.text import format_datetime
from handbook_desktop.i18n import _
from handbook_desktop.ui.taskrunner import Task, TaskRunner


class TaskProgress(QWidget):
    """Shows the newest visible task; hidden when nothing runs."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._task: Task | None = None
        self.title = QLabel()
        self.bar = QProgressBar(maximumWidth=200)
        self.cancel_button = QPushButton(_("Hủy"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.bar, self.cancel_button):
            layout.addWidget(widget)
        tasks.started.connect(self._on_started)
        tasks.progressed.connect(self._on_progress)
        tasks.ended.connect(self._on_ended)
        self.hide()

    def _on_started(self, task: Task) -> None:
        if task.quiet:
            return
        self._task = task
        self.title.setText(task.title)
        self.bar.setRange(0, 0)  # busy until the first report
        self.show()

    def _on_progress(self, task: Task, done: int, total: int, message: str) -> None:
        if task is self._task:
            self.bar.setRange(0, max(total, 0))
            self.bar.setValue(done)
            self.title.setText(f"{task.title}: {message}" if message else task.title)

    def _on_ended(self, task: Task) -> None:
        if task is self._task:
            self._task = None
            self.hide()

    def _cancel(self) -> None:
        if self._task:
            self._task.cancel()
            self.title.setText(_("Đang hủy…"))


class ConnectionStatus(QLabel):
    """Online or not, a round running, the last success, an error in words; nothing at all on
    a demo workspace, which never syncs."""

    def show_state(self, sync, pending: int) -> None:  # sync: ui/sync/controller.SyncController
        parts = [] if sync.is_demo else self._sync_parts(sync)
        if parts and pending:
            parts.append(_("{n} thay đổi chờ gửi").format(n=pending))
        self.setText("   ".join(parts))
        self.setToolTip(sync.error if sync.account else "")
        self.setProperty("online", bool(sync.online))

    @staticmethod
    def _sync_parts(sync) -> list[str]:
        if sync.account is None:
            return [_("● Chưa kết nối máy chủ")]
        if sync.online is None:
            parts = [_("● Đang kiểm tra kết nối…")]
        else:
            parts = [_("● Trực tuyến") if sync.online else _("● Ngoại tuyến")]
        if sync.syncing:
            return parts + [_("Đang đồng bộ…")]
        if sync.needs_password:
            parts.append(_("Chưa đồng bộ: cần mật khẩu (trang Đồng bộ)"))
        elif sync.error:
            parts.append(_("Lỗi đồng bộ: {error}").format(error=shortened(sync.error)))
        parts.append(_("Đồng bộ lúc {when}").format(when=when(sync.last_success)) if sync.last_success
                     else _("Chưa đồng bộ lần nào"))
        return parts


ERROR_CHARS = 60  # the status bar must not grow the window; the whole text is the tooltip


def shortened(text: str) -> str:
    return text if len(text) <= ERROR_CHARS else text[:ERROR_CHARS - 1].rstrip() + "…"


def when(moment) -> str:
    """14:05 today, with the day otherwise."""
    shown = format_datetime(moment)
    return shown[:5] if local_day(moment) == vietnam_today() else shown
