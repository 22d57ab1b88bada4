"""The reading pane: document header, table of contents, text, favorite, attachments.

Opening an item is a write (its first opening records a read receipt), so it runs
through `ops.write` and the pane fills in when it is done. The reading position is saved
a moment after scrolling stops and restored on opening. Attachments open in the system's
viewer (QtPdf ships only with the WebEngine wheels).
"""

from html import escape

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from handbook_desktop.core.attachments import viewable_copy
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.text import format_date
from handbook_desktop.core import library
from handbook_desktop.i18n import _
from handbook_desktop.tts.service import SpeechService
from handbook_desktop.ui.dialogs import show_error
from handbook_desktop.ui.library.document_form import DocumentForm
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.speech.listen_bar import ListenBar

SAVE_DELAY_MS = 800


def reading_html(reading: library.Reading) -> str:
    item = reading.item
    facts = [item.number, format_date(item.day), item.issuer, library.category_label(item.table, item.category),
             _("Đã cập nhật") if item.revision > 1 else ""]
    parts = ['<p style="color:#666">%s</p>' % escape(" · ".join(f for f in facts if f)),
             "<h2>%s</h2>" % escape(item.title)]
    if reading.summary:
        parts.append("<p><i>%s</i></p>" % escape(reading.summary))
    headings = {index for index, _text in reading.headings}
    for index, paragraph in enumerate(reading.paragraphs):
        text = escape(paragraph).replace("\n", "<br>")
        body = f"<b>{text}</b>" if index in headings else text
        parts.append(f'<p style="line-height:140%; text-align:justify"><a name="p{index}"></a>{body}</p>')
    return "\n".join(parts)


