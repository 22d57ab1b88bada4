"""GET /info: what this server is and which clients it serves (no login, no protocol check)."""

from fastapi import APIRouter, Request

from handbook_desktop import __version__
from sync.protocol import MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION, ServerInfo

router = APIRouter(tags=["info"])


@router.get("/info")
def info(request: Request) -> ServerInfo:
    return ServerInfo(name=request.app.state.settings.name, protocol_version=PROTOCOL_VERSION,
                      min_client_protocol=MIN_CLIENT_PROTOCOL, server_version=__version__)
