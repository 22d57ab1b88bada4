"""`main.py import FILE...`: documents (.docx .pdf .txt .md) into the library."""

import argparse
import sys

from handbook_desktop.commands.common import existing_workspace
from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    importer = commands.add_parser("import", parents=[common], help="nhập văn bản (.docx .pdf .txt .md) vào thư viện")
    importer.add_argument("files", nargs="+", metavar="FILE", help="tệp cần nhập")
    importer.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """One line per file; exit 2 only when no file ended up in the library."""
    from pathlib import Path

    from handbook_desktop.core.library import ImportStatus, import_files

    with existing_workspace(args) as workspace:
        report = import_files(workspace, [Path(name) for name in args.files])
    for result in report.results:
        number = result.number or _("(không số)")
        label = f"{number} | {result.title}"
        if result.status == ImportStatus.IMPORTED:
            print(_("Đã nhập {name}: {label}").format(name=result.name, label=label))
        elif result.status == ImportStatus.DUPLICATE:
            print(_("Bỏ qua {name}: đã có trong thư viện ({label})").format(name=result.name, label=label))
        else:
            print(_("Lỗi: {message}").format(message=result.message), file=sys.stderr)
    return 0 if report.imported or report.duplicates else 2
