"""What the sync benchmarks share: a scratch PostgreSQL database, a server in a thread,
and a loopback TCP relay that counts the bytes that really cross the socket."""

import multiprocessing
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import uvicorn
from sqlalchemy import create_engine, make_url, text

LOCAL_POSTGRES = "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql"


@contextmanager
def scratch_database(admin_url: str, name: str) -> Iterator[str]:
    """A fresh database `name` on the server of `admin_url` (dropped afterwards); its URL."""
    url = make_url(admin_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RequestCounter:
    """ASGI wrapper: counts the HTTP requests the app receives."""

    def __init__(self, app):
        self.app, self.requests = app, 0

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


@dataclass
class ThreadServer:
    """uvicorn on 127.0.0.1 in a daemon thread of this process."""

    app: object
    port: int = field(default_factory=free_port)
    _server: uvicorn.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ThreadServer":
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                     log_level="warning", lifespan="off"))
        thread = threading.Thread(target=self._server.run, daemon=True)
        thread.start()
        while not self._server.started:
            if not thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        self._thread = thread
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)


class ByteCounter:
    """A TCP relay 127.0.0.1:port → upstream port that counts every byte either way
    (headers, chunk framing and compressed bodies alike), as a packet capture would. It runs
    in a process of its own: relay threads sharing the measured process's GIL would slow it."""

    def __init__(self, upstream_port: int):
        self.upstream_port, self.port = upstream_port, free_port()
        self._counts = multiprocessing.Array("q", 3)  # sent (client → server), received, connections

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sent(self) -> int:
        return self._counts[0]

    @property
    def received(self) -> int:
        return self._counts[1]

    def reset(self) -> None:
        with self._counts.get_lock():
            self._counts[:] = [0, 0, 0]

    def start(self) -> "ByteCounter":
        listener = socket.create_server(("127.0.0.1", self.port))
        self._process = multiprocessing.Process(target=_relay, args=(listener, self.upstream_port, self._counts),
                                                daemon=True)
        self._process.start()
        listener.close()
        return self

    def stop(self) -> None:
        self._process.terminate()
        self._process.join(5)


def _relay(listener: socket.socket, upstream_port: int, counts) -> None:
    def pump(source: socket.socket, target: socket.socket, index: int) -> None:
        try:
            while data := source.recv(1 << 16):
                with counts.get_lock():  # counted before forwarding: the reader is never ahead of the count
                    counts[index] += len(data)
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    while True:
        client, _ = listener.accept()
        upstream = socket.create_connection(("127.0.0.1", upstream_port))
        for sock in (client, upstream):  # forward each piece at once, as the endpoints themselves do
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with counts.get_lock():
            counts[2] += 1
        threading.Thread(target=pump, args=(client, upstream, 0), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client, 1), daemon=True).start()
