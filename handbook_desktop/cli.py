"""The command-line contract (docs/ARCHITECTURE.md): the GUI and headless operations.

Exit codes: 0 success, 2 a user error (one line on stderr), 3 a command whose
capability is not built yet. Heavy modules are imported only by the command using them.
"""

import argparse
import importlib
import sys
from collections.abc import Callable

from handbook_desktop import __version__
from handbook_desktop.commands import MODULES as COMMAND_MODULES
from handbook_desktop.core.errors import NotYetAvailable, UserError
from handbook_desktop.core.paths import SETTINGS_NAME, resolve_data_dir
from handbook_desktop.core.settings import LANGUAGE, Settings
from handbook_desktop.i18n import N_, _, set_language

PAGES = ("home", "news", "documents", "members", "meetings", "study", "sync", "settings")

# Commands of the contract whose capability has not landed yet, and what will bring them.
NOT_YET = {
    "serve": N_("máy chủ đồng bộ"),
    "sync": N_("đồng bộ với máy chủ"),
}


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="thư mục dữ liệu (mặc định: HANDBOOK_DATA_DIR hoặc thư mục của người dùng)")
    gui_options = argparse.ArgumentParser(add_help=False)
    gui_options.add_argument("--screenshot", metavar="PNG", help="vẽ cửa sổ chính ra tệp PNG rồi thoát")
    gui_options.add_argument("--page", choices=PAGES, default="home", help="trang hiển thị khi chụp")

    parser = argparse.ArgumentParser(prog="main.py", description="Sổ tay đảng viên",
                                     parents=[common, gui_options])
    parser.add_argument("--version", action="version", version=f"Sổ tay đảng viên {__version__}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("gui", parents=[common, gui_options], help="mở giao diện (mặc định)")
    commands.add_parser("demo", parents=[common], help="tạo không gian làm việc mẫu")
    importer = commands.add_parser("import", parents=[common], help="nhập văn bản (.docx .pdf .txt .md) vào thư viện")
    importer.add_argument("files", nargs="+", metavar="FILE", help="tệp cần nhập")
    finder = commands.add_parser("search", parents=[common], help="tìm trong thư viện: tiêu đề, số hiệu, toàn văn")
    finder.add_argument("query", nargs="+", metavar="QUERY", help="từ cần tìm, có dấu hoặc không dấu, hoặc số hiệu")
    finder.add_argument("--limit", default="20", help="số kết quả tối đa (mặc định 20)")
    for module in COMMAND_MODULES:
        importlib.import_module(f"handbook_desktop.commands.{module}").register(commands, common)
    for name in NOT_YET:
        sub = commands.add_parser(name, parents=[common], help=f"{NOT_YET[name]} (sắp có)")
        sub.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    set_language(Settings(data_dir.path / SETTINGS_NAME).get(LANGUAGE))
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: _run_gui, "gui": _run_gui, "demo": _run_demo,
        "import": _run_import, "search": _run_search}
    try:
        handler = getattr(args, "handler", None) or handlers.get(args.command, _not_yet)
        return handler(argparse.Namespace(**vars(args), data=data_dir))
    except UserError as exc:
        print(_("Lỗi: {message}").format(message=exc.message), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _run_gui(args: argparse.Namespace) -> int:
    from handbook_desktop.app import run_gui

    return run_gui(args.data, screenshot=args.screenshot, page=args.page)


def _run_demo(args: argparse.Namespace) -> int:
    from datetime import date

    from handbook_desktop.core.demo.loader import create_demo
    from handbook_desktop.core.home.overview import load_overview
    from handbook_desktop.core.workspace import open_workspace

    workspace = open_workspace(args.data.path)
    try:
        create_demo(workspace)
        overview = load_overview(workspace, date.today())
    finally:
        workspace.close()
    print(_("Đã tạo không gian làm việc mẫu tại {path}: {members} đảng viên, {documents} văn bản, "
            "{articles} tin bài, {meetings} cuộc họp.").format(
        path=workspace.data_dir, members=sum(overview.member_counts.by_status.values()),
        documents=overview.documents, articles=overview.articles, meetings=overview.meetings))
    return 0


def _run_import(args: argparse.Namespace) -> int:
    """One line per file; exit 2 only when no file ended up in the library."""
    from pathlib import Path

    from handbook_desktop.core.library.importer import ImportStatus, import_files
    from handbook_desktop.core.workspace import open_existing_workspace

    workspace = open_existing_workspace(args.data.path)
    try:
        report = import_files(workspace, [Path(name) for name in args.files])
    finally:
        workspace.close()
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


def _run_search(args: argparse.Namespace) -> int:
    """One line per hit: symbol (an article's channel) | date | title."""
    from handbook_desktop.core.errors import ValidationError
    from handbook_desktop.core.text.formatting import format_date
    from handbook_desktop.core.library.labels import category_label
    from handbook_desktop.core.library.search import search
    from handbook_desktop.core.text.folding import words
    from handbook_desktop.core.workspace import open_existing_workspace

    query = " ".join(args.query)
    if not (args.limit.isascii() and args.limit.isdigit() and 1 <= int(args.limit) <= 500):
        raise ValidationError(_("--limit phải là một số từ 1 đến 500."))
    if not words(query):
        raise ValidationError(_("Hãy gõ từ cần tìm (có dấu hoặc không dấu) hoặc số hiệu, ví dụ 57-NQ/TW."))
    workspace = open_existing_workspace(args.data.path)
    try:
        hits = search(workspace, query, limit=int(args.limit))
    finally:
        workspace.close()
    if not hits:
        print(_("Không tìm thấy kết quả nào cho “{query}”.").format(query=query))
    for hit in hits:
        first = category_label("articles", hit.channel) if hit.kind == "article" else hit.number or _("(không số)")
        print(f"{first} | {format_date(hit.date)} | {hit.title}")
    return 0


def _not_yet(args: argparse.Namespace) -> int:
    raise NotYetAvailable(_("Lệnh '{command}' ({what}) chưa có trong phiên bản {version}; "
                            "tính năng này sắp có.").format(
        command=args.command, what=_(NOT_YET[args.command]), version=__version__))
