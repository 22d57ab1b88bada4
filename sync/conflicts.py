"""The "Xung đột" list: decisions the server left to a person, and changes it refused.

Two sources: `sync_conflicts` rows the server wrote (they reach every device of the cell, so
a conflict resolved on one laptop leaves the list of the other) and this device's outbox
entries the server rejected (`last_error` says why). Resolving writes the target row as an
ordinary edit, so the choice travels through the outbox like any change, and stamps the
conflict row (resolved_at, resolved_by, resolution). A rejected entry can only be let go
(`dismiss`), after its content was shown so it can be copied.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.meetings import next_resolution_number, symbol
from handbook_desktop.core.models import OutboxEntry, OutboxState, SyncConflict, Syncable, utcnow
from handbook_desktop.core.outbox import jsonable
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import N_, _
from sync.account import account_of
from sync.protocol import COMMON_FIELDS, ConflictKind
from sync.records import decode_value, loads, record_model, requeue_as_inserts

KEPT, OTHER, MERGED, RENUMBER, DISMISS = "kept", "other", "merged", "renumber", "dismiss"
# What the conflict row records for each choice (its `resolution` column).
RESOLUTIONS = {KEPT: "kept", OTHER: "other", MERGED: "merged", RENUMBER: "renumbered", DISMISS: "dismissed"}
CONFLICT, REJECTED = "c", "o"  # a key's prefix: a sync_conflicts row, or a rejected outbox entry

TABLE_LABELS = {
    "members": N_("Đảng viên"), "member_events": N_("Quá trình của đảng viên"), "meetings": N_("Cuộc họp"),
    "agenda_items": N_("Nội dung chương trình họp"), "attendance": N_("Điểm danh"),
    "meeting_guests": N_("Khách mời"), "speeches": N_("Ý kiến phát biểu"), "votes": N_("Biểu quyết"),
    "resolutions": N_("Nghị quyết"), "resolution_items": N_("Điểm của nghị quyết"),
    "meeting_materials": N_("Tài liệu họp"), "minutes_addenda": N_("Bổ sung biên bản"),
    "attachments": N_("Tệp đính kèm"), "read_receipts": N_("Lượt đọc"),
}
FIELD_LABELS = {
    "full_name": N_("Họ và tên"), "birth_date": N_("Ngày sinh"), "sex": N_("Giới tính"), "ethnicity": N_("Dân tộc"),
    "religion": N_("Tôn giáo"), "hometown": N_("Quê quán"), "address": N_("Nơi ở"), "education": N_("Học vấn"),
    "specialist_level": N_("Chuyên môn"), "theory_level": N_("Lý luận chính trị"), "occupation": N_("Nghề nghiệp"),
    "admitted_on": N_("Ngày vào Đảng"), "official_on": N_("Ngày chính thức"), "card_number": N_("Số thẻ"),
    "status": N_("Tình trạng"), "phone": N_("Điện thoại"), "notes": N_("Ghi chú"), "title": N_("Tiêu đề"),
    "starts_at": N_("Thời gian họp"), "place": N_("Địa điểm"), "conclusions": N_("Kết luận"),
    "evaluation": N_("Nhận xét, đánh giá"), "text": N_("Nội dung"), "number": N_("Số"), "state": N_("Trạng thái"),
    "reason": N_("Lý do"), "minutes": N_("Ghi chép"),
}
EMPTY = N_("(để trống)")


@dataclass(frozen=True)
class ConflictView:
    """One entry of the list, in words: what, why, both sides, who, and the choices offered."""

    key: str  # pass it to `resolve`
    kind: str  # ConflictKind value
    what: str  # "Đảng viên Nguyễn Văn An — Điện thoại"
    message: str
    kept: str  # what the server holds (the version now on this device)
    other: str  # the version that was not applied (a refused change: its content)
    kept_by: str
    other_by: str
    at: datetime
    choices: tuple[str, ...]
    new_number: str = ""  # RENUMBER: the symbol the resolution would take, shown before the click


def open_conflicts(uow: UnitOfWork) -> list[ConflictView]:
    """Unresolved conflicts of the cell, then this device's refused changes, oldest first."""
    rows, entries = _open_rows(uow)
    return [_conflict_view(uow, row) for row in rows] + [_rejected_view(uow, entry) for entry in entries]


