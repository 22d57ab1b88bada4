"""First start's "Kết nối máy chủ": log in, and the blank workspace becomes the account's cell.

There is no window yet: the dialog runs the login on a task runner of its own, so it stays
responsive while a slow server answers, and keeps what was typed when the login fails.
"""

import socket

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons
from handbook_desktop.ui.meetings.common import Notice
from handbook_desktop.ui.sync.account_box import LoginFields
from handbook_desktop.ui.sync.controller import error_text
from handbook_desktop.ui.taskrunner import TaskRunner
from sync import account as accounts


class ConnectDialog(QDialog):
    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.tasks = workspace, tasks
        self.account = None
        self.setWindowTitle(_("Kết nối máy chủ"))
        self.fields = LoginFields()
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Nhập địa chỉ máy chủ của đảng bộ và tài khoản được cấp. Chi bộ, các cấp trên "
                                  "và văn bản sẽ được nhận về máy này."), wordWrap=True))
        layout.addWidget(self.fields)
        layout.addWidget(self.notice)
        self.buttons = accept_buttons(self, _("Kết nối"), self.connect_account)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)

    def connect_account(self) -> None:
        if (values := self.fields.take(self.notice)) is None:
            return
        url, user, password = values
        self.buttons.setEnabled(False)
        device = socket.gethostname()
        self.tasks.run(lambda _progress: accounts.connect(self.workspace, url, user, password, device_name=device),
                       title=_("Kết nối máy chủ"), on_done=self._connected, on_error=self._failed)

    def _connected(self, account) -> None:
        self.account = account
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.notice.show_text(error_text(exc), "error")  # the typed values stay for another try
        self.adjustSize()
