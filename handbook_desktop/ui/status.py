"""The status bar: running work with progress and cancel, connection and last sync."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

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
    def show_state(self, online: bool, server_url: str, last_sync_at, pending: int) -> None:
        if not server_url:
            state = _("● Ngoại tuyến — chưa cấu hình máy chủ")
        elif online:
            state = _("● Trực tuyến")
        else:
            state = _("● Ngoại tuyến")
        last = (_("Đồng bộ lần cuối: {when}").format(when=format_datetime(last_sync_at)) if last_sync_at
                else _("Chưa đồng bộ lần nào"))
        parts = [state, last]
        if pending:
            parts.append(_("{n} thay đổi chờ gửi").format(n=pending))
        self.setText("   ".join(parts))
        self.setProperty("online", online)
