"""The server application: `create_app(settings)` wires settings, database, blob store and routers.

The schema is brought to the newest revision when the app is made, so `serve` on an old
database upgrades it before the first request.
"""

import os
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy.orm import Session

from handbook_desktop import __version__
from sync.protocol import API_PREFIX
from sync.server import db, errors
from sync.server.api import admin, attachments, auth, changes, info, me, publications, push
from sync.server.deps import check_protocol
from sync.server.inflate import InflateRequests
from sync.server.ratelimit import LoginLimiter
from sync.server.services.demo import seed_demo
from sync.server.settings import ServerSettings
from sync.server.storage import FileStore


def create_app(settings: ServerSettings, *, demo: bool = False) -> FastAPI:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(settings.url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    store = FileStore(settings.blob_dir)
    with sessions() as session:
        if demo:
            seed_demo(session, store)
        secret = db.state(session).token_secret
    app = FastAPI(title="Sổ tay đảng viên — máy chủ đồng bộ", version=__version__,
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs", redoc_url=None)
    app.state.settings, app.state.engine, app.state.sessions = settings, engine, sessions
    app.state.store, app.state.secret = store, secret
    app.state.login_limiter = LoginLimiter(settings.login_failures, settings.login_window)
    app.add_middleware(GZipMiddleware, minimum_size=500,
                       exclude_content_types=("text/event-stream", "application/octet-stream"))
    app.add_middleware(InflateRequests)
    errors.install(app)
    app.include_router(info.router, prefix=API_PREFIX)
    for module in (auth, me, changes, attachments, publications, push, admin):
        app.include_router(module.router, prefix=API_PREFIX, dependencies=[Depends(check_protocol)])
    return app


SETTINGS_ENV = ("HANDBOOK_SERVER_DATA_DIR", "HANDBOOK_SERVER_DATABASE_URL")


def app_from_environment() -> FastAPI:
    """The app of one of uvicorn's worker processes (`serve --workers N`): workers import the
    app by name, so `serve` hands them its settings in the environment."""
    data_dir, database_url = (os.environ[name] for name in SETTINGS_ENV)
    return create_app(ServerSettings(data_dir=Path(data_dir), database_url=database_url))


def open_admin_session(settings: ServerSettings) -> Session:
    """A session on the server's database, upgraded first: for `main.py admin`."""
    engine = db.make_engine(settings.url)
    db.upgrade(engine)
    return db.session_factory(engine)()
