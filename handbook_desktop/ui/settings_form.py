"""The settings form, shown as the Cài đặt page and as a dialog from the menu."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from handbook_desktop.core import settings as s
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.i18n import LANGUAGES, N_, _
from handbook_desktop.tts.voices import voice_label
from handbook_desktop.ui.dialogs import show_error

FONT_SCALE_NAMES = {1.0: N_("Bình thường (100%)"), 1.25: N_("Lớn (125%)"),
                    1.5: N_("Rất lớn (150%)"), 2.0: N_("Cực lớn (200%)")}


@dataclass(frozen=True)
class SettingsChange:
    font_scale: float
    language: str
    sync_interval: int  # minutes between background sync rounds
    data_dir: Path
    voice: str


class SettingsForm(QWidget):
    saved = Signal(object)  # SettingsChange

    def __init__(self, settings: s.Settings, data_dir: DataDirChoice,
                 voices: Callable[[], list] | None = None, sections: tuple = (), parent: QWidget | None = None):
        super().__init__(parent)
        self._data_dir, self._voices = data_dir, voices
        self._settings, self.sections = settings, sections  # sections: widgets with store(settings)
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
        self.sync_interval = QSpinBox(minimum=s.SYNC_INTERVAL.bounds[0], maximum=s.SYNC_INTERVAL.bounds[1],
                                      value=settings.get(s.SYNC_INTERVAL))
        form.addRow(_(s.SYNC_INTERVAL.label), self.sync_interval)
        self.voice = QComboBox()
        self.voice.addItem(_("Tự động (giọng tiếng Việt có sẵn)"), "")
        if settings.get(s.SPEECH_VOICE):
            self.voice.addItem(settings.get(s.SPEECH_VOICE), settings.get(s.SPEECH_VOICE))
            self.voice.setCurrentIndex(1)
        form.addRow(_(s.SPEECH_VOICE.label), self.voice)
        save = QPushButton(_("Lưu cài đặt"))
        save.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for section in sections:
            layout.addWidget(section)
        layout.addWidget(save)
        layout.addStretch(1)

    @staticmethod
    def _combo(options: dict, current) -> QComboBox:
        combo = QComboBox()
        for value, name in options.items():
            combo.addItem(name, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.fill_voices()

    def fill_voices(self) -> None:
        """Only installed Vietnamese voices are offered; listing them starts the speech worker,
        so it waits until the form is first shown."""
        if self._voices is None:
            return
        provider, self._voices = self._voices, None
        try:
            voices = provider()
        except UserError as exc:
            self.voice.setToolTip(exc.message)
            return
        current = self.voice.currentData()
        for index in range(self.voice.count() - 1, 0, -1):
            self.voice.removeItem(index)
        for voice in voices:
            self.voice.addItem(voice_label(voice), voice.key)
        self.voice.setCurrentIndex(max(0, self.voice.findData(current)))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Chọn thư mục dữ liệu"), self.data_dir_edit.text())
        if chosen:
            self.data_dir_edit.setText(chosen)

    def submit(self) -> bool:
        try:
            for section in self.sections:
                section.store(self._settings)
        except UserError as exc:
            show_error(self, _("Cài đặt"), exc)
            return False
        self.saved.emit(SettingsChange(self.font_scale.currentData(), self.language.currentData(),
                                       self.sync_interval.value(), Path(self.data_dir_edit.text().strip() or self._data_dir.path),
                                       self.voice.currentData() or ""))
        return True


class SettingsDialog(QDialog):
    def __init__(self, form: SettingsForm, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Cài đặt"))
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        form.saved.connect(lambda _change: self.accept())
