"""POST /push: the upward sync of a cell's records (services/push.py).

Pushes queue on the state row, one at a time. They wait for their turn here, in the event
loop, before they take a thread or a database connection: fifty laptops pushing at once
must not hold the connections the polling devices need (measured: the no-change rate fell
by half when they waited inside the database instead).
"""

import asyncio
from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool

from sync.protocol import PushRequest, PushResponse
from sync.server import deps
from sync.server.services import accounts
from sync.server.services import push as pushing

router = APIRouter(tags=["push"])


@router.post("/push")
async def push(body: PushRequest, request: Request, authorization: Annotated[str, Header()] = "") -> PushResponse:
    async with _turn(request):
        return await run_in_threadpool(_push, request, authorization, body)


def _push(request: Request, authorization: str, body: PushRequest) -> PushResponse:
    with deps.writing(request) as session:
        caller = accounts.authenticate(session, request.app.state.secret, deps.bearer_token(authorization))
        return PushResponse(results=pushing.push(session, caller, body.changes))


def _turn(request: Request) -> asyncio.Semaphore:
    state = request.app.state
    if getattr(state, "push_turn", None) is None:
        state.push_turn = asyncio.Semaphore(1)  # made on first use: inside the server's event loop
    return state.push_turn
