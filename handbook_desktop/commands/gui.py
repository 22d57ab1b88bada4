"""`main.py [gui] [--screenshot PNG [--page NAME]]`: the window, or a picture of it."""

import argparse

PAGES = ("home", "news", "documents", "members", "meetings", "study", "sync", "settings")


def add_options(parser: argparse.ArgumentParser) -> None:
    """The GUI's options, on the top-level parser too: no subcommand opens the GUI."""
    parser.add_argument("--screenshot", metavar="PNG", help="vẽ cửa sổ chính ra tệp PNG rồi thoát")
    parser.add_argument("--page", choices=PAGES, default="home", help="trang hiển thị khi chụp")


def register(commands, common: argparse.ArgumentParser) -> None:
    gui = commands.add_parser("gui", parents=[common], help="mở giao diện (mặc định)")
    add_options(gui)
    gui.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.app import run_gui

    return run_gui(args.data, screenshot=args.screenshot, page=args.page)
