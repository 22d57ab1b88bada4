"""`main.py publish FILE… --server URL --user NAME [--channel CH] [--audience CODE…]`: each
file becomes one published document (the file attached), for scripts. Editors only; a
classified file is refused before anything is sent."""

import argparse
import sys

from handbook_desktop.commands.common import password_from_user, sync_errors_in_one_line
from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    publish = commands.add_parser("publish", parents=[common], help="phát hành văn bản lên máy chủ (biên tập viên)")
    publish.add_argument("files", nargs="+", metavar="FILE", help="tệp văn bản (.docx .pdf .txt .md)")
    publish.add_argument("--server", required=True, metavar="URL", help="địa chỉ máy chủ")
    publish.add_argument("--user", required=True, metavar="TÊN", help="tên đăng nhập của biên tập viên")
    publish.add_argument("--channel", default="reference", metavar="KÊNH",
                         help="kênh: national, provincial, district_bulletin, orientation, qa … (mặc định reference)")
    publish.add_argument("--audience", nargs="+", default=[], metavar="MÃ",
                         help="mã hoặc id của các đơn vị nhận (mặc định: đơn vị của biên tập viên)")
    publish.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """One line per file; exit 2 when no file was published."""
    from pathlib import Path

    from handbook_desktop.core.errors import ValidationError
    from handbook_desktop.core.library import Channel
    from sync.errors import Classified
    from sync.publishing import Publisher

    if args.channel not in Channel._value2member_map_:
        raise ValidationError(_("Kênh “{channel}” không có; hãy chọn một trong: {choices}.").format(
            channel=args.channel, choices=", ".join(Channel._value2member_map_)))
    password = password_from_user(args.user)
    published = 0
    with sync_errors_in_one_line(), Publisher.log_in(args.server, args.user, password) as publisher:
        for name in args.files:
            path = Path(name)
            try:
                item = publisher.publish(Publisher.item_from_file(path, args.channel), args.audience, [path])
            except (ValidationError, Classified) as exc:  # this file only; the others go on
                print(_("Lỗi: {message}").format(message=exc.message), file=sys.stderr)
                continue
            published += 1
            print(_("Đã phát hành {name}: {title} (mã {id})").format(name=path.name, title=item.title, id=item.id))
    return 0 if published else 2
