"""GET /me: the caller's profile."""

from fastapi import APIRouter

from sync.protocol import Profile
from sync.server.deps import CurrentCaller, ReadSession
from sync.server.services import accounts

router = APIRouter(tags=["me"])


@router.get("/me")
def me(caller: CurrentCaller, session: ReadSession) -> Profile:
    return accounts.profile(session, caller)
