"""Correcting a document's number, type, issuer, date and title after an import.

Saving runs through `ops.write`; the dialog closes when the change is stored, and stays
open with the problem shown when it is refused.
"""

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

from handbook_desktop.core import library
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.labels import label
from handbook_desktop.core.text import format_date, parse_date
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons, show_error
from handbook_desktop.ui.ops import Operations


class DocumentForm(QDialog):
    def __init__(self, ops: Operations, item: library.LibraryItem, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.item = ops, item
        self.setWindowTitle(_("Sửa thông tin văn bản"))
        self.number = QLineEdit(item.number, placeholderText="05-NQ/TW")
        self.doc_type = QComboBox()
        for code in library.DocumentType:
            self.doc_type.addItem(label(code), code.value)
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(item.category)))
        self.issuer = QLineEdit(item.issuer)
        self.issued_on = QLineEdit(format_date(item.day), placeholderText=_("ngày/tháng/năm"))
        self.title = QLineEdit(item.title)
        self.title.setMinimumWidth(480)
        form = QFormLayout(self)
        form.addRow(_("Số, ký hiệu"), self.number)
        form.addRow(_("Loại văn bản"), self.doc_type)
        form.addRow(_("Cơ quan ban hành"), self.issuer)
        form.addRow(_("Ngày ban hành"), self.issued_on)
        form.addRow(_("Tiêu đề"), self.title)
        buttons = accept_buttons(self, _("Lưu"), self.save)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            fields = library.DocumentFields(self.number.text(), self.doc_type.currentData(), self.issuer.text(),
                                            parse_date(self.issued_on.text(), _("Ngày ban hành")),
                                            self.title.text())
        except UserError as exc:
            self._refused(exc)
            return
        self.ops.write(lambda uow: library.update_document(uow, self.item.id, fields),
                       title=_("Sửa thông tin văn bản"), on_done=lambda _none: self.accept(),
                       on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        show_error(self, _("Sửa thông tin văn bản"), exc)
