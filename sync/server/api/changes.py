"""GET /changes: the pull."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from sync.protocol import PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, ChangesPage
from sync.server import deps
from sync.server.services import accounts, feed

router = APIRouter(tags=["changes"])


@router.get("/changes", response_model=ChangesPage)
def changes(request: Request, cursor: str = "",
            limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX)] = PAGE_LIMIT_DEFAULT,
            authorization: Annotated[str, Header()] = "") -> Response:
    # Every device polls here, so it is kept lean: the session lives inside this one
    # thread-pool call (as dependencies, a request held its connection while it queued for a
    # thread, and 200 polling devices emptied the pool), it runs without a transaction on
    # PostgreSQL (db.open_pull_session), the caller is read in one query, and
    # the page is serialised once, not validated again on the way out.
    with deps.pulling(request) as session:
        reader = accounts.authenticate_reader(session, request.app.state.secret, deps.bearer_token(authorization))
        page = feed.pull(session, reader, cursor, limit)
    return Response(page.model_dump_json(), media_type="application/json")
