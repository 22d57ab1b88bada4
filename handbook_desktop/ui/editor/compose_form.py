"""The fields of an item an editor publishes: an article or a document, its channel, text,
attached files and the units it goes to."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.library import CATEGORY_LABELS, Channel, DocumentType
from handbook_desktop.core.text import format_date, parse_date
from handbook_desktop.i18n import _
from handbook_desktop.ui.fit import compact_combo
from sync.protocol import ItemFields, ItemKind, UnitOut

PATH_ROLE = Qt.ItemDataRole.UserRole


def _combo(values) -> QComboBox:
    combo = compact_combo(QComboBox())
    for value in values:
        combo.addItem(_(CATEGORY_LABELS[value]), str(value))
    return combo


class ComposeForm(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = compact_combo(QComboBox())
        self.kind.addItem(_("Bài viết, tin"), ItemKind.ARTICLE.value)
        self.kind.addItem(_("Văn bản"), ItemKind.DOCUMENT.value)
        self.channel = _combo(Channel)
        self.title = QLineEdit()
        self.summary = QPlainTextEdit()
        self.body = QPlainTextEdit()
        self.number = QLineEdit(placeholderText=_("Ví dụ: 15-NQ/TU"))
        self.doc_type = _combo(DocumentType)
        self.issuer = QLineEdit()
        self.issued_on = QLineEdit(placeholderText=_("ngày/tháng/năm"))
        for edit, lines in ((self.summary, 2), (self.body, 8)):
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines)
        self.files = QListWidget()
        self.files.setMaximumHeight(self.files.fontMetrics().lineSpacing() * 4)
        attach = QPushButton(_("Đính kèm tệp…"))
        attach.clicked.connect(self._attach)
        drop = QPushButton(_("Bỏ tệp đã chọn"))
        drop.clicked.connect(lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()])
        self.audience = QListWidget()
        self.audience.setMinimumHeight(self.audience.fontMetrics().lineSpacing() * 4)
        self.form = QFormLayout()
        self.form.addRow(_("Loại"), self.kind)
        self.form.addRow(_("Kênh"), self.channel)
        self.form.addRow(_("Tiêu đề"), self.title)
        self.form.addRow(_("Tóm tắt"), self.summary)
        self.form.addRow(_("Nội dung"), self.body)
        self._document_rows = ((_("Số, ký hiệu"), self.number), (_("Loại văn bản"), self.doc_type),
                               (_("Cơ quan ban hành"), self.issuer), (_("Ngày ban hành"), self.issued_on))
        for name, widget in self._document_rows:
            self.form.addRow(name, widget)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(attach)
        file_buttons.addWidget(drop)
        file_buttons.addStretch(1)
        files = QVBoxLayout()
        files.addWidget(self.files)
        files.addLayout(file_buttons)
        self.form.addRow(_("Tệp đính kèm"), files)
        self.form.addRow(_("Gửi đến"), self.audience)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.attachments = []  # AttachmentRefs already on the server (a correction keeps them)
        self._show_kind()

    def _show_kind(self) -> None:
        is_document = self.kind.currentData() == ItemKind.DOCUMENT.value
        for _name, widget in self._document_rows:
            self.form.setRowVisible(widget, is_document)

    # -- audience -----------------------------------------------------------------------
    def set_audiences(self, units: list[UnitOut]) -> None:
        """The units the editor may publish to (their subtree), indented under their parents."""
        chosen = set(self.chosen_audience())
        depth = {}
        self.audience.clear()
        for unit in units:
            depth[unit.id] = depth.get(unit.parent_id, -1) + 1
            item = QListWidgetItem("    " * depth[unit.id] + unit.name)
            item.setData(PATH_ROLE, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.id in chosen else Qt.CheckState.Unchecked)
            self.audience.addItem(item)

    def chosen_audience(self) -> list[str]:
        return [self.audience.item(i).data(PATH_ROLE) for i in range(self.audience.count())
                if self.audience.item(i).checkState() == Qt.CheckState.Checked]

    def check_audience(self, unit_ids) -> None:
        for i in range(self.audience.count()):
            item = self.audience.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(PATH_ROLE) in set(unit_ids)
                               else Qt.CheckState.Unchecked)

    # -- files --------------------------------------------------------------------------
    def _attach(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Đính kèm tệp"))
        for path in paths:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        item = QListWidgetItem(path.name)
        item.setData(PATH_ROLE, str(path))
        item.setToolTip(str(path))
        self.files.addItem(item)

    def new_files(self) -> list[Path]:
        return [Path(self.files.item(i).data(PATH_ROLE)) for i in range(self.files.count())
                if self.files.item(i).data(PATH_ROLE)]

    # -- fields -------------------------------------------------------------------------
    def load(self, fields: ItemFields) -> None:
        """Fill the form from an item (a file's extraction, or a publication to correct)."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(fields.kind.value)))
        if fields.channel:
            self.channel.setCurrentIndex(max(0, self.channel.findData(fields.channel)))
        self.title.setText(fields.title)
        self.summary.setPlainText(fields.summary)
        self.body.setPlainText(fields.body)
        self.number.setText(fields.number)
        if fields.doc_type:
            self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(fields.doc_type)))
        self.issuer.setText(fields.issuer)
        self.issued_on.setText(format_date(fields.issued_on) if fields.issued_on else "")
        self.attachments = list(fields.attachments)
        self.files.clear()
        for ref in self.attachments:  # already on the server: listed, not sent again
            item = QListWidgetItem(ref.filename)
            item.setData(PATH_ROLE, "")
            self.files.addItem(item)

    def fields(self) -> ItemFields:
        """What the form says; a UserError names what is missing or wrong."""
        if not self.title.text().strip():
            raise UserError(_("Hãy nhập tiêu đề."))
        kind = ItemKind(self.kind.currentData())
        document = kind is ItemKind.DOCUMENT
        kept = {self.files.item(i).text() for i in range(self.files.count()) if not self.files.item(i).data(PATH_ROLE)}
        return ItemFields(
            kind=kind, channel=self.channel.currentData(), title=self.title.text().strip(),
            summary=self.summary.toPlainText().strip(), body=self.body.toPlainText().strip(),
            number=self.number.text().strip() if document else "",
            doc_type=self.doc_type.currentData() if document else "",
            issuer=self.issuer.text().strip() if document else "",
            issued_on=parse_date(self.issued_on.text(), _("Ngày ban hành")) if document else None,
            attachments=[ref for ref in self.attachments if ref.filename in kept])

    def clear(self) -> None:
        for edit in (self.title, self.number, self.issuer, self.issued_on):
            edit.clear()
        self.summary.clear()
        self.body.clear()
        self.files.clear()
        self.attachments = []
        self.check_audience(())
