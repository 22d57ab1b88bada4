"""Every answer that is not a success is an ErrorBody; nothing else reaches a client."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import ErrorBody, ErrorCode

log = logging.getLogger("sync.server")


class ApiError(Exception):
    def __init__(self, status: int, code: ErrorCode, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


def forbidden(message: str) -> ApiError:
    return ApiError(403, ErrorCode.FORBIDDEN, message)


def not_found(message: str = "Không tìm thấy.") -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, message)


def error_response(status: int, code: ErrorCode, message: str, retry_after: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    body = ErrorBody(code=code, message=message, retry_after=retry_after)
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        if exc.status == 403:
            log.warning("scope violation on %s %s: %s", request.method, request.url.path, exc.message)
        return error_response(exc.status, exc.code, exc.message, exc.retry_after)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        where = "; ".join(".".join(str(p) for p in error["loc"][1:]) or "body" for error in exc.errors()[:3])
        return error_response(422, ErrorCode.INVALID, f"Yêu cầu không hợp lệ ({where}).")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = ErrorCode.NOT_FOUND if exc.status_code in (404, 405) else ErrorCode.INVALID
        message = "Không có địa chỉ này trên máy chủ." if exc.status_code in (404, 405) else "Yêu cầu không hợp lệ."
        return error_response(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, ErrorCode.SERVER_ERROR, "Máy chủ gặp lỗi nội bộ; hãy thử lại sau.")
