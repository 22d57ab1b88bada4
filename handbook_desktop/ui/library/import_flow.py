"""Importing files into the library from the menu or by drag-and-drop.

The work runs through the task runner (progress, cancel); a cancelled import keeps and
reports the files finished before cancel.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from handbook_desktop.core.progress import Progress
from handbook_desktop.core.library.importer import ImportCancelled, ImportReport, import_files
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import _
from handbook_desktop.ui.taskrunner import TaskRunner

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


def importable(paths: list[Path]) -> list[Path]:
    return [path for path in paths if path.suffix.lower() in SUFFIXES]


def report_text(report: ImportReport, cancelled: bool = False) -> str:
    lines = [_("Đã nhập {n} văn bản.").format(n=len(report.imported))]
    lines += [f"• {result.number or ''} {result.title}".replace("•  ", "• ") for result in report.imported]
    if report.duplicates:
        lines.append(_("Đã có sẵn trong thư viện: {n} tệp.").format(n=len(report.duplicates)))
    if report.problems:
        lines.append(_("Không nhập: {n} tệp.").format(n=len(report.problems)))
        lines += [f"• {result.message}" for result in report.problems]
    if cancelled:
        lines.append(_("Đã hủy: các tệp còn lại chưa được nhập."))
    return "\n".join(lines)


class ImportFlow:
    def __init__(self, parent: QWidget, workspace: Workspace, tasks: TaskRunner,
                 on_imported: Callable[[ImportReport], None]):
        self.parent, self.workspace, self.tasks, self.on_imported = parent, workspace, tasks, on_imported

    def ask_and_import(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self.parent, _("Nhập văn bản vào thư viện"), "",
            _("Văn bản (*.docx *.pdf *.txt *.md)"))
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: list[Path]) -> None:
        def work(progress: Progress) -> tuple[ImportReport, bool]:
            try:
                return import_files(self.workspace, paths, progress), False
            except ImportCancelled as exc:
                return exc.report, True

        self.tasks.run(work, title=_("Nhập văn bản"), on_done=self._finished)

    def _finished(self, outcome: tuple[ImportReport, bool]) -> None:
        report, cancelled = outcome
        self.on_imported(report)
        box = QMessageBox(QMessageBox.Icon.Warning if report.problems else QMessageBox.Icon.Information,
                          _("Nhập văn bản"), report_text(report, cancelled), parent=self.parent)
        box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
