"""POST /push: the upward sync of a cell's records (services/push.py)."""

from fastapi import APIRouter

from sync.protocol import PushRequest, PushResponse
from sync.server.deps import WriteSession, WritingCaller
from sync.server.services import push as pushing

router = APIRouter(tags=["push"])


@router.post("/push")
def push(body: PushRequest, caller: WritingCaller, session: WriteSession) -> PushResponse:
    return PushResponse(results=pushing.push(session, caller, body.changes))
