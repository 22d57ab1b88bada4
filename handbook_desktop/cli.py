"""The command-line contract (docs/ARCHITECTURE.md): wires the subcommands of `commands/`.

Exit codes: 0 success, 2 a user error (one line on stderr), 130 interrupted.
Each command module keeps its heavy imports inside its
handler, so `main.py --help` and the GUI start stay fast.
"""

import argparse
import sys

from handbook_desktop import APP_ID, __version__
from handbook_desktop.commands import (admin, backup, demo, gui, library_import, login, members, publish, render,
                                       restore, restore_backup, search, serve, setup, speak, syncing, trash)
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.paths import SETTINGS_NAME, resolve_data_dir
from handbook_desktop.core.settings import LANGUAGE, Settings
from handbook_desktop.i18n import _, set_language
from handbook_desktop.tts import worker

COMMANDS = (gui, demo, setup, library_import, search, members, render, speak, trash, backup, restore, restore_backup,
            serve, admin, login, syncing, publish)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="thư mục dữ liệu (mặc định: HANDBOOK_DATA_DIR hoặc thư mục của người dùng)")
    # The installed app is its own command ("so-tay-dang-vien demo …"); a checkout runs main.py.
    prog = APP_ID if getattr(sys, "frozen", False) else "main.py"
    parser = argparse.ArgumentParser(prog=prog, description="Sổ tay đảng viên", parents=[common])
    gui.add_options(parser)
    parser.add_argument("--version", action="version", version=f"Sổ tay đảng viên {__version__}")
    parser.set_defaults(handler=gui.run)
    subcommands = parser.add_subparsers(dest="command")
    for command in COMMANDS:
        command.register(subcommands, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [worker.FROZEN_FLAG]:  # a packaged app is its own speech worker (tts/engine.py)
        return worker.main(argv[1:])
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    set_language(Settings(data_dir.path / SETTINGS_NAME).get(LANGUAGE))
    try:
        return args.handler(argparse.Namespace(**vars(args), data=data_dir))
    except UserError as exc:
        print(_("Lỗi: {message}").format(message=exc.message), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