def conflict_count(uow: UnitOfWork) -> int:
    """How many `open_conflicts` lists, read from the conflict and outbox rows alone (the
    window's first screen keeps it: core/home/snapshot.py)."""
    rows, entries = _open_rows(uow)
    return len(rows) + len(entries)


def _open_rows(uow: UnitOfWork) -> tuple[list[SyncConflict], list[OutboxEntry]]:
    session = uow.session
    rows = list(session.scalars(select(SyncConflict).where(
        SyncConflict.resolved_at.is_(None), SyncConflict.deleted_at.is_(None)).order_by(SyncConflict.created_at)))
    # The server also keeps a refused change as a conflict row: show it once, not twice.
    kept_elsewhere = {row.row_id for row in rows if row.kind == ConflictKind.REJECTED}
    entries = [entry for entry in session.scalars(select(OutboxEntry).where(
        OutboxEntry.state == OutboxState.REJECTED).order_by(OutboxEntry.seq)) if entry.entity_id not in kept_elsewhere]
    return rows, entries


def resolve(uow: UnitOfWork, key: str, choice: str, text: str | None = None) -> None:
    """Carry out `choice` (KEPT | OTHER | MERGED with `text` | RENUMBER | DISMISS) on one entry."""
    source, _sep, ident = key.partition(":")
    if source == REJECTED:
        _dismiss_rejected(uow, ident, choice)
        return
    conflict = uow.session.get(SyncConflict, ident) if source == CONFLICT else None
    if conflict is None or conflict.resolved_at is not None or conflict.deleted_at is not None:
        raise UserError(_("Xung đột này đã được giải quyết (có thể trên máy khác)."))
    if choice not in _choices(uow, conflict):
        raise UserError(_("Không thể chọn cách này cho xung đột này."))
    if choice in (OTHER, MERGED):
        if choice == MERGED and not (text or "").strip():
            raise ValidationError(_("Bản gộp đang trống: hãy ghi nội dung, hoặc chọn một trong hai bản."))
        _write_field(uow, conflict, text if choice == MERGED else loads(conflict.other_value))
    elif choice == RENUMBER:
        _renumber(uow, conflict)
    elif choice == DISMISS and conflict.kind == ConflictKind.REJECTED:
        _drop_rejected_entries(uow, conflict.row_id)
    conflict.resolved_at, conflict.resolution = utcnow(), RESOLUTIONS[choice]
    conflict.resolved_by = uow.session.info.get("user") or _account_user(uow)


# ---- the views --------------------------------------------------------------------------

def _conflict_view(uow: UnitOfWork, conflict: SyncConflict) -> ConflictView:
    kept, other = loads(conflict.kept_value), loads(conflict.other_value)
    choices = _choices(uow, conflict)
    new_number = symbol(_next_number(uow, other)) if RENUMBER in choices else ""
    return ConflictView(f"{CONFLICT}:{conflict.id}", conflict.kind,
                        _what(uow, conflict.table_name, conflict.row_id, conflict.field), conflict.message,
                        _shown(conflict.table_name, kept), _shown(conflict.table_name, other), conflict.kept_by,
                        conflict.other_by, conflict.created_at, choices, new_number)


def _rejected_view(uow: UnitOfWork, entry: OutboxEntry) -> ConflictView:
    model = record_model(entry.entity)
    row = uow.session.get(model, entry.entity_id) if model else None
    current = {field: _column_json(row, field) for field in entry.payload} if row is not None else None
    return ConflictView(f"{REJECTED}:{entry.seq}", ConflictKind.REJECTED, _what(uow, entry.entity, entry.entity_id),
                        entry.last_error or _("Máy chủ không nhận thay đổi này."), _shown(entry.entity, current),
                        _shown(entry.entity, entry.payload), "", entry.user, entry.created_at, (DISMISS,))


def _choices(uow: UnitOfWork, conflict: SyncConflict) -> tuple[str, ...]:
    kind = conflict.kind
    if kind == ConflictKind.FIELD:
        return (KEPT, OTHER)
    if kind == ConflictKind.TEXT:
        return (KEPT, OTHER, MERGED)
    if kind == ConflictKind.NUMBER:
        row = loads(conflict.other_value)
        if isinstance(row, dict) and not _meeting_has_other_resolution(uow, row):
            return (RENUMBER, DISMISS)
        return (DISMISS,)
    if kind == ConflictKind.APPROVAL:
        return (KEPT,)
    return (DISMISS,)


