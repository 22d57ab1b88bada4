"""Tệp → Sao lưu… and Tệp → Khôi phục…: the backup file (`core/backup_file.py`) from the menu.

A backup runs on the task runner (progress and Hủy in the status bar): SQLite's online
backup lets the window keep working meanwhile. A restore is checked on the task runner
too, then confirmed; replacing the data closes the workspace, so it also runs on the task
runner behind a window-modal progress dialog (Hủy works until the new database is put in
place), the workspace refusing every read meanwhile, and it reopens on the new data before
the window is rebuilt on it.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from handbook_desktop.core.backup_file import EXTENSION, Manifest, Restored, check_backup, restore_backup, write_backup
from handbook_desktop.core.backup_schedule import record_manual_backup
from handbook_desktop.core.clock import vietnam_now
from handbook_desktop.core import org
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.text import fold
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import ask, show_error
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.taskrunner import Task

FILTER = "Sổ tay đảng viên (*%s)" % EXTENSION


def default_name(cell_name: str, day) -> str:
    """so-tay-chi-bo-khu-pho-3-20260115.sotay: no accents, no spaces, sorts by date."""
    words = "".join(ch if ch.isalnum() else " " for ch in fold(cell_name).lower()).split()
    return "-".join(["so-tay", *words, f"{day:%Y%m%d}"]) + EXTENSION


class BackupFlow:
    def __init__(self, parent: QWidget, ops: Operations, on_backed_up: Callable[[], None],
                 on_restored: Callable[[], None]):
        self.parent, self.ops = parent, ops
        self.on_backed_up, self.on_restored = on_backed_up, on_restored

    @property
    def data_dir(self) -> Path:
        return self.ops.workspace.data_dir

    def ask_and_back_up(self) -> None:
        cell = self.ops.read_now(org.unit_path)  # the cell first, then the bodies above it
        suggested = Path.home() / default_name(cell[0] if cell else "", vietnam_now())
        chosen, _filter = QFileDialog.getSaveFileName(self.parent, _("Sao lưu dữ liệu"), str(suggested), FILTER)
        if chosen:
            self.back_up(Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(EXTENSION))

    def back_up(self, target: Path) -> None:
        def work(progress: Progress) -> Manifest:
            manifest = write_backup(self.data_dir, target, now=vietnam_now(), progress=progress)
            record_manual_backup(self.data_dir, target, vietnam_now())
            return manifest

        def done(manifest: Manifest) -> None:
            self.on_backed_up()
            QMessageBox.information(self.parent, _("Sao lưu dữ liệu"), _("Đã sao lưu vào {path}.").format(
                path=target) + "\n\n" + manifest.summary())

        self.ops.tasks.run(work, title=_("Sao lưu dữ liệu"), on_done=done)

    def ask_and_restore(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self.parent, _("Khôi phục dữ liệu từ tệp sao lưu"),
                                                      str(Path.home()), FILTER)
        if chosen:
            file = Path(chosen)
            self.ops.tasks.run(lambda _progress: check_backup(file, self.data_dir), title=_("Kiểm tra tệp sao lưu"),
                               on_done=lambda manifest: self._confirm_and_restore(file, manifest),
                               on_error=lambda exc: show_error(self.parent, _("Khôi phục dữ liệu"), exc))

    def _confirm_and_restore(self, file: Path, manifest: Manifest) -> None:
        if not ask(self.parent, _("Khôi phục dữ liệu"), manifest.summary() + "\n\n" + _(
                "Toàn bộ dữ liệu đang dùng (đảng viên, cuộc họp, văn bản, tệp đính kèm, cài đặt) sẽ được thay bằng "
                "bản sao lưu này. Dữ liệu hiện tại được giữ lại thành một tệp sao lưu trong {folder}.").format(
                folder=self.data_dir / "backups"), yes=_("Khôi phục"), no=_("Hủy")):
            return
        self._restore(file)

    def _restore(self, file: Path) -> None:
        title = _("Khôi phục dữ liệu")
        dialog = QProgressDialog(_("Đang khôi phục dữ liệu…"), _("Hủy"), 0, 0, self.parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)

        def progressed(task: Task, done: int, total: int, message: str) -> None:
            if task.title == title:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                dialog.setLabelText(message or _("Đang khôi phục dữ liệu…"))

        def ended(task: Task) -> None:
            if task.title == title:
                self.ops.tasks.progressed.disconnect(progressed)
                self.ops.tasks.ended.disconnect(ended)
                dialog.close()
                dialog.deleteLater()

        def cancel() -> None:
            for task in self.ops.tasks.running():
                if task.title == title:
                    task.cancel()

        self.ops.tasks.progressed.connect(progressed)
        self.ops.tasks.ended.connect(ended)
        dialog.canceled.connect(cancel)
        dialog.show()
        self.ops.tasks.run(
            lambda progress: self.ops.workspace.replace_data(
                lambda: restore_backup(file, self.data_dir, now=vietnam_now(), progress=progress)),
            title=title, on_done=lambda restored: self._restored(file, restored),
            on_error=lambda exc: show_error(self.parent, title, exc))

    def _restored(self, file: Path, restored: Restored) -> None:
        self.on_restored()
        text = _("Đã khôi phục dữ liệu từ {path}.").format(path=file)
        if restored.kept:
            text += "\n\n" + _("Dữ liệu trước khi khôi phục được giữ tại {path}.").format(path=restored.kept)
        QMessageBox.information(self.parent, _("Khôi phục dữ liệu"), text)

