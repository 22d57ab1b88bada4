"""What routers inject: the request's database session, the protocol check, the caller."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from sync.protocol import MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorCode
from sync.server import db
from sync.server.errors import ApiError
from sync.server.services import accounts
from sync.server.services.accounts import Caller


def _read_session(request: Request) -> Iterator[Session]:
    yield from db.open_session(request.app.state.sessions, read_only=True)


def _write_session(request: Request) -> Iterator[Session]:
    yield from db.open_session(request.app.state.sessions, read_only=False)


ReadSession = Annotated[Session, Depends(_read_session)]
WriteSession = Annotated[Session, Depends(_write_session)]


async def check_protocol(version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None) -> None:
    """An old client is told to update (426); a client newer than us is told the server is (400).
    A request without the header comes from a client older than the header itself. Async: no
    database, so no trip through the thread pool on every request."""
    try:
        number = int(version) if version is not None else 0
    except ValueError:
        number = 0
    if number < MIN_CLIENT_PROTOCOL:
        raise ApiError(426, ErrorCode.CLIENT_OUTDATED,
                       "Phần mềm đã cũ, máy chủ không còn phục vụ phiên bản này; hãy cập nhật phần mềm.")
    if number > PROTOCOL_VERSION:
        raise ApiError(400, ErrorCode.SERVER_OUTDATED,
                       "Máy chủ chưa được nâng cấp để phục vụ phiên bản phần mềm này; hãy báo quản trị viên.")


@contextmanager
def pulling(request: Request) -> Iterator[Session]:
    """The pull's session, opened and closed by the handler within its own call."""
    yield from db.open_pull_session(request.app.state.sessions)


@contextmanager
def writing(request: Request) -> Iterator[Session]:
    """A write session opened and closed by the handler within its own call."""
    yield from db.open_session(request.app.state.sessions, read_only=False)


def _caller(request: Request, session: ReadSession,
            authorization: Annotated[str, Header()] = "") -> Caller:
    return accounts.authenticate(session, request.app.state.secret, bearer_token(authorization))


def bearer_token(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, ErrorCode.TOKEN_INVALID, "Chưa đăng nhập; hãy đăng nhập lại.")
    return token.strip()


def _write_caller(request: Request, session: WriteSession,
                  authorization: Annotated[str, Header()] = "") -> Caller:
    return _caller(request, session, authorization)


# A caller loaded on the same session as the handler's writes.
CurrentCaller = Annotated[Caller, Depends(_caller)]
WritingCaller = Annotated[Caller, Depends(_write_caller)]
