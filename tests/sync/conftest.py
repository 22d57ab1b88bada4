"""Shared fixtures of the sync tests: a real server over loopback, an in-memory keyring.

`live_server` runs uvicorn in a background thread on 127.0.0.1 and a free port, on a fresh
database seeded with the demo organisation (`serve --demo`). The engine is the
`server_engine` fixture: SQLite here; tests/sync/server/ runs both SQLite and PostgreSQL.
PostgreSQL comes from HANDBOOK_TEST_POSTGRES_URL (default: the local cluster's socket);
each test session makes its own database and each test its own schema in it. When
PostgreSQL is unreachable its variants are skipped, unless HANDBOOK_REQUIRE_POSTGRES=1.
"""

import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
import uvicorn
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from sync.server.app import create_app, open_admin_session
from sync.server.settings import ServerSettings

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql"


@dataclass
class LiveServer:
    """A running server: `url` is its base ("http://127.0.0.1:PORT"); `stop()` and `start()`
    take it down and bring it back on the same port; `session()` opens its database."""

    settings: ServerSettings
    demo: bool = True
    port: int = field(default_factory=lambda: _free_port())
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def app(self):
        return self._server.config.app

    def start(self) -> "LiveServer":
        app = create_app(self.settings, demo=self.demo)
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                     lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(10)
            self._server.config.app.state.engine.dispose()
            self._server = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session on the server's database, to run admin services in a test."""
        session = open_admin_session(self.settings)
        try:
            yield session
        finally:
            session.close()
            session.get_bind().dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server_engine() -> str:
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str | None]:
    """A database of this test session on the PostgreSQL server; None when unreachable."""
    admin_url = make_url(os.environ.get("HANDBOOK_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    name = f"handbook_test_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means "unavailable"
        admin.dispose()
        if os.environ.get("HANDBOOK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {admin_url}: {exc}")
        yield None
        return
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def server_database_url(server_engine, request) -> Iterator[str]:
    """"" for SQLite (a file in the data folder); for PostgreSQL a fresh schema of its own."""
    if server_engine == "sqlite":
        yield ""
        return
    database = request.getfixturevalue("postgres_database")
    if database is None:
        pytest.skip("PostgreSQL is not reachable (set HANDBOOK_TEST_POSTGRES_URL)")
    schema = f"t_{secrets.token_hex(6)}"
    engine = create_engine(database, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(database).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture
def server_factory(tmp_path, server_database_url) -> Iterator:
    """`server_factory(demo=True, **settings)` starts a server; all are stopped after the test."""
    started: list[LiveServer] = []

    def start(demo: bool = True, **overrides) -> LiveServer:
        folder = tmp_path / f"server{len(started)}"
        settings = replace(ServerSettings(data_dir=folder, database_url=server_database_url), **overrides)
        server = LiveServer(settings, demo=demo).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def live_server(server_factory) -> LiveServer:
    return server_factory()


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A working keyring for one test (tests/conftest.py sets "no keyring" otherwise)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
