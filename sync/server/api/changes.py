"""GET /changes: the pull."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request

from sync.protocol import PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, ChangesPage
from sync.server import deps
from sync.server.services import feed

router = APIRouter(tags=["changes"])


@router.get("/changes")
def changes(request: Request, cursor: str = "",
            limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX)] = PAGE_LIMIT_DEFAULT,
            authorization: Annotated[str, Header()] = "") -> ChangesPage:
    # Every device polls here. The session lives inside this one thread-pool call: with the
    # session and caller as dependencies, a request held its connection while it queued for
    # a thread, and 200 polling devices emptied the pool (30 s waits, then 500s).
    with deps.reading(request) as session:
        return feed.pull(session, deps.authenticated(request, session, authorization), cursor, limit)
