"""Statistics of the cell: a small chart per group (QtCharts) and a table that can be exported."""

import csv
from pathlib import Path

from PySide6.QtCharts import (QAbstractBarSeries, QBarCategoryAxis, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QValueAxis)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QFrame, QGridLayout, QLabel, QPushButton,
                               QScrollArea, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from handbook_desktop.core.members import GROUPS, Statistics, StatisticsRow, statistics_rows
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import _
from handbook_desktop.ui.figures import figures_html
from handbook_desktop.ui.style import ACCENT

CHARTED = ("age_bands", "sex", "theory_level", "membership_years")
SIZE = (1000, 680)


def bar_chart(title: str, counts: list[tuple[str, int]]) -> QChartView:
    """Horizontal bars: the category names ("Từ 31 đến 40 tuổi") read in full on the left, and
    the count axis ticks at whole numbers (members are not counted in halves)."""
    counts = counts[::-1]  # a horizontal chart draws the first category at the bottom: read top-down
    bars = QBarSet(title)
    bars.setColor(ACCENT)
    bars.setLabelColor(QColor("black"))
    bars.append([count for _label, count in counts])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)  # the count at each bar's end
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(title)
    chart.legend().hide()
    categories = QBarCategoryAxis()
    categories.append([label for label, _count in counts])
    values = QValueAxis(labelFormat="%d")
    step, top = count_ticks(max([count for _label, count in counts] + [0]))
    values.setRange(0, top)
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(step)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(values)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Two lines per bar, so no category name is dropped at large text sizes (the
    # dialog scrolls down instead).
    lines = 2 * len(counts) + 5  # bars, title, count axis, margins
    view.setMinimumHeight(max(240, int(lines * view.fontMetrics().lineSpacing())))
    return view


def count_ticks(largest: int, most_ticks: int = 6) -> tuple[int, int]:
    """A whole-number tick step (1, 2, 5, 10, 20, 50 …) and the axis end, a step above the largest
    count so the number beside the longest bar stays inside the chart."""
    base = 1
    while True:
        for step in (base, 2 * base, 5 * base):
            top = (largest // step + 1) * step
            if top // step <= most_ticks:
                return step, top
        base *= 10


def save_csv(rows: list[StatisticsRow], path: Path) -> None:
    """UTF-8 with BOM so Excel shows the diacritics."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([_("Nhóm"), _("Chỉ tiêu"), _("Số lượng"), _("Tỷ lệ (%)")])
        writer.writerows([row.group, row.label, row.count, row.percent] for row in rows)


class StatisticsDialog(QDialog):
    def __init__(self, statistics: Statistics, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Thống kê đảng viên"))
        self.statistics = statistics
        self.rows = statistics_rows(self.statistics)
        titles = dict(GROUPS)
        charts = QWidget()
        grid = QGridLayout(charts)
        for index, attribute in enumerate(CHARTED):
            grid.addWidget(bar_chart(_(titles[attribute]), getattr(self.statistics, attribute)),
                           *divmod(index, self._chart_columns()))
        self.table = QTableWidget(len(self.rows), 4, editTriggers=QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels([_("Nhóm"), _("Chỉ tiêu"), _("Số lượng"), _("Tỷ lệ (%)")])
        for index, row in enumerate(self.rows):
            for column, value in enumerate((row.group, row.label, str(row.count), f"{row.percent:.1f}")):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        tabs = QTabWidget()
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(charts)
        tabs.addTab(scroll, _("Biểu đồ"))
        tabs.addTab(self.table, _("Bảng số liệu"))
        export = QPushButton(_("Xuất bảng ra tệp CSV…"))
        export.clicked.connect(self.export)
        self.figures = QLabel(_("Đến ngày {date}: {figures}").format(
            date=format_date(statistics.figures.as_of), figures=figures_html(statistics.figures)), wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(tabs, 1)
        layout.addWidget(export)
        self.resize(*SIZE)

    def _chart_columns(self) -> int:
        """Two charts side by side while the category names fit beside the bars (QtCharts gives
        them about a third of a chart); one chart a row at large text sizes."""
        names = [name for attribute in CHARTED for name, _count in getattr(self.statistics, attribute)]
        widest = max(map(self.fontMetrics().horizontalAdvance, names), default=0)
        return 2 if widest * 3 <= SIZE[0] // 2 else 1

    def export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Xuất thống kê"), "thong-ke-dang-vien.csv", "CSV (*.csv)")
        if name:
            save_csv(self.rows, Path(name))
