"""What can go wrong while talking to the server, in words a user can act on.

Every failure of the network, the server or the account becomes one of these: `message`
says what happened, `hint` what to do. The CLI prints both; the GUI shows them on the
"Đồng bộ" page. None of them ever means local data was lost.
"""

from handbook_desktop.core.errors import UserError, is_disk_full
from handbook_desktop.i18n import _


class SyncError(UserError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


class ServerUnreachable(SyncError):
    """No answer: refused, timed out, unknown host, dropped before any reply."""


class NotAServer(SyncError):
    """An answer that is not our server's: a captive portal's HTML, garbage, a cut-off body."""


class ClientOutdated(SyncError):
    """The server no longer serves this program's protocol."""


class BadCredentials(SyncError):
    """Wrong user name or password."""


class SessionEnded(SyncError):
    """The login of this device is over (token invalid, device revoked): log in again."""


class PasswordNeeded(SyncError):
    """No keyring keeps the login and no password was given for this round."""


class DemoNeverSyncs(SyncError):
    """The demo workspace stays on this computer."""


class NotConnected(SyncError):
    """The workspace has no account yet."""


class Forbidden(SyncError):
    """Outside the user's unit or role; the server's reason is the message."""


class Classified(SyncError):
    """A classified (mật) document is never published."""


def unreachable(server_url: str) -> ServerUnreachable:
    return ServerUnreachable(
        _("Không kết nối được máy chủ {url}.").format(url=server_url),
        _("Hãy kiểm tra kết nối mạng và địa chỉ máy chủ rồi thử lại. Dữ liệu trên máy vẫn nguyên vẹn."))


def not_a_server(server_url: str) -> NotAServer:
    return NotAServer(
        _("Địa chỉ {url} không trả lời như máy chủ Sổ tay đảng viên (có thể mạng Wi-Fi đang đòi đăng nhập, "
          "hoặc địa chỉ bị gõ nhầm).").format(url=server_url),
        _("Hãy mở trình duyệt để đăng nhập mạng Wi-Fi, hoặc kiểm tra lại địa chỉ máy chủ. "
          "Dữ liệu trên máy vẫn nguyên vẹn."))


def client_outdated(server_message: str = "") -> ClientOutdated:
    return ClientOutdated(server_message or _("Phần mềm trên máy này đã cũ so với máy chủ."),
                          _("Hãy cập nhật phần mềm Sổ tay đảng viên lên phiên bản mới rồi đồng bộ lại."))


def bad_credentials() -> BadCredentials:
    return BadCredentials(_("Sai tên đăng nhập hoặc mật khẩu."),
                          _("Hãy gõ lại; nếu quên mật khẩu, hãy nhờ quản trị viên đặt lại."))


def session_ended(revoked: bool = False) -> SessionEnded:
    message = (_("Máy này đã bị quản trị viên đăng xuất khỏi tài khoản.") if revoked
               else _("Phiên đăng nhập trên máy này đã hết hiệu lực."))
    return SessionEnded(message, _("Hãy đăng nhập lại (Cài đặt → Đồng bộ, hoặc lệnh 'main.py login')."))


def password_needed() -> PasswordNeeded:
    return PasswordNeeded(
        _("Máy này không có kho mật khẩu của hệ điều hành, nên mỗi lần đồng bộ cần nhập mật khẩu."),
        _("Hãy nhập mật khẩu (với lệnh: đặt biến HANDBOOK_PASSWORD hoặc gõ khi được hỏi)."))


def demo_never_syncs() -> DemoNeverSyncs:
    return DemoNeverSyncs(_("Đây là dữ liệu mẫu: dữ liệu mẫu không bao giờ đồng bộ với máy chủ."),
                          _("Hãy mở một thư mục dữ liệu mới (Cài đặt → Thư mục dữ liệu, hoặc --data-dir) "
                            "rồi kết nối máy chủ."))


def not_connected() -> NotConnected:
    return NotConnected(_("Dữ liệu này chưa kết nối với máy chủ nào."),
                        _("Hãy đăng nhập trước: Cài đặt → Đồng bộ, hoặc "
                          "'main.py login --server ĐỊA_CHỈ --user TÊN'."))


def files_not_stored(exc: OSError) -> SyncError:
    """A file could not be written into the data folder: what arrived before it stays."""
    if is_disk_full(exc):
        return SyncError(_("Ổ đĩa đã đầy: chưa lưu được tệp đính kèm. Các văn bản đã nhận vẫn được giữ."),
                         _("Hãy giải phóng dung lượng ổ đĩa rồi đồng bộ lại; tệp còn thiếu sẽ được tải tiếp."))
    return SyncError(_("Không ghi được tệp đính kèm vào thư mục dữ liệu ({error}).").format(
        error=exc.strerror or exc), _("Hãy kiểm tra quyền ghi của thư mục dữ liệu rồi đồng bộ lại."))
