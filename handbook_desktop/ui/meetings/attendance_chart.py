"""Attendance of each member over time: a bar per member (rate) and a table per meeting."""

from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from handbook_desktop.core.meetings import AttendanceStatus
from handbook_desktop.core.text import format_date
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.meetings.common import MeetingContext, rows_table
from handbook_desktop.ui.style import ACCENT

SHORT = {
    AttendanceStatus.PRESENT: N_("Có mặt"),
    AttendanceStatus.ABSENT_EXCUSED: N_("Vắng (có lý do)"),
    AttendanceStatus.ABSENT_UNEXCUSED: N_("Vắng (không lý do)"),
    AttendanceStatus.EXCUSED: N_("Miễn"),
    AttendanceStatus.PENDING: N_("Chưa điểm danh"),
}
COLOURS = {AttendanceStatus.PRESENT: "#1e6b30", AttendanceStatus.ABSENT_EXCUSED: "#8a5a00",
           AttendanceStatus.ABSENT_UNEXCUSED: "#b3261e", AttendanceStatus.EXCUSED: "#757575"}


def rate_text(line: meetings.MemberAttendanceLine) -> str:
    return f"{line.present}/{line.expected} ({meetings.percent(line.present, line.expected):.1f}%)"


class ChartTableModel(QAbstractTableModel):
    """Rows: members; columns: name, rate, then one per meeting (oldest first)."""

    def __init__(self, chart: meetings.AttendanceChart, parent=None):
        super().__init__(parent)
        self.chart = chart

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.chart.members)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 2 + len(self.chart.meetings)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < 2:
                return (_("Họ và tên"), _("Tỷ lệ dự họp"))[section]
            return format_date(self.chart.meetings[section - 2].day)
        if role == Qt.ItemDataRole.ToolTipRole and section >= 2:
            return self.chart.meetings[section - 2].title
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        line = self.chart.members[index.row()]
        status = line.statuses[index.column() - 2] if index.column() >= 2 else None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return line.full_name
            if index.column() == 1:
                return rate_text(line)
            return _(SHORT[status]) if status else ""
        if role == Qt.ItemDataRole.ForegroundRole and status in COLOURS:
            return QBrush(QColor(COLOURS[status]))
        return None


def rate_chart(chart_data: meetings.AttendanceChart) -> QChartView:
    bars = QBarSet(_("Tỷ lệ dự họp (%)"))
    bars.setColor(ACCENT)
    # Excused members are expected nowhere: a zero bar would accuse them of absence.
    lines = [line for line in reversed(chart_data.members) if line.expected]  # the axis draws bottom-up
    bars.append([100 * line.rate for line in lines])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    series.setLabelsPrecision(3)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(_("Tỷ lệ có mặt của từng đồng chí ({n} cuộc họp)").format(n=len(chart_data.meetings)))
    chart.legend().hide()
    names = QBarCategoryAxis()
    names.append([line.full_name for line in lines])
    names.setTruncateLabels(False)
    percent_axis = QValueAxis(labelFormat="%d%%")
    percent_axis.setRange(0, 100)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(percent_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(percent_axis)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(max(320, 22 * len(lines)))
    return view


class AttendanceChartDialog(QDialog):
    def __init__(self, ctx: MeetingContext, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Biểu đồ điểm danh"))
        self.year = QComboBox()
        self.year.addItem(_("Mọi năm"), None)
        for each in sorted({row.day.year for row in ctx.read(meetings.meeting_history)}, reverse=True):
            self.year.addItem(str(each), each)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.summary = QLabel(wordWrap=True)
        self.tabs = QTabWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Thời gian:")))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.resize(1000, 700)
        self.reload()

    def reload(self) -> None:
        year = self.year.currentData()
        since = date(year, 1, 1) if year else None
        # Meetings still ahead have nobody marked yet: they would count as absences.
        until = min(date(year, 12, 31), self.ctx.today) if year else self.ctx.today
        self.chart = self.ctx.read(meetings.attendance_chart, since, until)
        excused = sum(1 for line in self.chart.members if not line.expected)
        self.summary.setText(_("{meetings} cuộc họp đã diễn ra, {members} đồng chí ({excused} đồng chí miễn sinh "
                               "hoạt không tính tỷ lệ).").format(meetings=len(self.chart.meetings),
                                                                  members=len(self.chart.members), excused=excused))
        self.tabs.clear()
        self.tabs.addTab(rate_chart(self.chart), _("Biểu đồ"))
        self.table = rows_table(ChartTableModel(self.chart, self), stretch_column=0)
        self.tabs.addTab(self.table, _("Từng cuộc họp"))
