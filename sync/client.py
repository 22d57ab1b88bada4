"""HTTP to the server: one `requests` session, the protocol header on every call, and every
failure turned into a `SyncError` with words for the user (never a traceback).

An expired access token is refreshed once and the call repeated; the new tokens are handed
to `on_tokens` so the caller can keep them (the keyring). An access token known to be
expired is refreshed before the call, which spares a round trip.
"""

import gzip
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError

from handbook_desktop import __version__
from handbook_desktop.i18n import _
from sync import errors
from sync.protocol import (API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, ChangesPage, ErrorBody, ErrorCode,
                           LoginRequest, Profile, PublishedItem, PublishRequest, PushRequest, PushResponse,
                           RefreshRequest, ServerInfo, TokenPair, UnitOut)

# (connect, read) seconds: a dead address fails fast, a slow page of changes still arrives.
TIMEOUT = (5, 60)
EXPIRY_MARGIN_S = 30  # refresh a token this close to its end rather than send it
CHUNK = 64 * 1024  # small enough that a dropped download keeps most of what arrived
GZIP_FROM = 1024  # JSON bodies from this size go gzipped (the server inflates them)


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_at: float  # epoch seconds of the access token's end
    device_id: str

    @classmethod
    def from_pair(cls, pair: TokenPair) -> "Tokens":
        return cls(pair.access_token, pair.refresh_token, time.time() + pair.expires_in, pair.device_id)

    @property
    def fresh(self) -> bool:
        return time.time() < self.expires_at - EXPIRY_MARGIN_S


def normalise_url(server_url: str) -> str:
    """ "may-chu.vn:8765/" → "http://may-chu.vn:8765": what the user typed, as a base URL."""
    url = server_url.strip().rstrip("/")
    if url and "://" not in url:
        url = f"http://{url}"
    return url


