"""A loopback proxy in front of the live server: counts requests and, on demand, misbehaves
like a bad network or a captive portal (drops a download half-way, flips a byte, answers
HTML or garbage, loses an answer after the server acted on the request). Plain stdlib; the server behind it is the real one."""

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
              "proxy-authenticate", "host"}


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Proxy:
    upstream: str
    url: str = ""
    seen: list[Seen] = field(default_factory=list)
    # (method, path, body) -> replacement (status, headers, body) or None to pass through
    answer: Callable[[str, str], tuple[int, dict, bytes] | None] | None = None
    # downloads: path prefix -> bytes to send before cutting the line (once each)
    drop_after: dict[str, int] = field(default_factory=dict)
    corrupt_once: set[str] = field(default_factory=set)  # path prefixes whose next body gets a flipped byte
    down: bool = False  # hang up on every request before answering, as a server that died
    # path prefixes whose next request reaches the server, whose answer is then lost (once each)
    lose_answer_once: set[str] = field(default_factory=set)

    def requests_to(self, prefix: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path.startswith(prefix)]


def start_proxy(upstream: str) -> tuple[Proxy, ThreadingHTTPServer]:
    proxy = Proxy(upstream)
    target = urlsplit(upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args):
            pass

        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            proxy.seen.append(Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
            if proxy.down:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            replaced = proxy.answer(self.command, self.path) if proxy.answer else None
            if replaced is not None:
                status, headers, content = replaced
                self._send(status, headers, content)
                return
            upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            content = answer.read()
            reply_headers = {k: v for k, v in answer.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}}
            upstream.close()
            for prefix in list(proxy.lose_answer_once):
                if self.path.startswith(prefix):
                    proxy.lose_answer_once.discard(prefix)
                    self.close_connection = True
                    self.connection.shutdown(2)  # the server committed; the client hears nothing
                    return
            for prefix in list(proxy.corrupt_once):
                if self.path.startswith(prefix) and content:
                    proxy.corrupt_once.discard(prefix)
                    content = bytes([content[0] ^ 0xFF]) + content[1:]
            for prefix, cut in list(proxy.drop_after.items()):
                if self.path.startswith(prefix) and self.command == "GET" and len(content) > cut:
                    del proxy.drop_after[prefix]
                    self.send_response(answer.status)
                    for key, value in reply_headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content[:cut])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
            self._send(answer.status, reply_headers, content)

        def _send(self, status, headers, content):
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    return proxy, server
