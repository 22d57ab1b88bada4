"""The wire contract between the desktop app and the server: one module both sides import.

Every request carries `PROTOCOL_HEADER`; a server that cannot serve that version answers
426 with `ErrorBody(code="client_outdated")` ("cập nhật phần mềm") or 400 with
`code="server_outdated"`, so an old client and a new server fail clearly, not strangely.
Every error the server sends is an `ErrorBody` with a message in Vietnamese; a client that
gets anything else (HTML from a captive portal, a truncated body) says the server answered
garbage.

Downward sync (this version): the client pulls pages of `Change`s after an opaque cursor;
each page is applied in one local transaction together with the page's new cursor. A
cursor carries the server's epoch: a restored server answers 409 `resync_required` and the
client starts again from an empty cursor, keeping its own unsent changes.

Upward sync: the client pushes outbox entries as `PushChange`s; replaying an `op_id`
returns the stored result, so a dropped line never duplicates a change. The server stamps
`version` (its sequence number) and `updated_by` (the token's user) on every accepted row and
merges per kind of record (`MergeRule`); what a person must decide becomes a row of
`sync_conflicts`, which travels like any other record of the cell.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
# The oldest client protocol this code serves; raise it when an old client would misread us.
MIN_CLIENT_PROTOCOL = 1
PROTOCOL_HEADER = "X-Handbook-Protocol"
API_PREFIX = "/api/v1"

PAGE_LIMIT_DEFAULT = 500
PAGE_LIMIT_MAX = 2000


class Wire(BaseModel):
    # Unknown fields from a newer peer are ignored, never an error: additions stay compatible.
    model_config = ConfigDict(extra="ignore")


class ErrorCode(StrEnum):
    CLIENT_OUTDATED = "client_outdated"  # 426: "Phần mềm đã cũ, hãy cập nhật phần mềm"
    SERVER_OUTDATED = "server_outdated"  # 400
    BAD_CREDENTIALS = "bad_credentials"  # 401 on login
    TOKEN_EXPIRED = "token_expired"  # 401: refresh, then retry once
    TOKEN_INVALID = "token_invalid"  # 401: log in again
    DEVICE_REVOKED = "device_revoked"  # 401: this device was logged out by an admin
    FORBIDDEN = "forbidden"  # 403: outside the user's scope or role; the reason says which
    NOT_FOUND = "not_found"  # 404
    CLASSIFIED = "classified"  # 422: a classified (mật) item is never distributed
    INVALID = "invalid"  # 422: the request does not fit the contract
    HASH_MISMATCH = "hash_mismatch"  # 422: uploaded bytes do not match their SHA-256
    RESYNC_REQUIRED = "resync_required"  # 409: the cursor's epoch is gone; pull from the start
    RATE_LIMITED = "rate_limited"  # 429: too many logins; retry after `retry_after` seconds
    SERVER_ERROR = "server_error"  # 500: never a stack trace


class ErrorBody(Wire):
    code: ErrorCode
    message: str  # Vietnamese, for the user
    retry_after: int | None = None


class ServerInfo(Wire):
    """GET /api/v1/info: no login needed; the client checks it before the first login."""

    name: str
    protocol_version: int
    min_client_protocol: int
    server_version: str


# ---- accounts ---------------------------------------------------------------------------

class Role(StrEnum):
    MEMBER = "member"
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    COMMITTEE = "committee"
    EDITOR = "editor"
    ADMIN = "admin"


class UnitKind(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    GRASSROOTS = "grassroots"
    CELL = "cell"


class LoginRequest(Wire):
    """POST /api/v1/auth/login. `device_id` is sent again by a device that logged in before."""

    username: str
    password: str
    device_name: str = ""
    device_id: str | None = None


class RefreshRequest(Wire):
    """POST /api/v1/auth/refresh."""

    refresh_token: str


class TokenPair(Wire):
    access_token: str
    refresh_token: str
    expires_in: int  # seconds of the access token
    device_id: str


class UnitOut(Wire):
    id: str
    kind: UnitKind
    name: str
    code: str
    parent_id: str | None


class Grant(Wire):
    unit_id: str
    role: Role


class Profile(Wire):
    """GET /api/v1/me: who is logged in, where, and as what.

    `unit_id` is the user's home unit (a cell for members and secretaries); `units` is its
    chain up to the province, root first, so a fresh workspace can become that cell.
    """

    user_id: str
    username: str
    full_name: str
    unit_id: str
    units: list[UnitOut]
    grants: list[Grant]
    member_id: str | None = None


# ---- published items ----------------------------------------------------------------------

class ItemKind(StrEnum):
    DOCUMENT = "document"
    ARTICLE = "article"


class AttachmentRef(Wire):
    """A file of an item, fetched by its hash from GET /api/v1/attachments/{sha256}."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    filename: str
    mime_type: str = "application/octet-stream"
    size: int = Field(ge=0)


