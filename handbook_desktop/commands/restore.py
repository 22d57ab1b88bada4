"""`main.py restore FILE [--yes] [--data-dir DIR]`: put a backup file in place of the data,
after every check and a question; the current data is kept as a backup file first."""

import argparse
from pathlib import Path

from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    restore = commands.add_parser("restore", parents=[common], help="khôi phục dữ liệu từ một tệp sao lưu .sotay")
    restore.add_argument("file", type=Path, help="tệp sao lưu (.sotay)")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    restore.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.commands.common import confirmed
    from handbook_desktop.core.backup_file import check_backup, restore_backup
    from handbook_desktop.core.clock import vietnam_now
    from handbook_desktop.core.workspace import has_database, open_workspace

    data_dir = args.data.path.expanduser().resolve()
    manifest = check_backup(args.file, data_dir)
    print(manifest.summary())
    if has_database(data_dir) and not args.yes and not confirmed(
            _("Thay toàn bộ dữ liệu trong {folder} bằng bản sao lưu này? Dữ liệu hiện tại được giữ thành một tệp "
              "sao lưu trong {folder}/backups. [c/K] ").format(folder=data_dir)):
        print(_("Chưa khôi phục gì."))
        return 1
    restored = restore_backup(args.file, data_dir, now=vietnam_now())
    open_workspace(data_dir).close()  # an older schema is upgraded now, not at the next start
    print(_("Đã khôi phục."))
    if restored.kept:
        print(_("Dữ liệu trước khi khôi phục được giữ tại {path}.").format(path=restored.kept))
    return 0

