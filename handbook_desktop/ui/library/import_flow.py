"""Importing files into the library from the menu or by drag-and-drop.

Importing N files is N actions (one unit of work per file, see `library.import_files`),
so it runs on the task runner itself rather than through `ops.write`: off the GUI thread,
with progress and cancel. A cancelled import keeps and reports the files finished before
cancel; each file's commit tells the library pages, which refresh themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from handbook_desktop.core import home, library
from handbook_desktop.core.library import SUPPORTED_SUFFIXES
from handbook_desktop.core.progress import Progress
from handbook_desktop.i18n import _
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.trash.delete_flow import push_undo_creation


def importable(paths: list[Path]) -> list[Path]:
    return [path for path in paths if path.suffix.lower() in SUPPORTED_SUFFIXES]


def report_text(report: library.ImportReport, cancelled: bool = False) -> str:
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
    def __init__(self, parent: QWidget, ops: Operations, on_imported: Callable[[library.ImportReport], None]):
        self.parent, self.ops, self.on_imported = parent, ops, on_imported

    def ask_and_import(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self.parent, _("Nhập văn bản vào thư viện"), "",
            _("Văn bản (*.docx *.pdf *.txt *.md)"))
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: list[Path]) -> None:
        def work(progress: Progress) -> tuple[library.ImportReport, bool]:
            try:
                return library.import_files(self.ops.workspace, paths, progress), False
            except library.ImportCancelled as exc:
                return exc.report, True

        self.ops.tasks.run(work, title=_("Nhập văn bản"), on_done=self._finished)

    def _finished(self, outcome: tuple[library.ImportReport, bool]) -> None:
        report, cancelled = outcome
        if report.imported:
            push_undo_creation(self.ops, home.DOCUMENT, [result.document_id for result in report.imported],
                               _("Nhập {n} văn bản").format(n=len(report.imported)))
        self.on_imported(report)
        box = QMessageBox(QMessageBox.Icon.Warning if report.problems else QMessageBox.Icon.Information,
                          _("Nhập văn bản"), report_text(report, cancelled), parent=self.parent)
        box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