class ItemFields(Wire):
    """What an editor writes. Document fields are empty for an article and the other way round.

    `channel` is the library's `Channel` value (national, district_bulletin, orientation, qa …);
    a document's `doc_type` is the library's `DocumentType` value.
    """

    kind: ItemKind
    channel: str
    title: str = Field(min_length=1)
    summary: str = ""
    body: str = ""
    number: str = ""
    doc_type: str = ""
    issuer: str = ""
    issued_on: date | None = None
    category: str = ""
    author: str = ""
    source: str = ""
    attachments: list[AttachmentRef] = []


class PublishRequest(Wire):
    """POST /api/v1/publications (new) and PUT /api/v1/publications/{id} (a correction).

    `op_id` makes the call idempotent: the same op_id answers the same item, not a copy.
    `audience` holds unit ids or codes, all inside the editor's subtree.
    """

    op_id: str
    item: ItemFields
    audience: list[str] = Field(min_length=1)


class PublishedItem(ItemFields):
    """An item as readers receive it. `revision` > 1 is shown as "đã cập nhật"."""

    id: str
    revision: int
    publisher_unit_id: str
    publisher_name: str
    audience: list[str]  # unit ids
    published_at: datetime
    updated_at: datetime
    withdrawn_at: datetime | None = None


# ---- pull ---------------------------------------------------------------------------------

class Entity(StrEnum):
    ITEM = "item"  # data: PublishedItem
    UNIT = "unit"  # data: UnitOut
    MEMBER = "member"  # data: the user's own member record (MemberRecord)
    RECORD = "record"  # data: RecordOut, a row of a cell's records (RECORD_FIELDS)


