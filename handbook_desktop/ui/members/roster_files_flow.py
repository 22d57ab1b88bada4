"""Excel round trip in the GUI: preview an import with per-row problems before anything
is written, then import all (or, by explicit choice, only the valid rows); export."""

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from handbook_desktop.core.members import (ImportPreview, ImportResult, RowAction, apply_import, export_roster,
                                           preview_import)
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.ops import Operations

ACTION_NAMES = {RowAction.NEW: N_("Thêm mới"), RowAction.UPDATE: N_("Cập nhật"), RowAction.UNCHANGED: N_("Không đổi")}
ALL, VALID_ONLY = 1, 2


class ImportPreviewDialog(QDialog):
    """Shows every row with what will happen to it; nothing is written until a choice."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Xem trước danh sách nhập"))
        self.choice = 0
        table = QTableWidget(len(preview.rows), 4, editTriggers=QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setHorizontalHeaderLabels([_("Dòng"), _("Họ và tên"), _("Sẽ làm"), _("Vấn đề")])
        for index, row in enumerate(preview.rows):
            action = _("Có lỗi: không nhập") if row.errors else _(ACTION_NAMES[row.action])
            cells = (str(row.row_number), row.full_name, action, "\n".join(row.errors + row.warnings))
            for column, text in enumerate(cells):
                table.setItem(index, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        buttons = QDialogButtonBox()
        import_all = QPushButton(_("Nhập tất cả"), enabled=not preview.has_problems)
        import_valid = QPushButton(_("Chỉ nhập các dòng hợp lệ"), visible=preview.has_problems)
        for button, choice in ((import_all, ALL), (import_valid, VALID_ONLY)):
            button.clicked.connect(lambda _c=False, value=choice: self._choose(value))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Hủy"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(escape(preview.summary()), wordWrap=True))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()


def result_text(result: ImportResult) -> str:
    return _("Đã nhập: {created} đảng viên mới, {updated} cập nhật, {unchanged} không đổi, {skipped} dòng bỏ qua."
             ).format(created=result.created, updated=result.updated, unchanged=result.unchanged,
                      skipped=result.skipped)


class RosterFilesFlow:
    """The roster page refreshes itself after an import: it keeps fresh on the members' tables."""

    def __init__(self, parent: QWidget, ops: Operations):
        self.parent, self.ops = parent, ops

    def ask_and_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self.parent, _("Nhập danh sách đảng viên"), "",
                                                    _("Bảng tính (*.xlsx *.csv)"))
        if name:
            self.preview(Path(name))

    def preview(self, path: Path) -> None:
        self.ops.read(lambda uow, progress: preview_import(uow, path, progress=progress),
                      title=_("Đọc danh sách đảng viên"), on_done=self._ask_choice, quiet=False, with_progress=True)

    def _ask_choice(self, preview: ImportPreview) -> None:
        dialog = ImportPreviewDialog(preview, self.parent)
        if dialog.exec() and dialog.choice:
            valid_only = dialog.choice == VALID_ONLY
            self.ops.write(lambda uow, progress: apply_import(uow, preview, valid_rows_only=valid_only,
                                                              progress=progress),
                           title=_("Nhập danh sách đảng viên"), on_done=self._imported, with_progress=True)

    def _imported(self, result: ImportResult) -> None:
        QMessageBox.information(self.parent, _("Nhập danh sách đảng viên"), result_text(result))

    def ask_and_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self.parent, _("Xuất danh sách đảng viên"),
                                                    "danh-sach-dang-vien.xlsx", _("Bảng tính (*.xlsx)"))
        if name:
            path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
            self.ops.read(lambda uow: export_roster(uow, path), title=_("Xuất danh sách đảng viên"), quiet=False,
                          on_done=lambda count: QMessageBox.information(
                              self.parent, _("Xuất danh sách đảng viên"),
                              _("Đã xuất {n} đảng viên vào {path}.").format(n=count, path=path)))
