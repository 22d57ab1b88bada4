"""`main.py sync [--server URL --user NAME] [--adopt [--yes]]`: one sync round, then a list
of what arrived.

With --server and --user a data folder not yet connected logs in first. The password comes
from the keyring's login, HANDBOOK_PASSWORD, or a prompt. With --adopt a cell set up offline
moves into the account's cell after the round (which brought the server's roster to match
against): a preview, a question (--yes skips it), then a second round sends it.
"""

import argparse

from handbook_desktop.commands.common import confirmed, password_from_user, sync_errors_in_one_line
from handbook_desktop.i18n import _

SHOWN_TITLES = 20


def register(commands, common: argparse.ArgumentParser) -> None:
    syncing = commands.add_parser("sync", parents=[common], help="đồng bộ một lần với máy chủ rồi thoát")
    syncing.add_argument("--server", default=None, metavar="URL", help="địa chỉ máy chủ (khi chưa đăng nhập)")
    syncing.add_argument("--user", default=None, metavar="TÊN", help="tên đăng nhập (khi chưa đăng nhập)")
    syncing.add_argument("--adopt", action="store_true",
                         help="chuyển chi bộ lập khi chưa có máy chủ sang chi bộ của tài khoản (xem trước, hỏi lại)")
    syncing.add_argument("--yes", action="store_true", help="với --adopt: không hỏi lại")
    syncing.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from contextlib import closing

    from handbook_desktop.commands.common import existing_workspace
    from handbook_desktop.core.errors import UserError
    from handbook_desktop.core.paths import DATABASE_NAME
    from handbook_desktop.core.workspace import open_workspace
    from sync.account import connect, current_account, load_tokens
    from sync.client import normalise_url
    from sync import errors
    from sync.engine import sync_once

    if bool(args.server) != bool(args.user):
        raise UserError(_("Hãy cho cả --server và --user, hoặc không cho cả hai (dùng tài khoản đã đăng nhập)."))
    if not args.server and not (args.data.path / DATABASE_NAME).exists():
        with sync_errors_in_one_line():
            raise errors.not_connected()  # a blank folder: logging in is the way in, not setup
    workspace = open_workspace(args.data.path) if args.server else None
    with (existing_workspace(args) if workspace is None else closing(workspace)) as workspace:
        account = current_account(workspace)
        password = None
        with sync_errors_in_one_line():
            if args.server and (account is None or account.key != f"{normalise_url(args.server)}|{args.user}"):
                password = password_from_user(args.user)
                account = connect(workspace, args.server, args.user, password)
                if account.notice:
                    print(account.notice)
            elif account is not None and load_tokens(account) is None:
                password = password_from_user(account.username)
            report = sync_once(workspace, password)
            if args.adopt and adopt_cell(workspace, args.yes):
                report = sync_once(workspace, password)  # send what moved at once
    print(_("Đã đồng bộ với {server}: {pulled} văn bản, bài viết mới hoặc cập nhật; {withdrawn} bị thu hồi; "
            "{files} tệp đính kèm.").format(server=account.server_url, pulled=report.pulled,
                                            withdrawn=report.withdrawn, files=report.attachments))
    for title in report.titles[:SHOWN_TITLES]:
        print(f"  + {title}")
    if len(report.titles) > SHOWN_TITLES:
        print(_("  … và {n} mục khác").format(n=len(report.titles) - SHOWN_TITLES))
    if report.pushed or report.records or report.rejected:
        print(_("Hồ sơ chi bộ: đã gửi {pushed} thay đổi, nhận {records} bản ghi.").format(
            pushed=report.pushed, records=report.records))
    if report.rejected:
        print(_("{n} thay đổi bị máy chủ từ chối (các thay đổi khác vẫn được gửi):").format(n=report.rejected))
        for message in report.problems[:SHOWN_TITLES]:
            print(f"  - {message}")
    if report.conflicts:
        print(_("{n} xung đột mới cần bí thư quyết định: xem trang Đồng bộ → Xung đột.").format(n=report.conflicts))
    return 0



def adopt_cell(workspace, assume_yes: bool) -> bool:
    """The adoption's preview and question; True once the cell was moved."""
    from sync import adopt

    if not workspace.perform(adopt.adoption_pending, read_only=True):
        print(_("Dữ liệu này đã là của chi bộ trong tài khoản: không có gì phải chuyển."))
        return False
    shown = workspace.perform(adopt.preview, read_only=True)
    print(_("Chuyển dữ liệu của “{old}” sang “{new}” trên máy chủ; sẽ gửi:").format(old=shown.from_cell,
                                                                                new=shown.to_cell))
    for what, count in shown.counts:
        print(f"  {what}: {count}")
    if shown.matches:
        print(_("Đảng viên đã có trên máy chủ, sẽ được gộp làm một:"))
        for match in shown.matches:
            print("  " + adopt.match_line(match))
    if not assume_yes and not confirmed(_("Chuyển? [c/K] ")):
        print(_("Chưa chuyển gì."))
        return False
    workspace.perform(adopt.adopt)
    print(_("Đã chuyển {n} bản ghi sang “{new}”.").format(n=shown.total, new=shown.to_cell))
    return True

