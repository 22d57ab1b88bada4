"""Asks for the account's password where the OS keeps no keyring (a bare Linux): the token
lives only in memory there, so a sync after a restart needs the password again."""

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons


class PasswordDialog(QDialog):
    def __init__(self, username: str, server_url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Mật khẩu để đồng bộ"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("Mật khẩu"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Máy này không có kho mật khẩu của hệ điều hành, nên mật khẩu không được lưu. "
                                  "Nhập mật khẩu của {user} trên {server} để đồng bộ.")
                                .format(user=username, server=server_url), wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(accept_buttons(self, _("Đồng bộ"), self.accept))


def ask_password(parent: QWidget | None, account) -> str | None:
    dialog = PasswordDialog(account.username, account.server_url, parent)
    return dialog.password.text() if dialog.exec() and dialog.password.text() else None
