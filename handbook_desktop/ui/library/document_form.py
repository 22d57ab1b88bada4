"""Correcting a document's number, type, issuer, date and title after an import."""

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

from handbook_desktop.core.library.models import DocumentType
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.text.formatting import format_date, parse_date
from handbook_desktop.core.labels import label
from handbook_desktop.core.library import reading as library
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons, show_error


class DocumentForm(QDialog):
    def __init__(self, workspace: Workspace, item: library.LibraryItem, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.item = workspace, item
        self.setWindowTitle(_("Sửa thông tin văn bản"))
        self.number = QLineEdit(item.number, placeholderText="05-NQ/TW")
        self.doc_type = QComboBox()
        for code in DocumentType:
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

    def save(self) -> bool:
        try:
            fields = library.DocumentFields(self.number.text(), self.doc_type.currentData(), self.issuer.text(),
                                            parse_date(self.issued_on.text(), _("Ngày ban hành")),
                                            self.title.text())
            library.update_document(self.workspace, self.item.id, fields)
        except UserError as exc:
            show_error(self, _("Sửa thông tin văn bản"), exc)
            return False
        self.accept()
        return True
