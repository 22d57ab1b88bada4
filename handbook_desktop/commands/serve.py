"""`main.py serve`: the central sync server (FastAPI under uvicorn)."""

import argparse
import importlib.util
import os
import socket
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import _

SUPPORTED_DATABASES = ("postgresql", "sqlite")

if TYPE_CHECKING:
    from sync.server.settings import ServerSettings


def register(commands, common: argparse.ArgumentParser) -> None:
    sub = commands.add_parser("serve", parents=[common], help="chạy máy chủ đồng bộ")
    sub.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8765, help="cổng (mặc định 8765)")
    sub.add_argument("--workers", type=int, default=1,
                     help="số tiến trình phục vụ (mặc định 1; trên PostgreSQL nên bằng số nhân CPU)")
    add_database_options(sub)
    sub.add_argument("--demo", action="store_true", help="tạo tổ chức và tài khoản mẫu (mật khẩu: demo)")
    sub.set_defaults(handler=run)


def add_database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", default="",
                        help="cơ sở dữ liệu, ví dụ postgresql+psycopg://… (mặc định: SQLite trong thư mục dữ liệu)")


def require_server() -> None:
    """The installed app carries the desktop only (installer/bundle.py): the server runs from a checkout."""
    if importlib.util.find_spec("sync.server") is None:
        raise UserError(_("Bản cài đặt này không kèm máy chủ đồng bộ; hãy chạy máy chủ từ mã nguồn "
                          "(uv run main.py serve)."))


def server_settings(args: argparse.Namespace) -> "ServerSettings":
    from sync.server.settings import ServerSettings

    if args.database_url and not args.database_url.startswith(SUPPORTED_DATABASES):
        raise UserError(_("Máy chủ chỉ chạy trên SQLite hoặc PostgreSQL: --database-url phải bắt đầu bằng "
                          "postgresql+psycopg:// (hoặc sqlite:///)."))
    # Without an explicit --data-dir the server keeps its files beside, not inside, the desktop's.
    folder = args.data.path if args.data.fixed else args.data.path / "server"
    return ServerSettings(data_dir=Path(folder), database_url=args.database_url)


@contextmanager
def database_errors():
    """A database that cannot be opened is a one-line error, not a traceback."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    try:
        yield
    except (ArgumentError, OperationalError) as exc:
        raise UserError(_("Không mở được cơ sở dữ liệu của máy chủ: {error}").format(
            error=str(getattr(exc, "orig", None) or exc).strip().splitlines()[0])) from exc


def _check_port_free(host: str, port: int) -> None:
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise UserError(_("Không mở được cổng {port} trên {host} ({error}); có thể một máy chủ khác đang chạy. "
                          "Hãy chọn cổng khác bằng --port.").format(port=port, host=host,
                                                                     error=exc.strerror or exc)) from exc


def run(args: argparse.Namespace) -> int:
    require_server()
    import uvicorn

    from sync.server.app import SETTINGS_ENV, create_app

    settings = server_settings(args)
    _check_port_free(args.host, args.port)
    with database_errors():
        app = create_app(settings, demo=args.demo)
    print(_("Máy chủ đồng bộ tại http://{host}:{port} (dữ liệu: {where}).").format(
        host=args.host, port=args.port, where=args.database_url or settings.data_dir), flush=True)
    options = dict(host=args.host, port=args.port, log_level="info", proxy_headers=False)
    if args.workers <= 1:
        uvicorn.run(app, **options)
        return 0
    # Worker processes build their own app by name; the schema and the demo are ready by now.
    app.state.engine.dispose()
    os.environ.update(zip(SETTINGS_ENV, (str(settings.data_dir), settings.database_url)))
    uvicorn.run("sync.server.app:app_from_environment", factory=True, workers=args.workers, **options)
    return 0
