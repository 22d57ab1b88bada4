"""`main.py trash [delete|restore KIND ID]`: Đã xóa from the command line.

Without an action it lists what was deleted in the last 30 days (kind | id | when | title);
`delete` and `restore` use the same services and refusals as the GUI.
"""

import argparse

from handbook_desktop.commands.common import existing_workspace
from handbook_desktop.i18n import _

KINDS = ("document", "member", "meeting")


def register(commands, common: argparse.ArgumentParser) -> None:
    trash = commands.add_parser("trash", parents=[common], help="đã xóa: liệt kê, xóa, khôi phục trong 30 ngày")
    trash.add_argument("action", nargs="?", choices=("delete", "restore"), help="xóa hoặc khôi phục một mục")
    trash.add_argument("kind", nargs="?", choices=KINDS, help="loại: văn bản, đảng viên, cuộc họp")
    trash.add_argument("id", nargs="?", help="mã của mục (xem bằng `trash` hoặc `search`)")
    trash.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.core import home
    from handbook_desktop.core.errors import ValidationError
    from handbook_desktop.core.text import format_datetime

    if args.action and not (args.kind and args.id):
        raise ValidationError(_("Hãy cho loại và mã, ví dụ: trash restore member 01a2…"))
    with existing_workspace(args) as workspace:
        if args.action == "delete":
            done = workspace.perform(lambda uow: home.delete(uow, args.kind, args.id))
            print(_("Đã xóa {kind} “{title}”.").format(kind=home.kind_word(done.kind), title=done.title))
        elif args.action == "restore":
            done = workspace.perform(lambda uow: home.restore(uow, args.kind, args.id))
            print(_("Đã khôi phục {kind} “{title}”.").format(kind=home.kind_word(done.kind), title=done.title))
        else:
            items = workspace.perform(home.deleted_items, read_only=True)
            if not items:
                print(_("Không có gì bị xóa trong {days} ngày qua.").format(days=home.TRASH_DAYS))
            for item in items:
                print(f"{item.kind} | {item.id} | {format_datetime(item.deleted_at)} | {item.title}")
    return 0
