"""The settings form, shown as the Cài đặt page and as a dialog from the menu."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from handbook_desktop.core import settings as s
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.i18n import LANGUAGES, N_, _
from handbook_desktop.ui.dialogs import show_error

FONT_SCALE_NAMES = {1.0: N_("Bình thường (100%)"), 1.25: N_("Lớn (125%)"),
                    1.5: N_("Rất lớn (150%)"), 2.0: N_("Cực lớn (200%)")}


@dataclass(frozen=True)
class SettingsChange:
    font_scale: float
    language: str
    server_url: str
    data_dir: Path


class SettingsForm(QWidget):
    saved = Signal(object)  # SettingsChange

    def __init__(self, settings: s.Settings, data_dir: DataDirChoice, parent: QWidget | None = None):
        super().__init__(parent)
        self._data_dir = data_dir
        form = QFormLayout()
        self.data_dir_edit = QLineEdit(str(data_dir.path), enabled=not data_dir.fixed)
        browse = QPushButton(_("Chọn…"), enabled=not data_dir.fixed)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.data_dir_edit, 1)
        row.addWidget(browse)
        form.addRow(_("Thư mục dữ liệu"), row)
        if data_dir.fixed:
            form.addRow("", QLabel(_("Thư mục này do dòng lệnh (--data-dir) hoặc biến môi trường "
                                     "HANDBOOK_DATA_DIR chỉ định."), wordWrap=True))
        self.font_scale = self._combo({v: _(n) for v, n in FONT_SCALE_NAMES.items()}, settings.get(s.FONT_SCALE))
        form.addRow(_(s.FONT_SCALE.label), self.font_scale)
        self.language = self._combo(LANGUAGES, settings.get(s.LANGUAGE))
        form.addRow(_(s.LANGUAGE.label), self.language)
        self.server_url = QLineEdit(settings.get(s.SERVER_URL), placeholderText="https://…")
        form.addRow(_(s.SERVER_URL.label), self.server_url)
        save = QPushButton(_("Lưu cài đặt"))
        save.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addStretch(1)

    @staticmethod
    def _combo(options: dict, current) -> QComboBox:
        combo = QComboBox()
        for value, name in options.items():
            combo.addItem(name, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Chọn thư mục dữ liệu"), self.data_dir_edit.text())
        if chosen:
            self.data_dir_edit.setText(chosen)

    def submit(self) -> bool:
        try:
            url = s.normalize_server_url(self.server_url.text())
        except UserError as exc:
            show_error(self, _("Cài đặt"), exc)
            return False
        self.saved.emit(SettingsChange(self.font_scale.currentData(), self.language.currentData(), url,
                                       Path(self.data_dir_edit.text().strip() or self._data_dir.path)))
        return True


class SettingsDialog(QDialog):
    def __init__(self, form: SettingsForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Cài đặt"))
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        form.saved.connect(lambda _change: self.accept())
