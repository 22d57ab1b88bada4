"""A bug in the GUI shows a dialog instead of the window vanishing.

Qt calls ``sys.excepthook`` for an exception raised in a slot; ours writes the report to
the log folder and tells the user in words, with the report one click from the clipboard
so that it can be sent to whoever helps them.
"""

from __future__ import annotations

import sys
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from handbook_desktop.core.crash import CrashReport, log_dir, write_report
from handbook_desktop.i18n import _


class CrashDialog(QDialog):
    def __init__(self, report: CrashReport, parent=None):
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(_("Lỗi ngoài dự kiến"))
        where = (_("Báo cáo lỗi đã được lưu tại {path}.").format(path=escape(str(report.path)))
                 if report.path else _("Không ghi được báo cáo lỗi ra đĩa."))
        message = QLabel(_(
            "<p><b>Ứng dụng gặp một lỗi ngoài dự kiến.</b> Những gì đã lưu không bị ảnh hưởng; "
            "việc đang làm dở có thể chưa được lưu.</p><p>{where}</p>"
            "<p>Hãy bấm «Sao chép báo cáo lỗi» và gửi cho người hỗ trợ kỹ thuật.</p>").format(where=where))
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QPlainTextEdit(report.text, readOnly=True)
        details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy_button = QPushButton(_("Sao chép báo cáo lỗi"))
        self.copy_button.clicked.connect(self.copy_report)
        folder = QPushButton(_("Mở thư mục nhật ký"))
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        close.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(folder)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(details, 1)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)
        self.copy_button.setText(_("Đã sao chép"))


def install_crash_handler() -> None:
    """From now on an unexpected exception is written down and shown, not fatal."""
    showing: list[CrashDialog] = []

    def handle(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        report = write_report(kind, error, trace, extra=f"PySide6 {pyside_version}")
        if showing or QApplication.instance() is None:
            return  # one dialog at a time: a failure in a timer must not open a hundred
        dialog = CrashDialog(report, QApplication.activeWindow())
        showing.append(dialog)
        dialog.finished.connect(lambda _result: showing.clear())
        dialog.open()

    sys.excepthook = handle
