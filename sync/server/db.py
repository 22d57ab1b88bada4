"""Engine, sessions and the schema upgrade, the same on SQLite and PostgreSQL.

On SQLite a request that may write begins with BEGIN IMMEDIATE: two writers queue on the
busy timeout instead of one failing when it upgrades its read lock. PostgreSQL needs
nothing of the kind; writers serialise on the sequence counter row (services/feed.py).
"""

import secrets
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from sync.server.models import ServerState

MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "handbook_read_only"


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        # Connections are kept, not opened per request: a new PostgreSQL connection costs a
        # process on the server, and with a small pool under load every request beyond it
        # opened and closed one (measured: most of the CPU at 200 devices). Half the thread
        # pool (anyio: 40) stays open; bursts borrow up to ten more.
        # No pre-ping: it is a round trip on every request. After a database restart the pool
        # learns of a dead connection from the first error (SQLAlchemy then drops them all),
        # and a client that got that one error simply syncs again at its next round.
        return create_engine(url, pool_size=20, max_overflow=10)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=10000"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _begin_sqlite(conn) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision, then make sure the state row exists."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with Session(engine) as session, session.begin():
        if session.get(ServerState, 1) is None:
            session.add(ServerState(id=1, epoch=secrets.token_hex(8), last_seq=0,
                                    token_secret=secrets.token_hex(32)))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def open_session(factory: sessionmaker[Session], *, read_only: bool) -> Iterator[Session]:
    """The request's session. Services commit what they change themselves (a failed commit
    must become the request's error); whatever is left uncommitted is rolled back."""
    with factory() as session:
        if read_only:
            session.connection(execution_options={READ_ONLY: True})
        yield session


def open_pull_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A read session for the pull, the one request every device repeats. On PostgreSQL it
    runs in autocommit: no BEGIN and no ROLLBACK, two round trips fewer. Its queries may see
    different snapshots, which a pull tolerates: a row newer than its feed number is sent
    again at its own number later, and applying is idempotent."""
    with factory() as session:
        options = {READ_ONLY: True}
        if session.get_bind().dialect.name == "postgresql":
            options["isolation_level"] = "AUTOCOMMIT"
        session.connection(execution_options=options)
        yield session


def state(session: Session) -> ServerState:
    return session.scalars(select(ServerState).where(ServerState.id == 1)).one()
