"""`main.py login --server URL --user NAME` and `main.py logout`: this device's account.

Logging in keeps the token in the OS keyring (never in a file); a blank data folder becomes
the account's cell. The password comes from HANDBOOK_PASSWORD or a prompt.
"""

import argparse

from handbook_desktop.commands.common import password_from_user, sync_errors_in_one_line
from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    login = commands.add_parser("login", parents=[common], help="đăng nhập máy chủ đồng bộ (lưu phiên vào kho mật khẩu)")
    login.add_argument("--server", required=True, metavar="URL", help="địa chỉ máy chủ, ví dụ http://may-chu:8765")
    login.add_argument("--user", required=True, metavar="TÊN", help="tên đăng nhập")
    login.add_argument("--device", default="", metavar="TÊN", help="tên của máy này (mặc định: tên máy)")
    login.set_defaults(handler=run_login)
    logout = commands.add_parser("logout", parents=[common], help="đăng xuất: xóa phiên khỏi máy này và máy chủ")
    logout.set_defaults(handler=run_logout)


def run_login(args: argparse.Namespace) -> int:
    from handbook_desktop.core.workspace import open_workspace
    from sync.account import connect, tokens_in_memory_only

    password = password_from_user(args.user)
    workspace = open_workspace(args.data.path)
    try:
        with sync_errors_in_one_line():
            account = connect(workspace, args.server, args.user, password, args.device)
    finally:
        workspace.close()
    print(_("Đã đăng nhập {server} với tài khoản {user} ({unit}).").format(
        server=account.server_url, user=account.username, unit=account.unit_name))
    if account.notice:
        print(account.notice)
    if tokens_in_memory_only(account):
        print(_("Máy này không có kho mật khẩu của hệ điều hành: mỗi lần đồng bộ sẽ cần mật khẩu "
                "(gõ khi được hỏi, hoặc đặt biến HANDBOOK_PASSWORD)."))
    print(_("Tiếp theo: “main.py sync” để nhận văn bản, bài viết."))
    return 0


def run_logout(args: argparse.Namespace) -> int:
    from handbook_desktop.commands.common import existing_workspace
    from sync.account import current_account, disconnect

    with existing_workspace(args) as workspace:
        account = current_account(workspace)
        if account is None:
            print(_("Dữ liệu này chưa đăng nhập máy chủ nào."))
            return 0
        disconnect(workspace)
    print(_("Đã đăng xuất {user} khỏi {server}; phiên đăng nhập đã được xóa khỏi máy này.").format(
        user=account.username, server=account.server_url))
    return 0
