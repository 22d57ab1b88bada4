"""The month calendar of the cell's meetings, the month's list, and next month's proposal."""

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from handbook_desktop.core.clock import VIETNAM_TIME

from handbook_desktop.core.text import format_date
from handbook_desktop.core import home, meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.fit import AdaptiveSplitter, FlowLayout
from handbook_desktop.ui.meetings.common import SHORT_WEEKDAYS, WEEKDAYS, MeetingContext, Notice, format_time, on_key, reported
from handbook_desktop.ui.meetings.meeting_form import MeetingFormDialog
from handbook_desktop.ui.style import ACCENT
from handbook_desktop.ui.trash.delete_flow import add_delete_action, delete_with_confirmation

MEETING_DAY = QColor("#fbe9e7")  # a pale tint of the accent
OTHER_MONTH = QColor("#9e9e9e")


def month_days(year: int, month: int) -> list[date]:
    """Six weeks from the Monday on or before the 1st: every month fits, the grid never jumps."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(days=i) for i in range(42)]


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


class MonthModel(QAbstractTableModel):
    """6 × 7 days; a day shows its number and each meeting's time and kind."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year, self.month, self.today = 2000, 1, date(2000, 1, 1)
        self.days: list[date] = month_days(2000, 1)
        self.by_day: dict[date, list[meetings.CalendarEntry]] = {}
        self.short_weekdays = False  # "T2 … CN" when "Thứ Hai" does not fit a column (large text)

    def set_month(self, year: int, month: int, entries: list[meetings.CalendarEntry], today: date) -> None:
        self.beginResetModel()
        self.year, self.month, self.today = year, month, today
        self.days = month_days(year, month)
        self.by_day = {}
        for entry in entries:
            self.by_day.setdefault(entry.day, []).append(entry)
        self.endResetModel()

    def day(self, index: QModelIndex) -> date:
        return self.days[index.row() * 7 + index.column()]

    def index_of(self, day: date) -> QModelIndex:
        position = self.days.index(day) if day in self.days else 0
        return self.index(position // 7, position % 7)

    def entries(self, index: QModelIndex) -> list[meetings.CalendarEntry]:
        return self.by_day.get(self.day(index), []) if index.isValid() else []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 6

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _((SHORT_WEEKDAYS if self.short_weekdays else WEEKDAYS)[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(WEEKDAYS[section])
        return None

    def use_short_weekdays(self, short: bool) -> None:
        if short != self.short_weekdays:
            self.short_weekdays = short
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        day, entries = self.day(index), self.entries(index)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [str(day.day)] + [f"{format_time(e.starts_at)} {meetings.meeting_label(e.kind)}" for e in entries]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole and entries:
            return "\n".join(f"{e.title} — {meetings.meeting_label(e.state)}" for e in entries)
        if role == Qt.ItemDataRole.BackgroundRole and entries:
            return QBrush(MEETING_DAY)
        if role == Qt.ItemDataRole.ForegroundRole and day.month != self.month:
            return QBrush(OTHER_MONTH)
        if role == Qt.ItemDataRole.FontRole and (day == self.today or entries):
            font = QFont()  # the application font, so large-text mode still applies
            font.setBold(True)
            font.setUnderline(day == self.today)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return None


class CalendarView(QWidget):
    open_requested = Signal(str)  # meeting id
    saved = Signal(object)  # MeetingSaved, after the form created a meeting

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.year, self.month = ctx.today.year, ctx.today.month
        self.model = MonthModel(self)
        self.grid = QTableView(selectionMode=QAbstractItemView.SelectionMode.SingleSelection, wordWrap=True)
        self.grid.setModel(self.model)
        self.grid.verticalHeader().hide()
        for header in (self.grid.horizontalHeader(), self.grid.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setTabKeyNavigation(False)
        self.grid.horizontalHeader().sectionResized.connect(lambda *_args: self._fit_weekdays())
        # The chosen day gets a frame in the accent: a fill would hide the meeting tint and text.
        self.grid.setStyleSheet(f"QTableView::item:selected {{ border: 3px solid {ACCENT}; background: palette(base); "
                                "color: palette(text); }")
        self.grid.activated.connect(self._on_day_activated)
        self.grid.selectionModel().currentChanged.connect(lambda current, _prev: self._select_in_list(current))
        self.month_label = QLabel()
        self.list = QListWidget(wordWrap=True)
        self.list.itemActivated.connect(lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.delete_action = add_delete_action(self.list, self.delete_selected)
        self.notice = Notice()
        self._build()
        self.reload()

    def _fit_weekdays(self) -> None:
        header = self.grid.horizontalHeader()
        widest = max(header.fontMetrics().horizontalAdvance(_(name)) for name in WEEKDAYS)
        self.model.use_short_weekdays(widest + 12 > header.sectionSize(0))

    def _build(self) -> None:
        top = FlowLayout()  # wraps at large text sizes
        for text, slot, keys in ((_("‹ Tháng trước"), self.previous_month, "PgUp"),
                                 (_("Tháng sau ›"), self.next_month, "PgDown"),
                                 (_("Tháng này"), self.this_month, "Home")):
            button = QPushButton(text, toolTip=keys)
            button.clicked.connect(slot)
            top.addWidget(button)
            on_key(self, keys, slot, children=True)  # from the grid too: it has no rows to page through
        top.addWidget(self.month_label)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<b>%s</b>" % escape(_("Cuộc họp trong tháng"))))
        column.addWidget(self.list, 1)
        for text, slot in ((_("Mở cuộc họp"), self.open_selected),
                           (_("Đề xuất cuộc họp tháng sau…"), self.propose_next),
                           (_("Lên lịch cuộc họp…"), lambda: self.new_meeting())):
            button = QPushButton(text)
            button.clicked.connect(slot)
            column.addWidget(button)
        split = AdaptiveSplitter()  # one pane above the other when both do not fit
        split.addWidget(self.grid)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)

    def show_month(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        self.reload()

    def previous_month(self) -> None:
        self.show_month(*shift_month(self.year, self.month, -1))

    def next_month(self) -> None:
        self.show_month(*shift_month(self.year, self.month, 1))

    def this_month(self) -> None:
        self.show_month(self.ctx.today.year, self.ctx.today.month)

    def reload(self) -> None:
        entries = self.ctx.read(meetings.month_calendar, self.year, self.month)
        self.model.set_month(self.year, self.month, entries, self.ctx.today)
        self.month_label.setText("<h2>%s</h2>" % escape(_("Tháng {month}/{year}").format(month=self.month,
                                                                                          year=self.year)))
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{format_date(entry.day)} {format_time(entry.starts_at)} — {entry.title}\n"
                                   f"{meetings.meeting_label(entry.state)}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        if not entries:
            self.list.addItem(QListWidgetItem(_("Chưa có cuộc họp nào trong tháng này.")))
        self.grid.setCurrentIndex(self.model.index_of(self.ctx.today if self.ctx.today in self.model.days
                                                      and self.ctx.today.month == self.month
                                                      else date(self.year, self.month, 1)))

    def entries(self) -> list[meetings.CalendarEntry]:
        return [entry for day in sorted(self.model.by_day) for entry in self.model.by_day[day]]

    def _select_in_list(self, index: QModelIndex) -> None:
        chosen = {entry.id for entry in self.model.entries(index)}
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) in chosen:
                self.list.setCurrentRow(row)
                return

    def _on_day_activated(self, index: QModelIndex) -> None:
        entries = self.model.entries(index)
        if entries:
            self.open_requested.emit(entries[0].id)
        else:
            self.new_meeting(self.model.day(index))

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item and item.data(Qt.ItemDataRole.UserRole):
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item and item.data(Qt.ItemDataRole.UserRole):
            delete_with_confirmation(self, self.ctx.ops, home.MEETING, item.data(Qt.ItemDataRole.UserRole))

    def propose_next(self) -> None:
        with reported(self, _("Đề xuất cuộc họp tháng sau")):
            proposal = self.ctx.read(meetings.propose_next_regular, self.ctx.today)
            self._run_form(MeetingFormDialog(self.ctx, proposal=proposal, parent=self))

    def new_meeting(self, day: date | None = None) -> None:
        self._run_form(MeetingFormDialog(self.ctx, day=day, parent=self))

    def _run_form(self, dialog: MeetingFormDialog) -> None:
        if dialog.exec() and dialog.saved:
            detail = self.ctx.read(meetings.get_meeting, dialog.saved.id)
            day = detail.starts_at.astimezone(VIETNAM_TIME).date()
            self.show_month(day.year, day.month)
            self.saved.emit(dialog.saved)
