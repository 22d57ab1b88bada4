"""Listen controls under the reader: play/pause, stop, ±1 sentence, speed, export to audio.

The sentence being read is highlighted in the reader's text and kept in view; the
listening position is saved as the item's reading position, so "Đọc tiếp" also resumes
listening where it stopped.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QStyle, QTextEdit, QWidget

from handbook_desktop.core import library
from handbook_desktop.i18n import N_, _
from handbook_desktop.tts.export import available_formats, export_audio
from handbook_desktop.tts.service import SpeechService
from handbook_desktop.ui.dialogs import show_error
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.speech.player import SpeechPlayer

SPEEDS = {120: N_("Chậm"), 160: N_("Vừa"), 200: N_("Nhanh")}
HIGHLIGHT = QColor("#ffe9a8")


class ListenBar(QWidget):
    def __init__(self, speech: SpeechService, ops: Operations, text: QTextEdit,
                 block_of: Callable[[int], int], parent: QWidget | None = None):
        super().__init__(parent)
        self.speech, self.ops, self.text, self.block_of = speech, ops, text, block_of
        self.reading: library.Reading | None = None
        self.player = SpeechPlayer(speech.engine, ops.tasks, self)
        self.player.sentence_started.connect(self._highlight)
        self.player.state_changed.connect(self._on_state)
        self.player.failed.connect(lambda exc: show_error(self, _("Nghe đọc"), exc))
        icon = self.style().standardIcon
        self.play = QPushButton(icon(QStyle.StandardPixmap.SP_MediaPlay), _("Nghe"))
        self.play.clicked.connect(self.toggle)
        self.stop_button = QPushButton(icon(QStyle.StandardPixmap.SP_MediaStop), "", toolTip=_("Dừng"), enabled=False)
        self.stop_button.clicked.connect(self.stop)
        self.previous = QPushButton(icon(QStyle.StandardPixmap.SP_MediaSkipBackward), "", toolTip=_("Câu trước"),
                                    enabled=False)
        self.previous.clicked.connect(lambda: self.player.skip(-1))
        self.next = QPushButton(icon(QStyle.StandardPixmap.SP_MediaSkipForward), "", toolTip=_("Câu sau"),
                                enabled=False)
        self.next.clicked.connect(lambda: self.player.skip(1))
        self.speed = QComboBox(toolTip=_("Tốc độ đọc"))
        for rate, name in SPEEDS.items():
            self.speed.addItem(_(name), rate)
        self.speed.setCurrentIndex(max(0, self.speed.findData(speech.rate())))
        self.speed.currentIndexChanged.connect(lambda _i: self._set_rate(self.speed.currentData()))
        self.export_button = QPushButton(icon(QStyle.StandardPixmap.SP_DialogSaveButton), _("Xuất âm thanh…"))
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.play, self.stop_button, self.previous, self.next, self.speed, self.export_button):
            row.addWidget(widget)
        row.addStretch(1)

    def _set_rate(self, rate: int) -> None:
        """Applies from the next sentence, and is remembered for the next reading."""
        self.player.set_rate(rate)
        self.speech.remember_rate(rate)

    def set_voice(self, voice: str) -> None:
        """A voice chosen in the settings applies from the next sentence of a reading in progress."""
        if self.player.session is not None:
            self.player.session.voice = voice

    def set_reading(self, reading: library.Reading | None) -> None:
        self.stop()
        self.reading = reading
        self.setEnabled(reading is not None)

    def toggle(self) -> None:
        if self.player.state == "playing":
            self.player.pause()
        elif self.player.state == "paused":
            self.player.resume()
        elif self.player.state == "stopped" and self.reading is not None:
            position = self.reading.position if self.reading.position < library.FINISHED else 0.0
            self.player.start(self.reading.paragraphs, position, self.speech.voice(), self.speed.currentData(),
                              self.speech.tables())

    def stop(self) -> None:
        self._save_position()
        self.player.stop()
        self.text.setExtraSelections([])

    def _on_state(self, state: str) -> None:
        self.play.setText({"playing": _("Tạm dừng"), "paused": _("Nghe tiếp"),
                           "loading": _("Đang chuẩn bị…")}.get(state, _("Nghe")))
        pixmap = QStyle.StandardPixmap.SP_MediaPause if state == "playing" else QStyle.StandardPixmap.SP_MediaPlay
        self.play.setIcon(self.style().standardIcon(pixmap))
        active = state in ("playing", "paused")
        for button in (self.stop_button, self.previous, self.next):
            button.setEnabled(active)

    def _highlight(self, sentence) -> None:
        block = self.text.document().findBlockByNumber(self.block_of(sentence.paragraph))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + sentence.start)
        cursor.setPosition(block.position() + sentence.end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = cursor, QTextCharFormat()
        selection.format.setBackground(HIGHLIGHT)
        self.text.setExtraSelections([selection])
        start = QTextCursor(block)
        start.setPosition(block.position() + sentence.start)
        self.text.setTextCursor(start)
        self.text.ensureCursorVisible()
        self._save_position()

    def _save_position(self) -> None:
        if self.reading is not None and self.player.session is not None:
            item, fraction = self.reading.item, self.player.fraction
            self.ops.write(lambda uow: library.save_position(uow, item.table, item.id, fraction),
                           title=_("Lưu vị trí đọc"), quiet=True)

    def export(self) -> None:
        if self.reading is None:
            return
        filters = ";;".join(f"{fmt.upper()} (*.{fmt})" for fmt in available_formats())
        name, _chosen = QFileDialog.getSaveFileName(self, _("Xuất âm thanh"), "bai-doc.wav", filters)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        paragraphs = [self.reading.item.title] + self.reading.paragraphs
        voice, rate = self.speech.voice(), self.speed.currentData()  # here: widgets belong to the GUI thread
        tables = self.speech.tables()
        self.ops.tasks.run(lambda progress: export_audio(paragraphs, path, self.speech.engine(), voice=voice,
                                                         rate=rate, progress=progress, tables=tables),
                           title=_("Xuất âm thanh"),
                           on_error=lambda exc: show_error(self, _("Xuất âm thanh"), exc))
