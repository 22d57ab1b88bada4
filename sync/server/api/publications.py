"""Publishing by editors: list, audiences, publish, correct, withdraw."""

from fastapi import APIRouter, Request, Response

from sync.protocol import PublishedItem, PublishRequest, UnitOut
from sync.server.deps import CurrentCaller, ReadSession, WriteSession, WritingCaller
from sync.server.services import org, publishing

router = APIRouter(prefix="/publications", tags=["publications"])


@router.get("")
def mine(caller: CurrentCaller, session: ReadSession) -> list[PublishedItem]:
    return publishing.published_by(session, caller)


@router.get("/audiences")
def audiences(caller: CurrentCaller, session: ReadSession) -> list[UnitOut]:
    return [org.unit_out(unit) for unit in publishing.audiences(session, caller)]


@router.post("", status_code=201)
def publish(body: PublishRequest, caller: WritingCaller, session: WriteSession, request: Request,
            response: Response) -> PublishedItem:
    item, created = publishing.publish(session, request.app.state.store, caller, body)
    response.status_code = 201 if created else 200
    return item


@router.put("/{item_id}")
def correct(item_id: str, body: PublishRequest, caller: WritingCaller, session: WriteSession,
            request: Request) -> PublishedItem:
    return publishing.correct(session, request.app.state.store, caller, item_id, body)


@router.delete("/{item_id}", status_code=204)
def withdraw(item_id: str, caller: WritingCaller, session: WriteSession) -> Response:
    publishing.withdraw(session, caller, item_id)
    return Response(status_code=204)
