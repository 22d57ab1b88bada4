"""Chuyển dữ liệu: a cell set up offline moves into the account's cell, after a preview of
what will be sent and a tick for each member the server already has (merged when ticked)."""

from html import escape

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons
from handbook_desktop.ui.ops import Operations
from sync import adopt


class AdoptDialog(QDialog):
    def __init__(self, ops: Operations, shown: adopt.AdoptionPreview, on_adopted, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.shown, self.on_adopted = ops, shown, on_adopted
        self.setWindowTitle(_("Chuyển dữ liệu lên máy chủ"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Dữ liệu trên máy này là của “{old}”, lập khi chưa có máy chủ. Chuyển toàn bộ sang "
                                  "“{new}” của tài khoản và gửi lên máy chủ? Không bản ghi nào bị bỏ.")
                                .format(old=shown.from_cell, new=shown.to_cell), wordWrap=True))
        counts = "".join(f"<li>{escape(what)}: {count}</li>" for what, count in shown.counts)
        layout.addWidget(QLabel("<b>%s</b><ul>%s</ul>" % (escape(_("Sẽ gửi")), counts), wordWrap=True))
        self.merges: dict[str, QCheckBox] = {}
        if shown.matches:
            layout.addWidget(QLabel(_("Những đảng viên này đã có trên máy chủ. Đánh dấu để gộp làm một (hồ sơ trên "
                                      "máy chủ được giữ, thông tin còn trống được bổ sung); bỏ dấu để giữ riêng:"),
                                    wordWrap=True))
            ticks = QWidget()
            column = QVBoxLayout(ticks)
            for match in shown.matches:
                box = QCheckBox(adopt.match_line(match), checked=True)
                self.merges[match.local_id] = box
                column.addWidget(box)
            column.addStretch(1)
            scroll = QScrollArea(widgetResizable=True)
            scroll.setWidget(ticks)
            layout.addWidget(scroll, 1)
        layout.addWidget(accept_buttons(self, _("Chuyển dữ liệu"), self.move))

    def merged(self) -> set[str]:
        return {local_id for local_id, box in self.merges.items() if box.isChecked()}

    def move(self) -> None:
        merge = self.merged()
        self.ops.write(lambda uow: adopt.adopt(uow, merge), title=_("Chuyển dữ liệu"), on_done=self._done)

    def _done(self, _shown) -> None:
        self.accept()
        self.on_adopted()
