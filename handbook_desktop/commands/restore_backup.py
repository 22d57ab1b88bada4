"""`main.py restore-backup [--data-dir DIR]`: put the newest automatic backup in place of a
damaged database; the damaged file is kept beside it as `handbook.db.damaged-<time>`."""

import argparse

from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    commands.add_parser("restore-backup", parents=[common],
                        help="khôi phục cơ sở dữ liệu bị hỏng từ bản sao lưu tự động gần nhất").set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.core.backup import restore_latest
    from handbook_desktop.core.clock import vietnam_now
    from handbook_desktop.core.paths import DATABASE_NAME

    restored = restore_latest(args.data.path.expanduser().resolve() / DATABASE_NAME, vietnam_now())
    print(_("Đã khôi phục từ bản sao lưu ngày {day:%d/%m/%Y}; tệp hỏng được giữ lại tại {damaged}. "
            "Các thay đổi sau ngày sao lưu cần nhập lại.").format(day=restored.backup.day, damaged=restored.damaged))
    return 0
