"""The photo or scan of the signed resolution, shown beside the record.

Images are previewed here; a PDF opens in the system's viewer (QtPdf comes only with the
WebEngine wheels, which we do not ship).
"""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QLabel, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout,
                               QWidget)

from handbook_desktop.core.attachments import viewable_copy
from handbook_desktop.core import meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.meetings.common import MeetingContext, button_row, open_attached

FILE_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff *.webp *.pdf"


class ImagePreview(QLabel):
    """Scales its image to the room it has, keeping the proportions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # never grows the layout
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)

    def set_image(self, image: QImage | None, text: str = "") -> None:
        self.image = image
        if image is None:
            self.setPixmap(QPixmap())
            self.setText(text)
        else:
            self._scale()

    def _scale(self) -> None:
        if self.image is not None and self.width() > 0 and self.height() > 0:
            self.setPixmap(QPixmap.fromImage(self.image).scaled(
                self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._scale()


class SignedCopyPanel(QGroupBox):
    changed = Signal()

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Bản chụp nghị quyết đã ký"), parent)
        self.ctx, self.resolution_id = ctx, None
        self.files: list[meetings.AttachedFile] = []
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.list.currentRowChanged.connect(self._preview)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.preview = ImagePreview()
        buttons, self.buttons = button_row((_("Đính kèm ảnh/bản quét…"), self.ask_and_attach),
                                           (_("Mở"), self.open_current), (_("Gỡ"), self.remove_current))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

    def load(self, resolution: meetings.ResolutionView | None) -> None:
        self.resolution_id = resolution.id if resolution else None
        self.files = list(resolution.signed_copies) if resolution else []
        self.list.clear()
        for attached in self.files:
            self.list.addItem(QListWidgetItem(f"{attached.filename} ({attached.size // 1024 + 1} KB)"))
        self.list.setVisible(bool(self.files))
        for button in self.buttons:
            button.setEnabled(resolution is not None)
        if self.files:
            self.list.setCurrentRow(len(self.files) - 1)  # the newest scan
        else:
            self.preview.set_image(None, _("Chưa có bản chụp. Sau khi nghị quyết được ký, hãy chụp hoặc quét rồi "
                                           "đính kèm vào đây.") if resolution else
                                   _("Ban hành nghị quyết trước, rồi đính kèm bản đã ký."))

    def _preview(self, row: int) -> None:
        if not 0 <= row < len(self.files):
            return
        attached = self.files[row]
        if not attached.mime_type.startswith("image/"):
            self.preview.set_image(None, _("{name}: tệp PDF — nhấn “Mở” để xem.").format(name=attached.filename))
            return
        try:
            path = viewable_copy(self.ctx.workspace.data_dir, attached.sha256, attached.filename)
        except OSError:
            self.preview.set_image(None, _("Không tìm thấy tệp {name} trong thư mục dữ liệu.").format(
                name=attached.filename))
            return
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
        image = reader.read()
        self.preview.set_image(None if image.isNull() else image,
                               _("Không xem trước được ảnh này; nhấn “Mở” để xem."))

    def ask_and_attach(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Chọn ảnh chụp hoặc bản quét nghị quyết đã ký"), "",
                                                    _("Ảnh hoặc PDF ({patterns})").format(patterns=FILE_FILTER))
        if name:
            self.attach(Path(name))

    def attach(self, path: Path) -> None:
        resolution_id = self.resolution_id
        if resolution_id is None:
            return
        self.ctx.write(self, _("Đính kèm bản chụp nghị quyết"), meetings.attach_signed_copy, resolution_id, path,
                       on_done=lambda _file: self.changed.emit())

    def open_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.files):
            open_attached(self, self.ctx.workspace, self.files[row])

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.files):
            self.ctx.write(self, _("Gỡ bản chụp"), meetings.remove_signed_copy, self.files[row].id,
                           on_done=lambda _result: self.changed.emit())
