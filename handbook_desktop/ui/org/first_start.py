"""The first start of a workspace that keeps no cell: the demo, the user's own cell, or the
server (which arrives with the sync; until then the choice says so and stays open)."""

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from handbook_desktop.i18n import _
from handbook_desktop.ui.meetings.common import Notice


class Start(StrEnum):
    OWN_CELL = "own_cell"
    DEMO = "demo"
    LATER = "later"  # an empty workspace; the cell can be set up in Cài đặt → Chi bộ


class FirstStartDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Chào mừng"))
        self.start = Start.LATER
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Thư mục dữ liệu {path} chưa có chi bộ nào. Bắt đầu thế nào?").format(path=data_dir),
                                wordWrap=True))
        self.own_cell = QCommandLinkButton(_("Thiết lập chi bộ của tôi"), _(
            "Ghi tên chi bộ, các cấp trên và nhiệm kỳ; sau đó nhập danh sách đảng viên từ Excel. Không cần máy chủ."))
        self.demo = QCommandLinkButton(_("Xem dữ liệu mẫu"), _(
            "Một chi bộ mẫu với đảng viên, văn bản, tin tức và hai cuộc họp, để dùng thử."))
        self.server = QCommandLinkButton(_("Kết nối máy chủ"), _(
            "Nhận chi bộ và văn bản từ máy chủ của đảng bộ."))
        self.own_cell.clicked.connect(lambda: self._take(Start.OWN_CELL))
        self.demo.clicked.connect(lambda: self._take(Start.DEMO))
        self.server.clicked.connect(self._server_not_yet)
        self.notice = Notice()
        later = QPushButton(_("Để sau"))
        later.clicked.connect(self.reject)
        for widget in (self.own_cell, self.demo, self.server, self.notice, later):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)

    def _take(self, start: Start) -> None:
        self.start = start
        self.accept()

    def _server_not_yet(self) -> None:
        self.notice.show_text(_("Kết nối máy chủ sẽ có cùng với máy chủ của đảng bộ; phiên bản này chưa có. "
                                "Trong lúc chờ, hãy thiết lập chi bộ của mình: mọi thay đổi được ghi lại để gửi "
                                "lên khi có máy chủ."), "warning")
