"""Attachments by SHA-256: fetch (resumable with Range), check, upload (editors, cell officers)."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session, sessionmaker

from sync.protocol import ErrorCode
from sync.server.deps import CurrentCaller, ReadSession
from sync.server.errors import ApiError
from sync.server.services import attachments
from sync.server.services.accounts import Caller
from sync.server.storage import HashMismatch, TooLarge

router = APIRouter(prefix="/attachments", tags=["attachments"])
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
# Served as opaque bytes, never gzipped (app.py excludes this type): Range offsets stay the file's.
BYTES = "application/octet-stream"


@router.get("/{sha256}")
def fetch(sha256: Sha256, caller: CurrentCaller, session: ReadSession, request: Request) -> FileResponse:
    attachments.readable(session, caller, sha256)
    return FileResponse(request.app.state.store.path(sha256), media_type=BYTES)


@router.head("/{sha256}")
def check(sha256: Sha256, caller: CurrentCaller, session: ReadSession) -> Response:
    blob = attachments.readable(session, caller, sha256)
    return Response(status_code=200, headers={"Content-Length": str(blob.size)}, media_type=BYTES)


@router.put("/{sha256}")
async def upload(sha256: Sha256, request: Request, caller: CurrentCaller, session: ReadSession) -> Response:
    await run_in_threadpool(attachments.upload_unit, session, caller)  # editors and cell officers, before any byte
    await run_in_threadpool(session.rollback)  # hold no transaction while the bytes arrive
    try:
        size = await request.app.state.store.receive(sha256, request.stream())
    except HashMismatch:
        raise ApiError(422, ErrorCode.HASH_MISMATCH, "Tệp tải lên bị hỏng (mã SHA-256 không khớp); hãy gửi lại.") from None
    except TooLarge:
        raise ApiError(422, ErrorCode.INVALID, "Tệp quá lớn (giới hạn 100 MB).") from None
    created = await run_in_threadpool(_record, request.app.state.sessions, caller, sha256, size)
    return Response(status_code=201 if created else 200)


def _record(sessions: sessionmaker[Session], caller: Caller, sha256: str, size: int) -> bool:
    with sessions() as session:
        return attachments.record_upload(session, caller, sha256, size)