def _what(uow: UnitOfWork, table: str, row_id: str, field: str = "") -> str:
    model = record_model(table)
    row = uow.session.get(model, row_id) if model else None
    name = _(TABLE_LABELS.get(table, table))
    title = _row_title(uow, row) if row is not None else ""
    what = f"{name} “{title}”" if title else name
    return f"{what} — {_(FIELD_LABELS.get(field, field))}" if field else what


def _row_title(uow: UnitOfWork, row: Syncable) -> str:
    for attribute in ("full_name", "title"):
        if getattr(row, attribute, ""):
            return getattr(row, attribute)
    meeting_id = getattr(row, "meeting_id", None)
    meeting = uow.session.get(record_model("meetings"), meeting_id) if meeting_id else None
    return meeting.title if meeting is not None else ""


def _shown(table: str, value: Any) -> str:
    """A value in words: a field's value as is, a whole row as "Label: value" lines."""
    if isinstance(value, dict):
        return "\n".join(f"{_(FIELD_LABELS.get(field, field))}: {_shown(table, v)}"
                         for field, v in value.items() if field not in COMMON_FIELDS)
    if value is None or value == "":
        return _(EMPTY)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _column_json(row: Syncable, field: str) -> Any:
    return jsonable(getattr(row, field, None))


# ---- the choices ------------------------------------------------------------------------

def _write_field(uow: UnitOfWork, conflict: SyncConflict, value: Any) -> None:
    model = record_model(conflict.table_name)
    row = uow.session.get(model, conflict.row_id) if model and conflict.field else None
    if row is None or row.deleted_at is not None:
        raise UserError(_("Không còn bản ghi này trên máy (có thể đã bị xóa): chỉ có thể giữ bản trên máy chủ."))
    setattr(row, conflict.field, decode_value(model, conflict.field, value))


def _renumber(uow: UnitOfWork, conflict: SyncConflict) -> None:
    """The refused resolution takes the next free number of its term: revived here (the push
    tombstoned it) or made from the refused row on the cell's other device, and sent whole."""
    model, pushed = record_model("resolutions"), loads(conflict.other_value)
    number = _next_number(uow, pushed)
    row = uow.session.get(model, conflict.row_id)
    if row is None:
        if uow.session.get(record_model("meetings"), pushed.get("meeting_id")) is None:
            raise UserError(_("Chưa có cuộc họp của nghị quyết này trên máy: hãy đồng bộ rồi thử lại."))
        row = model(**{field: decode_value(model, field, value) for field, value in pushed.items()
                       if field not in ("version", "updated_by", "updated_at")})
        uow.session.add(row)
    row.number, row.deleted_at = number, None
    uow.session.flush()
    if not row.version:  # the server never took it: it must arrive as a whole insert
        requeue_as_inserts(uow.session, [row])


def _next_number(uow: UnitOfWork, pushed: dict) -> int:
    return next_resolution_number(uow, pushed.get("term") or "")


def _meeting_has_other_resolution(uow: UnitOfWork, pushed: dict) -> bool:
    model = record_model("resolutions")
    return uow.session.scalar(select(model.id).where(
        model.meeting_id == pushed.get("meeting_id"), model.id != pushed.get("id"),
        model.deleted_at.is_(None))) is not None


def _dismiss_rejected(uow: UnitOfWork, seq: str, choice: str) -> None:
    entry = uow.session.get(OutboxEntry, int(seq)) if seq.isdigit() else None
    if entry is None or entry.state != OutboxState.REJECTED:
        raise UserError(_("Thay đổi này không còn trong danh sách."))
    if choice != DISMISS:
        raise UserError(_("Không thể chọn cách này cho xung đột này."))
    uow.session.delete(entry)  # the user let it go, having seen its content


def _drop_rejected_entries(uow: UnitOfWork, row_id: str) -> None:
    for entry in uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == row_id,
                                                               OutboxEntry.state == OutboxState.REJECTED)):
        uow.session.delete(entry)


def _account_user(uow: UnitOfWork) -> str:
    account = account_of(uow)
    return account.username if account else ""