class Client:
    def __init__(self, server_url: str, tokens: Tokens | None = None,
                 on_tokens: Callable[[Tokens], None] | None = None, timeout=TIMEOUT):
        self.server_url = normalise_url(server_url)
        self.tokens = tokens
        self.on_tokens = on_tokens
        self.timeout = timeout
        self.http = requests.Session()
        self.http.headers.update({"Accept-Encoding": "gzip", "User-Agent": f"so-tay-dang-vien/{__version__}"})

    def close(self) -> None:
        self.http.close()

    # ---- the API -----------------------------------------------------------------------

    def info(self) -> ServerInfo:
        return self._json(ServerInfo, "GET", "/info", auth=False)

    def login(self, request: LoginRequest) -> Tokens:
        self._keep(Tokens.from_pair(self._json(TokenPair, "POST", "/auth/login", body=request, auth=False)))
        return self.tokens

    def logout(self) -> None:
        self._call("POST", "/auth/logout")

    def me(self) -> Profile:
        return self._json(Profile, "GET", "/me")

    def changes(self, cursor: str, limit: int | None = None) -> ChangesPage:
        params = {"cursor": cursor, **({"limit": limit} if limit else {})}
        return self._json(ChangesPage, "GET", "/changes", params=params)

    def push(self, request: PushRequest) -> PushResponse:
        return self._json(PushResponse, "POST", "/push", body=request)

    def audiences(self) -> list[UnitOut]:
        return self._json(list[UnitOut], "GET", "/publications/audiences")

    def publications(self) -> list[PublishedItem]:
        return self._json(list[PublishedItem], "GET", "/publications")

    def publish(self, request: PublishRequest) -> PublishedItem:
        return self._json(PublishedItem, "POST", "/publications", body=request)

    def correct(self, item_id: str, request: PublishRequest) -> PublishedItem:
        return self._json(PublishedItem, "PUT", f"/publications/{item_id}", body=request)

    def withdraw(self, item_id: str) -> None:
        self._call("DELETE", f"/publications/{item_id}")

    def has_attachment(self, sha256: str) -> bool:
        return self._call("HEAD", f"/attachments/{sha256}", accept=(404,)).status_code == 200

    def upload_attachment(self, sha256: str, data: bytes) -> None:
        self._call("PUT", f"/attachments/{sha256}", data=data, headers={"Content-Type": "application/octet-stream"})

    def download(self, sha256: str, offset: int = 0) -> tuple[bool, Iterator[bytes]] | None:
        """(resumed, chunks) of an attachment from byte `offset` on, or None when the server
        has no such file. `resumed` is False when the server sends the whole file instead (or,
        for a range past the end, nothing). A drop mid-way raises ServerUnreachable."""
        # Files are sent as they are: most are compressed already, and a range must count raw bytes.
        headers = {"Accept-Encoding": "identity", **({"Range": f"bytes={offset}-"} if offset else {})}
        response = self._call("GET", f"/attachments/{sha256}", headers=headers, stream=True, accept=(404, 416))
        if response.status_code in (404, 416):
            response.close()
            return None if response.status_code == 404 else (False, iter(()))
        return response.status_code == 206, self._chunks(response)

    def refresh(self) -> Tokens:
        if self.tokens is None:
            raise errors.session_ended()
        pair = self._json(TokenPair, "POST", "/auth/refresh", body=RefreshRequest(refresh_token=self.tokens.refresh_token),
                          auth=False)
        self._keep(Tokens.from_pair(pair))
        return self.tokens

    # ---- plumbing ------------------------------------------------------------------------

    def _keep(self, tokens: Tokens) -> None:
        self.tokens = tokens
        if self.on_tokens is not None:
            self.on_tokens(tokens)

    def _json(self, model: Any, method: str, path: str, **kwargs) -> Any:
        response = self._call(method, path, **kwargs)
        try:
            if isinstance(model, type) and issubclass(model, BaseModel):
                return model.model_validate_json(response.content)
            return TypeAdapter(model).validate_json(response.content)
        except (ValidationError, requests.RequestException) as exc:
            raise errors.not_a_server(self.server_url) from exc

    def _call(self, method: str, path: str, *, body: BaseModel | None = None, params: dict | None = None,
              data: bytes | None = None, headers: dict | None = None, auth: bool = True, stream: bool = False,
              accept: tuple[int, ...] = ()) -> requests.Response:
        if auth and self.tokens is not None and not self.tokens.fresh:
            self.refresh()
        for attempt in (1, 2):
            response = self._send(method, path, body, params, data, headers, auth, stream)
            if response.status_code < 300 or response.status_code in accept:
                return response
            problem = self._error_body(response)
            if (response.status_code == 401 and auth and attempt == 1 and problem.code == ErrorCode.TOKEN_EXPIRED
                    and self.tokens is not None):
                self.refresh()
                continue
            raise self._error(response.status_code, problem)
        raise AssertionError("unreachable")

    def _send(self, method, path, body, params, data, headers, auth, stream) -> requests.Response:
        all_headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), **(headers or {})}
        if auth and self.tokens is not None:
            all_headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        content = body.model_dump_json().encode() if body is not None else data
        if body is not None:
            all_headers["Content-Type"] = "application/json"
            if len(content) >= GZIP_FROM:  # a month of a cell's records: a fifth of the bytes on the line
                content = gzip.compress(content, 6)
                all_headers["Content-Encoding"] = "gzip"
        try:
            return self.http.request(method, self.server_url + API_PREFIX + path, params=params, data=content,
                                     headers=all_headers, timeout=self.timeout, stream=stream)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise errors.unreachable(self.server_url) from exc  # a line that dropped mid-answer is one too
        except requests.RequestException as exc:  # a malformed address, too many redirects …
            raise errors.not_a_server(self.server_url) from exc

    def _chunks(self, response: requests.Response) -> Iterator[bytes]:
        try:
            yield from response.iter_content(CHUNK)
        except requests.RequestException as exc:
            raise errors.unreachable(self.server_url) from exc
        finally:
            response.close()

    def _error_body(self, response: requests.Response) -> ErrorBody:
        if response.status_code in (502, 503, 504) and not _is_json(response):
            raise errors.unreachable(self.server_url)  # a proxy in front of a server that is down
        try:
            return ErrorBody.model_validate_json(response.content)
        except (ValidationError, requests.RequestException) as exc:
            raise errors.not_a_server(self.server_url) from exc

    def _error(self, status: int, problem: ErrorBody) -> errors.SyncError:
        code = problem.code
        if code == ErrorCode.CLIENT_OUTDATED or status == 426:
            return errors.client_outdated(problem.message)
        if code == ErrorCode.BAD_CREDENTIALS:
            return errors.bad_credentials()
        if status == 401:
            return errors.session_ended(revoked=code == ErrorCode.DEVICE_REVOKED)
        if code == ErrorCode.CLASSIFIED:
            return errors.Classified(problem.message, _("Tài liệu mật không được phát hành qua Sổ tay đảng viên."))
        if status == 403:
            return errors.Forbidden(problem.message, _("Nếu cần quyền này, hãy liên hệ quản trị viên của máy chủ."))
        if code == ErrorCode.RESYNC_REQUIRED:
            return ResyncRequired(problem.message)
        if code == ErrorCode.RATE_LIMITED:
            return errors.SyncError(problem.message, _("Hãy thử lại sau {n} giây.").format(n=problem.retry_after or 60))
        if status >= 500:
            return errors.SyncError(problem.message or _("Máy chủ gặp sự cố."),
                                    _("Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị viên."))
        return errors.SyncError(problem.message, "")


class ResyncRequired(errors.SyncError):
    """409: the server's history was reset; the engine pulls again from the start."""


def _is_json(response: requests.Response) -> bool:
    return "json" in response.headers.get("Content-Type", "")
