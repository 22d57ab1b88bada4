"""The first start of a workspace that keeps no cell: the demo, the user's own cell, or the
server (the caller then asks for the account: ui/sync/connect_dialog.py)."""

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from handbook_desktop.i18n import _


class Start(StrEnum):
    OWN_CELL = "own_cell"
    DEMO = "demo"
    SERVER = "server"
    LATER = "later"  # an empty workspace; the cell can be set up in Cài đặt → Chi bộ


class FirstStartDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Chào mừng"))
        self.start = Start.LATER
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Thư mục dữ liệu {path} chưa có chi bộ nào. Bắt đầu thế nào?").format(path=data_dir),
                                wordWrap=True))
        # Plain buttons and labels, not QCommandLinkButton: its fonts ignore the text size setting.
        self.own_cell = self._option(layout, _("Thiết lập chi bộ của tôi"), _(
            "Ghi tên chi bộ, các cấp trên và nhiệm kỳ; sau đó nhập danh sách đảng viên từ Excel. Không cần máy chủ."))
        self.demo = self._option(layout, _("Xem dữ liệu mẫu"), _(
            "Một chi bộ mẫu với đảng viên, văn bản, tin tức và hai cuộc họp, để dùng thử."))
        self.server = self._option(layout, _("Kết nối máy chủ"), _("Nhận chi bộ và văn bản từ máy chủ của đảng bộ."))
        self.own_cell.clicked.connect(lambda: self._take(Start.OWN_CELL))
        self.demo.clicked.connect(lambda: self._take(Start.DEMO))
        self.server.clicked.connect(lambda: self._take(Start.SERVER))
        self.own_cell.setDefault(True)
        later = QDialogButtonBox()
        later.addButton(_("Để sau"), QDialogButtonBox.ButtonRole.RejectRole)
        later.rejected.connect(self.reject)
        layout.addWidget(later)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)

    @staticmethod
    def _option(layout: QVBoxLayout, title: str, description: str) -> QPushButton:
        button = QPushButton(title, styleSheet="text-align: left; padding: 6px 12px; font-weight: bold;")
        layout.addWidget(button)
        layout.addWidget(QLabel(description, wordWrap=True, indent=12))
        layout.addSpacing(8)
        return button

    def _take(self, start: Start) -> None:
        self.start = start
        self.accept()
