"""Statistics of the cell: a small chart per group (QtCharts) and a table that can be exported."""

import csv
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QGridLayout, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from handbook_desktop.core.members import GROUPS, Statistics, StatisticsRow, statistics_rows
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import _
from handbook_desktop.ui.figures import figures_html
from handbook_desktop.ui.style import ACCENT

CHARTED = ("age_bands", "sex", "theory_level", "membership_years")


def bar_chart(title: str, counts: list[tuple[str, int]]) -> QChartView:
    bars = QBarSet(title)
    bars.setColor(ACCENT)
    bars.append([count for _label, count in counts])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(title)
    chart.legend().hide()
    axis_x = QBarCategoryAxis()
    axis_x.append([label for label, _count in counts])
    axis_y = QValueAxis(labelFormat="%d")
    axis_y.setRange(0, max([count for _label, count in counts] + [1]))
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    return view


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
            grid.addWidget(bar_chart(_(titles[attribute]), getattr(self.statistics, attribute)), index // 2, index % 2)
        self.table = QTableWidget(len(self.rows), 4, editTriggers=QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels([_("Nhóm"), _("Chỉ tiêu"), _("Số lượng"), _("Tỷ lệ (%)")])
        for index, row in enumerate(self.rows):
            for column, value in enumerate((row.group, row.label, str(row.count), f"{row.percent:.1f}")):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        tabs = QTabWidget()
        tabs.addTab(charts, _("Biểu đồ"))
        tabs.addTab(self.table, _("Bảng số liệu"))
        export = QPushButton(_("Xuất bảng ra tệp CSV…"))
        export.clicked.connect(self.export)
        self.figures = QLabel(_("Đến ngày {date}: {figures}").format(
            date=format_date(statistics.figures.as_of), figures=figures_html(statistics.figures)), wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(tabs, 1)
        layout.addWidget(export)
        self.resize(1000, 680)

    def export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Xuất thống kê"), "thong-ke-dang-vien.csv", "CSV (*.csv)")
        if name:
            save_csv(self.rows, Path(name))
