"""Every meeting of the cell: search (tones optional), filters, and the attendance chart."""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from handbook_desktop.core.meetings import MeetingKind, MeetingState
from handbook_desktop.core.text import format_date
from handbook_desktop.core import home, meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.fit import compact_combo
from handbook_desktop.ui.meetings.attendance_chart import AttendanceChartDialog
from handbook_desktop.ui.meetings.common import MeetingContext, current_row, format_time, rows_table
from handbook_desktop.ui.table_model import RowsModel
from handbook_desktop.ui.trash.delete_flow import add_delete_action, delete_with_confirmation
SEARCH_DELAY_MS = 250


def _attendance(row: meetings.MeetingSummary) -> str:
    if not row.expected:
        return ""
    return f"{row.present}/{row.expected} ({meetings.percent(row.present, row.expected):.1f}%)"


COLUMNS = (
    (N_("Ngày"), lambda row, i: f"{format_date(row.day)} {format_time(row.starts_at)}"),
    (N_("Tên cuộc họp"), lambda row, i: row.title),
    (N_("Loại"), lambda row, i: meetings.meeting_label(row.kind)),
    (N_("Tình trạng"), lambda row, i: meetings.meeting_label(row.state)),
    (N_("Có mặt"), lambda row, i: _attendance(row)),
    (N_("Nghị quyết"), lambda row, i: row.resolution_symbol),
)


class HistoryView(QWidget):
    open_requested = Signal(str)  # meeting id

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsModel(COLUMNS, self)
        self.table = rows_table(self.model, stretch_column=1)
        self.table.activated.connect(lambda index: self.open_requested.emit(self.model.rows[index.row()].id))
        self.delete_action = add_delete_action(self.table, self.delete_selected)
        self.search = QLineEdit(clearButtonEnabled=True,
                                placeholderText=_("Tìm trong tên, địa điểm, nội dung, ý kiến, số nghị quyết…"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.kind, self.state, self.year = QComboBox(), QComboBox(), QComboBox()
        self.kind.addItem(_("Mọi loại"), None)
        for kind in MeetingKind:
            self.kind.addItem(meetings.meeting_label(kind), kind)
        self.state.addItem(_("Mọi tình trạng"), None)
        for state in MeetingState:
            self.state.addItem(meetings.meeting_label(state), state)
        self.year.addItem(_("Mọi năm"), None)
        for combo in (self.kind, self.state, self.year):
            compact_combo(combo, 10)  # long kind names would widen the page at large text sizes
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        self._build()
        self.reload()

    def _build(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.kind, self.state, self.year):
            filters.addWidget(combo, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        for text, slot in ((_("Mở cuộc họp"), self.open_selected), (_("Biểu đồ điểm danh…"), self.show_chart)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def query(self) -> meetings.HistoryQuery:
        kind, state = self.kind.currentData(), self.state.currentData()
        return meetings.HistoryQuery(text=self.search.text(), kinds=frozenset({kind} if kind else ()),
                                     states=frozenset({state} if state else ()), year=self.year.currentData())

    def reload(self) -> None:
        rows = self.ctx.read(meetings.meeting_history, self.query())
        self.model.set_rows(rows)
        self.count.setText(_("{n} cuộc họp").format(n=len(rows)))
        self._fill_years()

    def _fill_years(self) -> None:
        """Years with meetings, from the unfiltered history (a filter must not hide its own choices)."""
        years = sorted({row.day.year for row in self.ctx.read(meetings.meeting_history)}, reverse=True)
        shown = [self.year.itemData(i) for i in range(1, self.year.count())]
        if shown == years:
            return
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        while self.year.count() > 1:
            self.year.removeItem(1)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        self.year.blockSignals(False)

    def open_selected(self) -> None:
        row = current_row(self.table)
        if row >= 0:
            self.open_requested.emit(self.model.rows[row].id)

    def delete_selected(self) -> None:
        row = current_row(self.table)
        if row >= 0:
            delete_with_confirmation(self, self.ctx.ops, home.MEETING, self.model.rows[row].id)

    def show_chart(self) -> None:
        AttendanceChartDialog(self.ctx, self.year.currentData(), self).exec()
