"""`main.py [gui] [--screenshot PNG [--page NAME] [--size WxH] [--font-scale N]]`: the window, or a
picture of one screen of it."""

import argparse

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.settings import FONT_SCALE
from handbook_desktop.i18n import _

PAGES = ("home", "news", "documents", "members", "meetings", "study", "sync", "editor", "settings")
# Only for a screenshot: a tab of the newest meeting, the statistics dialog (ui/screens.py).
SCREENS = PAGES + ("meeting-preparation", "meeting-attendance", "meeting-minutes", "meeting-resolution",
                   "meeting-export", "statistics")


def screen_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"kích thước phải có dạng RỘNGxCAO, ví dụ 1366x768: {text!r}") from None
    if not (320 <= width <= 10000 and 240 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"kích thước ngoài khoảng 320x240 … 10000x10000: {text!r}")
    return width, height


def add_options(parser: argparse.ArgumentParser) -> None:
    """The GUI's options, on the top-level parser too: no subcommand opens the GUI."""
    parser.add_argument("--screenshot", metavar="PNG", help="vẽ cửa sổ chính ra tệp PNG rồi thoát")
    parser.add_argument("--page", choices=SCREENS, default="home",
                        help="trang hiển thị (khi chụp còn có: một thẻ của cuộc họp mới nhất, hộp thống kê)")
    parser.add_argument("--size", type=screen_size, default=(1366, 768), metavar="RỘNGxCAO",
                        help="kích thước cửa sổ khi chụp (mặc định 1366x768, màn hình máy tính xách tay cũ)")
    parser.add_argument("--font-scale", type=float, choices=FONT_SCALE.choices, default=None,
                        help="cỡ chữ khi chụp (mặc định: theo Cài đặt; không lưu lại)")


def register(commands, common: argparse.ArgumentParser) -> None:
    gui = commands.add_parser("gui", parents=[common], help="mở giao diện (mặc định)")
    add_options(gui)
    gui.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.app import run_gui

    if not args.screenshot and args.page not in PAGES:
        raise UserError(_("--page {page} chỉ dùng khi chụp màn hình (--screenshot).").format(page=args.page))
    return run_gui(args.data, screenshot=args.screenshot, page=args.page, size=args.size, font_scale=args.font_scale)
