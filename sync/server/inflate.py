"""Request bodies sent gzipped (`Content-Encoding: gzip`): a device pushing a month of a
cell's records sends a fifth of the bytes on a slow line. Starlette compresses answers but
never inflates requests; this middleware does, with a ceiling against a zip bomb."""

import zlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import ErrorCode
from sync.server.errors import error_response

MAX_INFLATED = 64 * 1024 * 1024  # far above PUSH_BATCH_MAX whole rows


class InflateRequests:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or ()) if scope["type"] == "http" else {}
        if headers.get(b"content-encoding", b"").strip().lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        body = await _read(receive)
        try:
            inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            plain = inflater.decompress(body, MAX_INFLATED)
            if inflater.unconsumed_tail or not inflater.eof:
                raise zlib.error("too large or cut short")
        except zlib.error:
            await error_response(400, ErrorCode.INVALID, "Dữ liệu gửi lên bị hỏng hoặc quá lớn.")(scope, receive, send)
            return
        kept = [(name, value) for name, value in scope["headers"]
                if name not in (b"content-encoding", b"content-length")]
        scope = dict(scope, headers=[*kept, (b"content-length", str(len(plain)).encode())])
        await self.app(scope, _replay(plain), send)


async def _read(receive: Receive) -> bytes:
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
