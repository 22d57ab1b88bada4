"""One meeting: its header, then the tabs Chuẩn bị · Điểm danh · Biên bản · Nghị quyết · Xuất/In."""

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.errors import UserError

from handbook_desktop.core.text import format_date
from handbook_desktop.core import home, meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.fit import TitleRow
from handbook_desktop.ui.printing.export_panel import ExportPanel
from handbook_desktop.ui.meetings.attendance_tab import AttendanceTab
from handbook_desktop.ui.meetings.common import WEEKDAYS, MeetingContext, Notice, format_time
from handbook_desktop.ui.meetings.meeting_form import MeetingFormDialog
from handbook_desktop.ui.meetings.minutes_tab import MinutesTab
from handbook_desktop.ui.meetings.preparation_tab import PreparationTab
from handbook_desktop.ui.meetings.resolution_tab import ResolutionTab
from handbook_desktop.ui.trash.delete_flow import delete_with_confirmation

PREPARATION, ATTENDANCE, MINUTES, RESOLUTION, EXPORT = range(5)


def facts_text(d: meetings.MeetingDetail) -> str:
    day = d.starts_at.astimezone(VIETNAM_TIME).date()
    when = _("{weekday}, {date} lúc {time}").format(weekday=_(WEEKDAYS[day.weekday()]), date=format_date(day),
                                                    time=format_time(d.starts_at))
    facts = [meetings.meeting_label(d.state), when, d.place, _("dự kiến {n} phút").format(n=d.planned_minutes),
             _("Chủ trì: {name}").format(name=d.chair_name or _("chưa chọn")),
             _("Thư ký: {name}").format(name=d.recorder_name or _("chưa chọn"))]
    return " · ".join(f for f in facts if f)


class MeetingView(QWidget):
    back_requested = Signal()
    changed = Signal()  # header facts changed (the calendar should show them)
    deleted = Signal()
    open_document = Signal(str)

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail: meetings.MeetingDetail | None = None
        self.header = QLabel(textFormat=Qt.TextFormat.RichText)
        self.facts = QLabel(wordWrap=True)
        self.notice = Notice()
        self.preparation, self.attendance = PreparationTab(ctx), AttendanceTab(ctx)
        self.minutes, self.resolution = MinutesTab(ctx), ResolutionTab(ctx)
        self.export = ExportPanel(ctx.workspace, ctx.tasks)
        self.preparation.open_document.connect(self.open_document)
        self.minutes.saved.connect(self._minutes_saved)
        self.tabs = QTabWidget()
        for widget, title in ((self.preparation, _("Chuẩn bị")), (self.attendance, _("Điểm danh")),
                              (self.minutes, _("Biên bản")), (self.resolution, _("Nghị quyết")),
                              (self.export, _("Xuất/In"))):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.back_button, self.edit_button, self.delete_button = (
            QPushButton(text, clicked=lambda _checked=False, s=slot: s())
            for text, slot in ((_("‹ Về lịch họp"), self.back_requested.emit),
                               (_("Sửa thông tin…"), self.edit_meeting), (_("Xóa cuộc họp…"), self.delete_meeting)))
        self.top = TitleRow(self.header, [self.back_button], [self.edit_button, self.delete_button])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top)
        layout.addWidget(self.facts)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    def open(self, meeting_id: str, tab: int = PREPARATION) -> None:
        self.minutes.leave()  # what was typed last is written before the editor is refilled
        self.notice.clear_text()
        self.detail = self.ctx.read(meetings.get_meeting, meeting_id)
        self._show_header()
        for page in (self.preparation, self.attendance, self.resolution):
            page.load(self.detail)
        self.minutes.load(meeting_id)
        self.export.set_meeting(meeting_id)
        self.tabs.blockSignals(True)  # a fresh meeting: no tab is being left
        self.tabs.setCurrentIndex(tab)
        self.tabs.blockSignals(False)

    def reload(self, tab: int | None = None) -> None:
        if self.detail:
            self.open(self.detail.id, self.tabs.currentIndex() if tab is None else tab)

    def refresh_header(self) -> None:
        """The meeting changed (here or elsewhere): its title, time and state; approval locks
        every tab."""
        if self.detail is None:
            return
        try:
            detail = self.ctx.read(meetings.get_meeting, self.detail.id)
        except UserError:
            return  # deleted meanwhile: the calendar no longer lists it
        locked_now = detail.locked and not self.detail.locked
        self.detail = detail
        self._show_header()
        if locked_now:
            for page in (self.preparation, self.attendance, self.resolution):
                page.load(detail)

    def _show_header(self) -> None:
        self.top.set_title("<h2>%s</h2>" % escape(self.detail.title))
        self.facts.setText(facts_text(self.detail))
        self.edit_button.setEnabled(not self.detail.locked)
        self.delete_button.setEnabled(not self.detail.locked)

    def _tab_changed(self, index: int) -> None:
        """Tabs read what the others changed (the speakers are those marked present)."""
        if index == MINUTES:
            self.minutes.load(self.detail.id)
        elif index == PREPARATION:
            self.preparation.load(self.detail)
        elif index == ATTENDANCE:
            self.attendance.load(self.detail)

    def _minutes_saved(self) -> None:
        """Saving makes the meeting held, approving locks it: every tab must know."""
        self.refresh_header()
        self.changed.emit()

    def leave(self) -> None:
        self.minutes.leave()

    def edit_meeting(self) -> None:
        dialog = MeetingFormDialog(self.ctx, self.detail.id, parent=self)
        if dialog.exec() and dialog.saved:
            self.reload()
            self.notice.show_text("\n".join(dialog.saved.warnings), "warning")
            self.changed.emit()

    def delete_meeting(self) -> None:
        delete_with_confirmation(self, self.ctx.ops, home.MEETING, self.detail.id, on_done=self._deleted)

    def _deleted(self, _gone: home.Deleted) -> None:
        self.detail = None
        self.deleted.emit()
