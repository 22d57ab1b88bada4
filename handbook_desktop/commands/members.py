"""`main.py members import|export FILE.xlsx`: the roster without the GUI.

Import prints the preview (summary, then each row's problems) before writing; with errors
and without --valid-only it writes nothing and exits 2. openpyxl is imported only by the
roster modules, when a file is actually read or written.
"""

import argparse
from pathlib import Path

from handbook_desktop.commands.common import existing_workspace
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.i18n import _


def register(commands, common: argparse.ArgumentParser) -> None:
    members = commands.add_parser("members", parents=[common], help="nhập/xuất danh sách đảng viên (.xlsx, .csv)")
    members.set_defaults(handler=run)
    actions = members.add_subparsers(dest="members_action", metavar="import|export", required=True)
    importer = actions.add_parser("import", parents=[common], help="nhập danh sách từ tệp .xlsx hoặc .csv")
    importer.add_argument("file", metavar="FILE.xlsx", help="tệp danh sách (mẫu 7-HSĐV hoặc tương tự)")
    importer.add_argument("--valid-only", action="store_true",
                          help="chỉ nhập các dòng hợp lệ, bỏ qua các dòng có lỗi")
    exporter = actions.add_parser("export", parents=[common], help="xuất danh sách ra tệp .xlsx (mẫu 7-HSĐV)")
    exporter.add_argument("file", metavar="FILE.xlsx", help="tệp sẽ ghi")


def run(args: argparse.Namespace) -> int:
    with existing_workspace(args) as workspace:
        if args.members_action == "export":
            return _export(workspace, Path(args.file))
        return _import(workspace, Path(args.file), args.valid_only)


def _export(workspace, path: Path) -> int:
    from handbook_desktop.core.members import export_roster

    count = workspace.perform(lambda uow: export_roster(uow, path))
    print(_("Đã xuất {count} đảng viên ra {path}.").format(count=count, path=path))
    return 0


def _import(workspace, path: Path, valid_only: bool) -> int:
    from handbook_desktop.core.members import apply_import, preview_import

    preview = workspace.perform(lambda uow: preview_import(uow, path))
    print(preview.summary())
    for row in preview.rows:
        who = _("Dòng {row} ({name})").format(row=row.row_number, name=row.full_name or "?")
        for message in row.errors:
            print(_("{who} — lỗi: {message}").format(who=who, message=message))
        for message in row.warnings:
            print(_("{who} — lưu ý: {message}").format(who=who, message=message))
    if preview.has_problems and not valid_only:
        raise ValidationError(_("chưa nhập dòng nào vì {count} dòng có lỗi; hãy sửa tệp, hoặc thêm --valid-only "
                                "để chỉ nhập các dòng hợp lệ.").format(count=preview.invalid))
    result = workspace.perform(lambda uow: apply_import(uow, preview, valid_rows_only=valid_only))
    print(_("Đã nhập: {created} mới, {updated} cập nhật, {unchanged} không đổi, {skipped} dòng lỗi bỏ qua.").format(
        created=result.created, updated=result.updated, unchanged=result.unchanged, skipped=result.skipped))
    return 0
