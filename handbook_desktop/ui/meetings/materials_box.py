"""Meeting materials: documents of the library or files, each marked on time (≥ 1 day before) or late."""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QGroupBox, QVBoxLayout, QWidget

from handbook_desktop.core.text import format_datetime
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.meetings.common import (MeetingContext, button_row, current_row, on_key, open_attached, rows_table)
from handbook_desktop.ui.table_model import RowsModel
from handbook_desktop.ui.meetings.library_picker import LibraryPickerDialog


def _source(material: meetings.MaterialView) -> str:
    if material.document_id:
        return material.document_number or _("Văn bản trong thư viện")
    return ", ".join(f.filename for f in material.files)


COLUMNS = (
    (N_("Tài liệu"), lambda row, i: row.title),
    (N_("Số hiệu / tệp"), lambda row, i: _source(row)),
    (N_("Đăng lúc"), lambda row, i: format_datetime(row.posted_at)),
    (N_("Trước 1 ngày"), lambda row, i: _("✓ đúng hạn") if row.on_time else _("✗ muộn")),
)


class MaterialsBox(QGroupBox):
    changed = Signal()
    open_document = Signal(str)  # a library document's id: the library's reader shows it

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Tài liệu sinh hoạt"), parent)
        self.ctx, self.meeting_id = ctx, ""
        self.model = RowsModel(COLUMNS, self)
        self.table = rows_table(self.model, stretch_column=0)
        self.table.activated.connect(lambda _index: self.open_material())
        on_key(self.table, "Delete", self.remove_material)
        buttons, self.buttons = button_row((_("Từ thư viện…"), self.add_from_library), (_("Tệp…"), self.add_file),
                                           (_("Mở"), self.open_material), (_("Gỡ"), self.remove_material))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id = detail.id
        self.reload()
        for button in (self.buttons[0], self.buttons[1], self.buttons[3]):
            button.setEnabled(not detail.locked)

    def reload(self) -> None:
        self.model.set_rows(self.ctx.read(meetings.materials, self.meeting_id))

    def add_from_library(self) -> None:
        picker = LibraryPickerDialog(self.ctx.workspace, self)
        if picker.exec() and picker.chosen:
            self.ctx.write(self, _("Thêm tài liệu"), meetings.add_library_material, self.meeting_id,
                           picker.chosen.id, now=self.ctx.now(), on_done=lambda _result: self._after_change())

    def add_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Chọn tệp tài liệu"))
        if name:
            self.add_path(Path(name))

    def add_path(self, path: Path) -> None:
        # Reading and hashing a large file waits on the disk: the task runner keeps the window alive.
        meeting_id, now = self.meeting_id, self.ctx.now()
        self.ctx.write(self, _("Thêm tài liệu {name}").format(name=path.name), meetings.add_file_material,
                       meeting_id, path, now=now, on_done=lambda _view: self._after_change())

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def open_material(self) -> None:
        row = current_row(self.table)
        if row < 0:
            return
        material = self.model.rows[row]
        if material.document_id:
            self.open_document.emit(material.document_id)
        elif material.files:
            open_attached(self, self.ctx.workspace, material.files[0])

    def remove_material(self) -> None:
        row = current_row(self.table)
        if row >= 0 and self.buttons[3].isEnabled():
            self.ctx.write(self, _("Gỡ tài liệu"), meetings.remove_material, self.model.rows[row].id,
                           on_done=lambda _result: self._after_change())
