"""Trang chủ: what the secretary should know this week, at one glance."""

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from handbook_desktop.core.labels import label
from handbook_desktop.core.library import LibraryItem
from handbook_desktop.core.home import Overview
from handbook_desktop.i18n import _
from handbook_desktop.core.text import format_date, format_datetime
from handbook_desktop.ui.figures import figures_html


def _card(title: str, body_html: str, on_link=None) -> QFrame:
    frame = QFrame(objectName="card")
    layout = QVBoxLayout(frame)
    heading = QLabel(f"<b>{escape(title)}</b>")
    body = QLabel(body_html, wordWrap=True, textFormat=Qt.TextFormat.RichText)
    if on_link:
        body.linkActivated.connect(on_link)
    body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(heading)
    layout.addWidget(body, 1)
    return frame


class HomePage(QWidget):
    open_requested = Signal(str, str)  # table, item id

    def __init__(self, overview: Overview, reading: list[LibraryItem], parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._content: QWidget | None = None
        self.show_overview(overview, reading)

    def show_overview(self, overview: Overview, reading: list[LibraryItem]) -> None:
        """Build the page anew from fresh figures (after any change to the data)."""
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        name = overview.unit_path[0] if overview.unit_path else _("Chưa gắn với chi bộ nào")
        layout.addWidget(QLabel(f"<h1>{escape(name)}</h1>"))
        if len(overview.unit_path) > 1:
            layout.addWidget(QLabel(escape(" · ".join(overview.unit_path[1:]))))
        if not overview.unit_path:
            layout.addWidget(QLabel(escape(_("Thiết lập chi bộ của mình trong Cài đặt → Chi bộ."))))
        if overview.is_demo:
            layout.addWidget(self._demo_notice())
        grid = QGridLayout()
        grid.setSpacing(12)
        cards = [self._members_card(overview), self._meeting_card(overview),
                 self._reminders_card(overview), self._library_card(overview, reading)]
        for index, card in enumerate(cards):
            grid.addWidget(card, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addStretch(1)
        if self._content is not None:
            self._layout.removeWidget(self._content)
            self._content.deleteLater()
        self._content = content
        self._layout.addWidget(content)

    def _demo_notice(self) -> QFrame:
        frame = QFrame(objectName="demoNotice")
        box = QVBoxLayout(frame)
        box.addWidget(QLabel(_("Đây là không gian làm việc mẫu với dữ liệu minh họa. Để dùng thật, "
                               "hãy chọn một thư mục dữ liệu khác trong Cài đặt."), wordWrap=True))
        return frame

    def _members_card(self, o: Overview) -> QFrame:
        return _card(_("Đảng viên"), figures_html(o.figures, "<br>"))

    def _meeting_card(self, o: Overview) -> QFrame:
        meeting = o.last_meeting
        if meeting is None:
            return _card(_("Sinh hoạt chi bộ"), _("Chưa có cuộc họp nào."))
        body = "<br>".join([
            escape(meeting.title),
            _("Ngày họp: {date}").format(date=format_datetime(meeting.starts_at)),
            _("Có mặt: {present}/{expected} đồng chí").format(present=meeting.present, expected=meeting.expected),
            escape(label(meeting.state)),
        ])
        return _card(_("Cuộc họp gần nhất"), body)

    def _reminders_card(self, o: Overview) -> QFrame:
        lines = [_("Đồng chí {name} hết thời gian dự bị ngày {date}: chuẩn bị xét chuyển chính thức.")
                 .format(name=escape(due.full_name), date=format_date(due.due_on)) for due in o.probation_due]
        return _card(_("Nhắc việc"), "<br>".join(lines) or _("Không có việc cần nhắc."))

    def _library_card(self, o: Overview, reading: list[LibraryItem]) -> QFrame:
        lines = [_("Văn bản: {n}").format(n=o.documents), _("Tin bài: {n}").format(n=o.articles)]
        if reading:
            lines.append("<br><b>%s</b>" % escape(_("Đọc tiếp:")))
            lines += [f'<a href="{item.table}:{item.id}">{escape(item.title)}</a>' for item in reading]
        return _card(_("Thư viện"), "<br>".join(lines), self._on_link)

    def _on_link(self, link: str) -> None:
        table, item_id = link.split(":", 1)
        self.open_requested.emit(table, item_id)
