"""POST /push: the upward sync. This version refuses every change, each with its reason."""

from fastapi import APIRouter

from sync.protocol import PushRequest, PushResponse, PushResult, PushStatus
from sync.server.deps import CurrentCaller

router = APIRouter(tags=["push"])

# Documents and articles come down from the levels above; a workstation never sends them.
PUBLISHED_TABLES = frozenset({"documents", "articles"})


@router.post("/push")
def push(body: PushRequest, caller: CurrentCaller) -> PushResponse:
    return PushResponse(results=[PushResult(op_id=change.op_id, status=PushStatus.REJECTED, message=_reason(change.entity))
                                 for change in body.changes])


def _reason(entity: str) -> str:
    if entity in PUBLISHED_TABLES:
        return "Văn bản do cấp trên phát hành, không gửi từ máy trạm."
    return "Máy chủ chưa nhận dữ liệu này; cần phiên bản sau của phần mềm."
