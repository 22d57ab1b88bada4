"""A bad line between a laptop and the server, as a TCP relay on loopback: a throughput cap
(64 kbit/s by default), lost segments (each 512-byte piece is, with the given chance, resent
after a retransmission timeout, as TCP does over a lossy link), and connections cut
part-way on demand. Plain stdlib, seeded: a failing run replays."""

import random
import socket
import threading
import time
from dataclasses import dataclass, field

PIECE = 512
RETRANSMIT_S = 0.2


@dataclass
class SlowLine:
    upstream_port: int
    bytes_per_s: int = 8000  # 64 kbit/s
    loss: float = 0.05
    seed: int = 64
    cut: set[int] = field(default_factory=set)  # numbers (1, 2 …) of the connections to cut part-way
    connections: int = 0
    cuts_made: int = 0
    _listener: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> "SlowLine":
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._rng = random.Random(self.seed)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            cut_after = self._rng.randrange(200, 4000) if self.connections in self.cut else None
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            budget = [cut_after]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target, client, upstream, budget),
                                 daemon=True).start()

    def _pump(self, source, target, client, upstream, budget) -> None:
        rng = random.Random(self._rng.random())
        try:
            while data := source.recv(4096):
                for start in range(0, len(data), PIECE):
                    piece = data[start:start + PIECE]
                    time.sleep(len(piece) / self.bytes_per_s)
                    if rng.random() < self.loss:
                        time.sleep(RETRANSMIT_S)
                    if budget[0] is not None:
                        budget[0] -= len(piece)
                        if budget[0] <= 0:
                            self.cuts_made += 1
                            raise ConnectionResetError("the line dropped")
                    target.sendall(piece)
        except OSError:
            pass
        finally:
            for sock in (client, upstream):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
