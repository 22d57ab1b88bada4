"""Trang chủ: what the secretary should know this week, at one glance."""

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from handbook_desktop.core.labels import label
from handbook_desktop.core.library import LibraryItem
from handbook_desktop.core.home import OverdueTask, Overview
from handbook_desktop.core.meetings import Readiness, meeting_label
from handbook_desktop.i18n import _
from handbook_desktop.core.text import format_date, format_datetime
from handbook_desktop.ui.figures import figures_html

SHOWN_TASKS = 5  # a glance, not the follow-up list (that is in the next meeting's Chuẩn bị tab)
TASK_CHARS = 110


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


def days_left_text(days: int) -> str:
    return _("hôm nay") if days <= 0 else _("còn {n} ngày").format(n=days)


def _readiness_html(r: Readiness) -> str:
    """What is ready for the next meeting and what is not, with the days left to get it done."""
    lines = [f"<b>{escape(r.title)}</b>",
             _("Ngày họp: {date} — <b>{left}</b>").format(date=format_datetime(r.starts_at),
                                                          left=escape(days_left_text(r.days_left))),
             _("Chương trình: {n} nội dung").format(n=r.agenda_items),
             _("Tài liệu: {on_time}/{total} đăng trước 1 ngày — {state}").format(
                 on_time=r.materials_on_time, total=r.materials, state=escape(meeting_label(r.materials_state))),
             _("Giấy mời: {sent}/{invited} đã gửi").format(sent=r.invitations_sent, invited=r.invitees)]
    return "<br>".join(lines + [f"• {escape(warning)}" for warning in r.warnings])


def _overdue_html(task: OverdueTask) -> str:
    text = task.text if len(task.text) <= TASK_CHARS else task.text[:TASK_CHARS - 1].rstrip() + "…"
    return _("• {task} — {owner}, hạn {date}, <b>quá {n} ngày</b> ({symbol})").format(
        task=escape(text), owner=escape(task.owner_name or _("chưa giao")), date=format_date(task.due_on),
        n=task.days_overdue, symbol=escape(task.resolution_symbol))


class HomePage(QWidget):
    open_requested = Signal(str, str)  # table, item id
    backup_requested = Signal()

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
            layout.addWidget(QLabel(escape(" · ".join(overview.unit_path[1:])), wordWrap=True))
        if not overview.unit_path:
            layout.addWidget(QLabel(escape(_("Thiết lập chi bộ của mình trong Cài đặt → Chi bộ.")), wordWrap=True))
        if overview.is_demo:
            layout.addWidget(self._demo_notice())
        if overview.days_without_safe_backup is not None:
            layout.addWidget(self._backup_notice(overview.days_without_safe_backup))
        grid = QGridLayout()
        grid.setSpacing(12)
        cards = [self._members_card(overview), self._meeting_card(overview),
                 self._reminders_card(overview), self._library_card(overview, reading)]
        for index, card in enumerate(cards):
            grid.addWidget(card, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addStretch(1)
        # Large text on a small screen makes the cards taller than the window: scroll down.
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        if self._content is not None:
            self._layout.removeWidget(self._content)
            self._content.deleteLater()
        self._content = scroll
        self._layout.addWidget(scroll)

    def _demo_notice(self) -> QFrame:
        frame = QFrame(objectName="demoNotice")
        box = QVBoxLayout(frame)
        box.addWidget(QLabel(_("Đây là không gian làm việc mẫu với dữ liệu minh họa. Để dùng thật, "
                               "hãy chọn một thư mục dữ liệu khác trong Cài đặt."), wordWrap=True))
        return frame

    def _backup_notice(self, days: int) -> QFrame:
        frame = QFrame(objectName="backupNotice")
        box = QVBoxLayout(frame)
        box.addWidget(QLabel(_("Đã {days} ngày chưa sao lưu dữ liệu sang ổ đĩa khác (USB, ổ cứng ngoài). Nếu máy "
                               "hỏng hoặc mất, dữ liệu của chi bộ sẽ mất theo.").format(days=days), wordWrap=True))
        button = QPushButton(_("Sao lưu ngay…"))
        button.clicked.connect(self.backup_requested)
        box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame

    def _members_card(self, o: Overview) -> QFrame:
        return _card(_("Đảng viên"), figures_html(o.figures, "<br>"))

    def _meeting_card(self, o: Overview) -> QFrame:
        if o.next_meeting is not None:
            return _card(_("Cuộc họp sắp tới"), _readiness_html(o.next_meeting))
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
        if o.overdue_tasks:
            lines.append("<b>%s</b>" % escape(_("Nhiệm vụ nghị quyết quá hạn:")))
            lines += [_overdue_html(task) for task in o.overdue_tasks[:SHOWN_TASKS]]
            if len(o.overdue_tasks) > SHOWN_TASKS:
                lines.append(escape(_("… và {n} nhiệm vụ khác").format(n=len(o.overdue_tasks) - SHOWN_TASKS)))
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