class ReaderView(QWidget):
    def __init__(self, ops: Operations, speech: SpeechService, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.reading: library.Reading | None = None
        self._opening: tuple[str, str] | None = None  # the item asked for last: earlier answers are dropped
        self.favorite_button = QPushButton(checkable=True, enabled=False)
        self.favorite_button.toggled.connect(self._on_favorite)
        self.toc = QListWidget(maximumWidth=220, wordWrap=True)
        self.toc.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.toc.itemActivated.connect(self._go_to_heading)
        self.toc.itemClicked.connect(self._go_to_heading)
        self.text = QTextBrowser(openExternalLinks=False)
        self.text.verticalScrollBar().valueChanged.connect(lambda _value: self._save_timer.start())
        self.attachments = QListWidget(maximumHeight=90)
        self.attachments.itemActivated.connect(self._open_attachment)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS, timeout=self.save_position)
        self.listen = ListenBar(speech, ops, self.text, self._block_of_paragraph)
        self._build()
        self.show_empty()

    def _build(self) -> None:
        top = QHBoxLayout()
        self.hint = QLabel(wordWrap=True)
        top.addWidget(self.hint, 1)
        self.edit_button = QPushButton(_("Sửa thông tin…"))
        self.edit_button.clicked.connect(self.edit_metadata)
        top.addWidget(self.edit_button)
        top.addWidget(self.favorite_button)
        split = QSplitter()
        split.addWidget(self.toc)
        split.addWidget(self.text)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.listen)
        layout.addWidget(split, 1)
        self.attachments_label = QLabel(_("Tệp đính kèm (nhấn Enter hoặc nhấp đúp để mở):"))
        layout.addWidget(self.attachments_label)
        layout.addWidget(self.attachments)

    def show_empty(self) -> None:
        self.reading = self._opening = None
        self.hint.setText(_("Chọn một mục trong danh sách để đọc."))
        self.text.clear()
        self.toc.hide()
        self._show_attachments([])
        self.favorite_button.setEnabled(False)
        self.listen.set_reading(None)
        self.edit_button.hide()
        self._set_favorite_text(False)

    def open(self, table: str, item_id: str) -> None:
        self.save_position()
        self._opening = (table, item_id)
        self.ops.write(lambda uow: library.open_item(uow, table, item_id), title=_("Mở văn bản"), quiet=True,
                       on_done=self._show)

    def _show(self, reading: library.Reading) -> None:
        if self._opening != (reading.item.table, reading.item.id):
            return  # another item was clicked meanwhile
        table = reading.item.table
        self.reading = reading
        self.hint.setText("")
        self.text.setHtml(reading_html(self.reading))
        self.toc.clear()
        for index, heading in self.reading.headings:
            entry = QListWidgetItem(heading)
            entry.setData(Qt.ItemDataRole.UserRole, index)
            self.toc.addItem(entry)
        self.toc.setVisible(bool(self.reading.headings))
        self._show_attachments(self.reading.attachments)
        self.listen.set_reading(self.reading)
        self.favorite_button.blockSignals(True)
        self.favorite_button.setChecked(self.reading.item.favorite)
        self.favorite_button.blockSignals(False)
        self.favorite_button.setEnabled(True)
        self.edit_button.setVisible(table == library.DOCUMENTS)
        self._set_favorite_text(self.reading.item.favorite)
        QTimer.singleShot(0, self._restore_position)

    def _block_of_paragraph(self, index: int) -> int:
        """reading_html puts the facts line, the title and the summary (if any) first."""
        return index + (3 if self.reading and self.reading.summary else 2)

    def edit_metadata(self) -> None:
        item = self.reading.item
        if DocumentForm(self.ops, item, self).exec():
            self.open(item.table, item.id)  # the list refreshes itself: it hears of the change

    def position(self) -> float:
        bar = self.text.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 1.0

    def save_position(self) -> None:
        self._save_timer.stop()
        if self.reading is None:
            return
        item, fraction = self.reading.item, self.position()
        self.ops.write(lambda uow: library.save_position(uow, item.table, item.id, fraction),
                       title=_("Lưu vị trí đọc"), quiet=True)

    def _restore_position(self) -> None:
        if self.reading:
            bar = self.text.verticalScrollBar()
            bar.blockSignals(True)
            bar.setValue(round(self.reading.position * bar.maximum()))
            bar.blockSignals(False)

    def _on_favorite(self, checked: bool) -> None:
        if self.reading is None:
            return
        item = self.reading.item
        self.ops.write(lambda uow: library.set_favorite(uow, item.table, item.id, checked), title=_("Đánh dấu"),
                       on_done=lambda _none: self._set_favorite_text(checked),
                       on_error=lambda exc: self._favorite_failed(not checked, exc))

    def _favorite_failed(self, was: bool, exc: BaseException) -> None:
        self.favorite_button.blockSignals(True)
        self.favorite_button.setChecked(was)
        self.favorite_button.blockSignals(False)
        show_error(self, _("Đánh dấu"), exc)

    def _set_favorite_text(self, favorite: bool) -> None:
        self.favorite_button.setText(_("★ Đã đánh dấu") if favorite else _("☆ Đánh dấu"))

    def _go_to_heading(self, entry: QListWidgetItem) -> None:
        self.text.scrollToAnchor(f"p{entry.data(Qt.ItemDataRole.UserRole)}")

    def _show_attachments(self, attachments: list[library.Attached]) -> None:
        self.attachments.clear()
        for attached in attachments:
            entry = QListWidgetItem(f"{attached.filename} ({attached.size // 1024 + 1} KB)")
            entry.setData(Qt.ItemDataRole.UserRole, attached)
            self.attachments.addItem(entry)
        self.attachments.setVisible(bool(attachments))
        self.attachments_label.setVisible(bool(attachments))

    def _open_attachment(self, entry: QListWidgetItem) -> None:
        attached: library.Attached = entry.data(Qt.ItemDataRole.UserRole)
        try:
            path = viewable_copy(self.ops.workspace.data_dir, attached.sha256, attached.filename)
        except OSError as exc:
            show_error(self, _("Mở tệp đính kèm"), UserError(_(
                "Không mở được tệp {name}: {error}").format(name=attached.filename, error=exc.strerror or exc)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
