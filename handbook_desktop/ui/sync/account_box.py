"""The account: who this workspace syncs as, or the login form; one widget for the Đồng bộ
page and Cài đặt → Đồng bộ, both driven by the window's one SyncController."""

from html import escape

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from handbook_desktop.core import settings as s
from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import ask
from handbook_desktop.ui.meetings.common import Notice
from handbook_desktop.ui.sync.controller import SyncController
from sync.account import keyring_available


class LoginFields(QWidget):
    """Server address, user name, password: the login form here and at the first start."""

    def __init__(self, server_url: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.server = QLineEdit(server_url, placeholderText=_("Ví dụ: https://sotay.thainguyen.dcs.vn"))
        self.username = QLineEdit(placeholderText=_("Tên đăng nhập do đảng bộ cấp"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(_("Địa chỉ máy chủ"), self.server)
        form.addRow(_("Tên đăng nhập"), self.username)
        form.addRow(_("Mật khẩu"), self.password)
        if not keyring_available():
            form.addRow("", QLabel(_("Máy này không có kho mật khẩu của hệ điều hành: mật khẩu không được lưu, "
                                     "phần mềm sẽ hỏi lại khi đồng bộ."), wordWrap=True))

    def values(self) -> tuple[str, str, str]:
        """(server url, user name, password); raises a UserError naming what is missing."""
        url = s.normalize_server_url(self.server.text())
        if not url:
            raise UserError(_("Hãy nhập địa chỉ máy chủ."))
        if not self.username.text().strip():
            raise UserError(_("Hãy nhập tên đăng nhập."))
        if not self.password.text():
            raise UserError(_("Hãy nhập mật khẩu."))
        return url, self.username.text().strip(), self.password.text()

    def take(self, notice: Notice) -> tuple[str, str, str] | None:
        """The values, with "connecting…" on `notice`; None (and what is missing) if incomplete."""
        try:
            url, user, password = self.values()
        except UserError as exc:
            notice.show_text(exc.message, "error")
            return None
        notice.show_text(_("Đang kết nối {server}…").format(server=url))
        return url, user, password


class AccountBox(QGroupBox):
    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(_("Tài khoản máy chủ"), parent)
        self.controller = controller
        self.summary = QLabel(wordWrap=True)
        self.fields = LoginFields(controller.server_url)
        self.fields.password.returnPressed.connect(self.log_in)
        self.login_button = QPushButton(_("Đăng nhập"))
        self.login_button.clicked.connect(self.log_in)
        self.logout_button = QPushButton(_("Đăng xuất"))
        self.logout_button.clicked.connect(self.log_out)
        self.notice = Notice()
        buttons = QHBoxLayout()
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        controller.changed.connect(self.show_state)
        controller.connected.connect(self._on_connected)
        self.show_state()

    def show_state(self) -> None:
        c, account = self.controller, self.controller.account
        if c.is_demo:
            self.summary.setText(_("Đây là dữ liệu mẫu: không kết nối máy chủ và không bao giờ đồng bộ. "
                                   "Muốn đồng bộ, hãy mở một thư mục dữ liệu mới (Cài đặt → Thư mục dữ liệu)."))
        elif account is None:
            self.summary.setText("<b>%s</b>" % escape(_("Chưa kết nối")))
        else:
            self.summary.setText(_("Máy chủ: <b>{server}</b><br>Người dùng: <b>{user}</b><br>Đơn vị: <b>{unit}</b>")
                                 .format(server=escape(account.server_url), user=escape(account.username),
                                         unit=escape(account.unit_name)))
        can_log_in = not c.is_demo and account is None
        self.fields.setVisible(can_log_in)
        self.login_button.setVisible(can_log_in)
        self.login_button.setEnabled(not c.syncing)
        self.logout_button.setVisible(account is not None)
        if account is not None:
            self.fields.password.clear()  # never kept on screen once used

    def log_in(self) -> None:
        if (values := self.fields.take(self.notice)) is None:
            return
        url, user, password = values
        self.controller.log_in(url, user, password, on_error=lambda text: self.notice.show_text(text, "error"))

    def _on_connected(self, account) -> None:
        # Said once: e.g. that a cell set up offline keeps its own data.
        if account.notice:
            self.notice.show_text(account.notice, "warning")
        else:
            self.notice.clear_text()

    def log_out(self) -> None:
        if ask(self, _("Đăng xuất"), _("Đăng xuất khỏi máy chủ? Máy này sẽ ngừng đồng bộ; dữ liệu đã nhận vẫn còn. "
                                       "Muốn đồng bộ lại phải đăng nhập lại."), yes=_("Đăng xuất"), no=_("Hủy")):
            self.controller.log_out()
