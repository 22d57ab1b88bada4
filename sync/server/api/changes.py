"""GET /changes: the pull."""

from typing import Annotated

from fastapi import APIRouter, Query

from sync.protocol import PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, ChangesPage
from sync.server.deps import CurrentCaller, ReadSession
from sync.server.services import feed

router = APIRouter(tags=["changes"])


@router.get("/changes")
def changes(caller: CurrentCaller, session: ReadSession, cursor: str = "",
            limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX)] = PAGE_LIMIT_DEFAULT) -> ChangesPage:
    return feed.pull(session, caller, cursor, limit)
