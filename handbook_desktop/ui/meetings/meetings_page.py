"""Sinh hoạt chi bộ: the calendar and the history of meetings, then one meeting's page."""

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from handbook_desktop.core import library
from handbook_desktop.core import meetings
from handbook_desktop.core.access import can_edit_cell
from handbook_desktop.i18n import _
from handbook_desktop.ui.meetings.calendar_view import CalendarView
from handbook_desktop.ui.fit import vertical_scroll
from handbook_desktop.ui.meetings.common import MeetingContext, reported
from handbook_desktop.ui.meetings.history_view import HistoryView
from handbook_desktop.ui.meetings.meeting_view import MeetingView
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.read_only import ACCESS_TABLES, ReadOnlyNote, lock_editing


HISTORY_TABLES = {"meetings", "attendance", "resolutions", "agenda_items", "speeches"}  # what history shows


class MeetingsPage(QWidget):
    open_requested = Signal(str, str)  # library table, item id (a material from the library)

    def __init__(self, ops: Operations, title: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = MeetingContext(ops, today)
        self.calendar, self.history = CalendarView(self.ctx), HistoryView(self.ctx)
        self.meeting = MeetingView(self.ctx)
        self.overview = QTabWidget()
        self.overview.addTab(self.calendar, _("Lịch họp"))
        self.overview.addTab(self.history, _("Lịch sử và tìm kiếm"))
        self.overview.currentChanged.connect(lambda index: self.history.reload() if index == 1 else None)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.meeting)
        for view in (self.calendar, self.history):
            view.open_requested.connect(self.open_meeting)
        self.calendar.saved.connect(self._created)
        self.meeting.back_requested.connect(self.show_overview)
        self.meeting.deleted.connect(self.show_overview)
        self.meeting.changed.connect(self.calendar.reload)
        self.meeting.open_document.connect(lambda document_id: self.open_requested.emit(library.DOCUMENTS,
                                                                                          document_id))
        # Changes made elsewhere (another window, a sync) refresh what is shown; the meeting's
        # own tabs reload as the user moves between them, so only its header follows here.
        keep_fresh(self.calendar, ops.changes, {"meetings"}, self.calendar.reload)
        keep_fresh(self.history, ops.changes, HISTORY_TABLES, self.history.reload)
        keep_fresh(self.meeting, ops.changes, {"meetings"}, self.meeting.refresh_header)
        keep_fresh(self.meeting.attendance, ops.changes, {"members"}, self.meeting.attendance.reload)  # the roster
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        self.heading = QLabel("<h1>%s</h1>" % escape(title))
        layout.addWidget(self.heading)
        self.read_only_note, self.editable = ReadOnlyNote(), True
        layout.addWidget(self.read_only_note)
        layout.addWidget(vertical_scroll(self.stack), 1)  # large text on a small screen: scroll down
        # After the meeting's own slot: a tab reloads its widgets, then they are locked again.
        self.meeting.tabs.currentChanged.connect(lambda _index: self._show_access())
        keep_fresh(self, ops.changes, ACCESS_TABLES, self._show_access)
        self._show_access()

    def _show_access(self) -> None:
        """A member's or committee's device reads the meetings; nothing here edits them."""
        was, self.editable = self.editable, self.ctx.ops.read_now(can_edit_cell)
        self.read_only_note.setVisible(not self.editable)
        planning = (_("Đề xuất cuộc họp tháng sau…"), _("Lên lịch cuộc họp…"))
        for button in self.calendar.findChildren(QPushButton):
            if button.text() in planning:
                button.setEnabled(self.editable)
        for action in (self.calendar.delete_action, self.history.delete_action):  # the Delete key too
            action.setEnabled(self.editable)
        if self.editable and not was:
            self.meeting.reload()  # the tabs set their own states again
        elif not self.editable and self.meeting.detail is not None:
            view = self.meeting
            lock_editing([view.preparation, view.attendance, view.minutes, view.resolution, view.edit_button,
                          view.delete_button])

    def open_meeting(self, meeting_id: str, tab: int = 0) -> None:
        with reported(self, _("Mở cuộc họp")):  # e.g. deleted on another device since the list was read
            self.meeting.open(meeting_id, tab)
            self._show_access()
            self.heading.hide()  # the meeting's own title heads the page: room for the tabs
            self.stack.setCurrentWidget(self.meeting)
            self.meeting.tabs.currentWidget().setFocus()

    def _created(self, saved: meetings.MeetingSaved) -> None:
        """A new meeting opens at once on Chuẩn bị: the agenda is what comes next."""
        self.open_meeting(saved.id)
        self.meeting.notice.show_text("\n".join(saved.warnings), "warning")

    def show_overview(self) -> None:
        if self.stack.currentWidget() is self.meeting:
            self.meeting.leave()
        self.calendar.reload()
        self.history.reload()
        self.stack.setCurrentWidget(self.overview)
        self.heading.show()
