"""Login, refresh, logout."""

from fastapi import APIRouter, Request, Response

from sync.protocol import ErrorCode, LoginRequest, RefreshRequest, TokenPair
from sync.server.deps import WriteSession, WritingCaller
from sync.server.errors import ApiError
from sync.server.models import Device
from sync.server.services import accounts

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login")
def login(body: LoginRequest, request: Request, session: WriteSession) -> TokenPair:
    limiter = request.app.state.login_limiter
    key = (body.username.strip().lower(), request.client.host if request.client else "")
    if wait := limiter.retry_after(key):
        raise ApiError(429, ErrorCode.RATE_LIMITED,
                       f"Đăng nhập sai quá nhiều lần; hãy thử lại sau {wait} giây.", retry_after=wait)
    user = accounts.check_password(session, body.username, body.password)
    if user is None:
        limiter.failed(key)
        raise ApiError(401, ErrorCode.BAD_CREDENTIALS, "Sai tên đăng nhập hoặc mật khẩu.")
    limiter.succeeded(key)
    state = request.app.state
    return accounts.open_device(session, state.settings, state.secret, user, body.device_name, body.device_id)


@router.post("/refresh")
def refresh(body: RefreshRequest, request: Request, session: WriteSession) -> TokenPair:
    return accounts.refresh(session, request.app.state.settings, request.app.state.secret, body.refresh_token)


@router.post("/logout", status_code=204)
def logout(caller: WritingCaller, session: WriteSession) -> Response:
    accounts.revoke(session, session.get(Device, caller.device_id))
    session.commit()
    return Response(status_code=204)