class ChangeOp(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"  # a withdrawal or tombstone: data is None


class MemberRecord(Wire):
    id: str
    unit_id: str
    full_name: str
    birth_date: date | None = None
    status: str = ""
    card_number: str = ""


class Change(Wire):
    seq: int
    entity: Entity
    id: str
    op: ChangeOp
    data: dict[str, Any] | None = None


class ChangesPage(Wire):
    """GET /api/v1/changes?cursor=C&limit=N. `cursor` is what to send next; `more` says
    whether to ask again at once. An empty cursor means "from the beginning"."""

    cursor: str
    more: bool
    changes: list[Change]


# ---- cell records (two-way) ------------------------------------------------------------------

# The tables a cell's devices share, each with the columns that travel (besides COMMON_FIELDS).
# A test keeps this equal to the desktop's models; the server validates pushes against it.
COMMON_FIELDS = ("id", "unit_id", "created_at", "updated_at", "updated_by", "version", "deleted_at")
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "members": ("full_name", "birth_date", "sex", "ethnicity", "religion", "hometown", "address", "education",
                "specialist_level", "theory_level", "occupation", "admitted_on", "official_on", "card_number",
                "status", "phone", "notes"),
    "member_events": ("member_id", "kind", "occurred_on", "reason"),
    "meetings": ("kind", "title", "starts_at", "started_at", "ends_at", "planned_minutes", "place", "chair_id",
                 "recorder_id", "state", "quality", "conclusions", "locked_at", "content_hash", "evaluation",
                 "evaluated_at"),
    "agenda_items": ("meeting_id", "position", "title", "presenter_id", "minutes"),
    "attendance": ("meeting_id", "member_id", "status", "reason", "standing"),
    "meeting_guests": ("meeting_id", "name", "title", "unit_name", "member_id", "invitation", "invited_at",
                       "attended"),
    "speeches": ("meeting_id", "agenda_item_id", "member_id", "guest_id", "position", "text"),
    "votes": ("meeting_id", "matter", "position", "agree", "disagree", "abstain"),
    "resolutions": ("meeting_id", "number", "term", "issued_on", "title", "recipients"),
    "resolution_items": ("resolution_id", "position", "text", "owner_id", "due_on", "done_on"),
    "meeting_materials": ("meeting_id", "position", "title", "document_id", "posted_at"),
    "minutes_addenda": ("meeting_id", "position", "made_on", "text"),
    "attachments": ("owner_table", "owner_id", "sha256", "filename", "mime_type", "size"),
    "read_receipts": ("item_table", "item_id", "reader", "first_opened_at", "last_read_at", "furthest"),
    "sync_conflicts": ("table_name", "row_id", "field", "kind", "kept_value", "other_value", "kept_by",
                       "other_by", "message", "resolved_at", "resolved_by", "resolution"),
}
# Text a person wrote in the minutes: on a clash both versions are kept and the secretary merges.
MERGED_BY_HAND: dict[str, frozenset[str]] = {
    "meetings": frozenset({"conclusions", "evaluation"}),
    "speeches": frozenset({"text"}),
    "minutes_addenda": frozenset({"text"}),
}
# Rows of a meeting, and how to reach the meeting: the server refuses them once it is approved.
MEETING_CHILDREN: dict[str, str] = {
    "agenda_items": "meeting_id", "attendance": "meeting_id", "meeting_guests": "meeting_id",
    "speeches": "meeting_id", "votes": "meeting_id", "resolutions": "meeting_id",
    "meeting_materials": "meeting_id",
}
MEETING_STATES = ("planned", "held", "approved", "archived")  # only ever forward


class ConflictKind(StrEnum):
    FIELD = "field"  # the same field changed on two devices: the later one was kept
    TEXT = "text"  # minutes text changed on two devices: the first was kept, the other waits
    NUMBER = "number"  # a resolution number (or a meeting's one resolution) was taken elsewhere
    APPROVAL = "approval"  # a meeting approved on two devices with different contents
    REJECTED = "rejected"  # a change the server refused, kept so its content is not lost


class RecordOut(Wire):
    """A row of a cell's records as the server holds it: every column of `RECORD_FIELDS`
    plus `COMMON_FIELDS`, as JSON (dates ISO, enums their value). A member's device gets the
    roster's rows with only `MEMBER_DIRECTORY_FIELDS` filled, except the member's own row."""

    table: str
    row: dict[str, Any]


MEMBER_DIRECTORY_FIELDS = ("full_name", "sex", "status")


# ---- push (upward sync) --------------------------------------------------------------------

PUSH_BATCH_MAX = 500


class PushChange(Wire):
    """One outbox entry. `payload` holds every column for an insert, the changed ones for an
    update or delete; `base_version` is the row's version this device had seen. Version and
    author in the payload are ignored: the server stamps its own."""

    op_id: str
    entity: str  # a table of RECORD_FIELDS
    entity_id: str
    op: str  # insert | update | delete
    base_version: int
    payload: dict[str, Any]


class PushRequest(Wire):
    """POST /api/v1/push: at most PUSH_BATCH_MAX changes, applied in order, each on its own."""

    changes: list[PushChange] = Field(max_length=PUSH_BATCH_MAX)


class PushStatus(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # with a message for the user; the rest of the batch goes on
    CONFLICT = "conflict"  # not applied as sent; a sync_conflicts row says what to decide


class PushResult(Wire):
    """`version`: the row's version after this change (accepted). `row`: the row as the server
    now holds it, sent when it differs from what the device sent (a merged field, a refused
    change, a conflict), so the device shows the server's state at once."""

    op_id: str
    status: PushStatus
    version: int | None = None
    message: str = ""
    row: dict[str, Any] | None = None


class PushResponse(Wire):
    results: list[PushResult]
