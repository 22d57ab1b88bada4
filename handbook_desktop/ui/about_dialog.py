"""Trợ giúp → Giới thiệu: version, folders, and the licences of what the app bundles."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from handbook_desktop import __version__
from handbook_desktop.core.about import bundled_components
from handbook_desktop.core.crash import log_dir
from handbook_desktop.i18n import _


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Giới thiệu"))
        if not (icon := QGuiApplication.windowIcon()).isNull():
            self.setWindowIcon(icon)
        text = QLabel(_(
            "<h3>Sổ tay đảng viên {version}</h3><p>Sổ tay điện tử cho bí thư chi bộ và đảng viên: "
            "văn bản, tin tức, đảng viên, sinh hoạt chi bộ — dùng được khi không có mạng.</p>"
            "<p>Thư mục dữ liệu: {data}<br>Thư mục nhật ký lỗi: {logs}</p>"
            "<p>Thành phần đi kèm và giấy phép:</p>").format(
                version=__version__, data=escape(str(data_dir)), logs=escape(str(log_dir()))))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        components = bundled_components()
        self.table = QTableWidget(len(components), 3)
        self.table.setHorizontalHeaderLabels([_("Thành phần"), _("Giấy phép"), _("Dùng để")])
        for row, component in enumerate(components):
            for column, value in enumerate((component.name, component.licence, component.purpose)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # a long purpose may be cut at 200 % text
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox()
        buttons.addButton(_("Đóng"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
