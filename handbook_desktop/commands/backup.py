"""`main.py backup --out FILE [--data-dir DIR]`: the whole workspace in one backup file
(`.sotay`), made while the app may be running."""

import argparse
import sys
from pathlib import Path

from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser("backup", parents=[common], help="sao lưu toàn bộ dữ liệu vào một tệp .sotay")
    backup.add_argument("--out", required=True, type=Path, help="tệp sao lưu sẽ ghi (ví dụ: D:\\so-tay.sotay)")
    backup.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.core.backup_file import EXTENSION, write_backup
    from handbook_desktop.core.backup_schedule import record_manual_backup
    from handbook_desktop.core.clock import vietnam_now
    from handbook_desktop.core.progress import Progress
    from handbook_desktop.core.workspace import has_database

    data_dir = args.data.path.expanduser().resolve()
    if not has_database(data_dir):
        from handbook_desktop.core.errors import WorkspaceError

        raise WorkspaceError(_("Thư mục dữ liệu {path} chưa có dữ liệu để sao lưu.").format(path=data_dir))
    out = args.out if args.out.suffix else args.out.with_suffix(EXTENSION)
    if not out.expanduser().parent.is_dir():  # a mistyped folder is not created behind the user's back
        from handbook_desktop.core.errors import ValidationError

        raise ValidationError(_("Không có thư mục {folder}: hãy chọn một thư mục có sẵn (ví dụ ổ USB).").format(
            folder=out.expanduser().parent))
    manifest = write_backup(data_dir, out, now=vietnam_now(), progress=Progress(_percent()))
    record_manual_backup(data_dir, out, vietnam_now())
    print(_("Đã sao lưu {name}: {members} hồ sơ đảng viên, {meetings} cuộc họp, {documents} văn bản, {files} tệp đính kèm "
            "vào {path}.").format(name=manifest.unit_name or _("dữ liệu"), members=manifest.members,
                                  meetings=manifest.meetings, documents=manifest.documents,
                                  files=manifest.attachments, path=out.resolve()))
    return 0


def _percent():
    """A percentage on stderr when someone watches the terminal, nothing in a script."""
    shown = [-1]

    def report(done: int, total: int, message: str) -> None:
        percent = 100 * done // total if total else 0
        if sys.stderr.isatty() and percent != shown[0]:
            shown[0] = percent
            print(f"\r{message} {percent}%", end="", file=sys.stderr, flush=True)

    return report
