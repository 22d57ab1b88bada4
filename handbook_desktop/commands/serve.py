"""`main.py serve`: the central sync server (FastAPI under uvicorn)."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_desktop.i18n import _

if TYPE_CHECKING:
    from sync.server.settings import ServerSettings


def register(commands, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("serve", parents=[common], help="chạy máy chủ đồng bộ")
    sub.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8765, help="cổng (mặc định 8765)")
    add_database_options(sub)
    sub.add_argument("--demo", action="store_true", help="tạo tổ chức và tài khoản mẫu (mật khẩu: demo)")
    sub.set_defaults(handler=run)


def add_database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", default="",
                        help="cơ sở dữ liệu, ví dụ postgresql+psycopg://… (mặc định: SQLite trong thư mục dữ liệu)")


def server_settings(args: argparse.Namespace) -> "ServerSettings":
    from sync.server.settings import ServerSettings

    # Without an explicit --data-dir the server keeps its files beside, not inside, the desktop's.
    folder = args.data.path if args.data.fixed else args.data.path / "server"
    return ServerSettings(data_dir=Path(folder), database_url=args.database_url)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app

    settings = server_settings(args)
    app = create_app(settings, demo=args.demo)
    print(_("Máy chủ đồng bộ tại http://{host}:{port} (dữ liệu: {where}).").format(
        host=args.host, port=args.port, where=args.database_url or settings.data_dir), flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", proxy_headers=False)
    return 0
