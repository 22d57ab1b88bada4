"""How a pushed change meets the row the server holds (docs: INTERFACE §2, sync/protocol.py).

A field is *concurrent* when someone else wrote it after the version the device had seen
(field_meta: [seq, device, user]). Server order decides, except where a person must:
- an ordinary field: the incoming value wins, the overwritten one goes to a `field` conflict;
- minutes text (MERGED_BY_HAND): the server's text stays, the incoming one waits in a `text`
  conflict for the secretary to merge;
- attendance.status: a recorded mark is never overwritten by "pending";
- read receipts: earliest first opening, latest reading, furthest position; never a conflict;
- resolutions: a number (or a meeting's one resolution) taken elsewhere is a `number` conflict;
- an approved meeting is locked: its children and minutes are refused (kept as a `rejected`
  conflict so nothing is lost), its state only moves forward, a second approval with other
  contents is an `approval` conflict.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MEETING_CHILDREN, MEETING_STATES, MERGED_BY_HAND, ConflictKind, PushResult, PushStatus
from sync.server.models import RecordRow
from sync.server.services.records import add_conflict, create, find_record, parse_moment, stamp

# Stamped by the server; what a device sends for them is ignored.
STAMPED = frozenset({"version", "updated_by", "updated_at"})
FIXED = frozenset({"id", "unit_id", "created_at"})  # set by the insert, never changed
LOCKED_STATES = frozenset({"approved", "archived"})
# What may still change on an approved meeting: its evaluation, and the move to the archive.
OPEN_AFTER_APPROVAL = frozenset({"evaluation", "evaluated_at", "state"})
# Server order without a conflict row: marks and receipts merge by rule, conflicts are not nested.
NO_CONFLICT_TABLES = frozenset({"attendance", "read_receipts", "sync_conflicts"})
EARLIEST, LATEST = frozenset({"first_opened_at"}), frozenset({"last_read_at"})


class Refused(Exception):
    """A change not applied; its reason in words, and the server's row for the device."""

    def __init__(self, message: str, row: dict[str, Any] | None = None):
        super().__init__(message)
        self.message, self.row = message, row


@dataclass(frozen=True)
class Writer:
    session: Session
    user: str
    device_id: str


def insert(writer: Writer, op_id: str, table: str, payload: dict[str, Any]) -> PushResult:
    row = {**payload}
    if (result := _locked(writer, op_id, table, None, row, payload)) is not None:
        return result
    if (result := _number_taken(writer, op_id, table, None, row)) is not None:
        return result
    record = create(writer.session, table, row, writer.user, writer.device_id)
    return PushResult(op_id=op_id, status=PushStatus.ACCEPTED, version=record.version)


def update(writer: Writer, op_id: str, record: RecordRow, payload: dict[str, Any], base: int) -> PushResult:
    table = record.table_name
    incoming = {name: value for name, value in payload.items() if name not in STAMPED | FIXED}
    if table == "meetings":
        if (result := _second_approval(writer, op_id, record, incoming)) is not None:
            return result
        incoming = _meeting_forward(record, incoming)
    if table == "attendance" and incoming.get("status") == "pending" and record.data.get("status") not in (None, "pending"):
        # A recorded mark beats "not marked yet", and so does the reason that goes with it.
        incoming = {name: value for name, value in incoming.items() if name not in ("status", "reason")}
    if (result := _locked(writer, op_id, table, record, {**record.data, **incoming}, incoming)) is not None:
        return result
    if (result := _number_taken(writer, op_id, table, record, {**record.data, **incoming})) is not None:
        return result
    applied, held = _merge(writer, record, incoming, base)
    if applied:
        record.data = {**record.data, **applied}
        version = stamp(writer.session, record, writer.user, writer.device_id, set(applied))
    else:
        version = record.version
    status = PushStatus.CONFLICT if held and not applied else PushStatus.ACCEPTED
    differs = any(record.data.get(name) != value for name, value in payload.items() if name not in STAMPED)
    return PushResult(op_id=op_id, status=status, version=version, row=record.data if differs else None)


def _merge(writer: Writer, record: RecordRow, incoming: dict[str, Any], base: int) -> tuple[dict[str, Any], bool]:
    """The fields to apply, and whether text was held back for the secretary."""
    table, applied, held = record.table_name, {}, False
    for name, value in incoming.items():
        old = record.data.get(name)
        if value == old:
            continue
        meta = record.field_meta.get(name)
        concurrent = bool(meta) and meta[0] > base and meta[1] != writer.device_id
        other_by = meta[2] if meta and len(meta) > 2 else ""
        if table == "read_receipts":
            value = _furthest(name, old, value)
            if value == old:
                continue
        elif concurrent and name in MERGED_BY_HAND.get(table, ()):
            add_conflict(writer.session, record.unit_id, ConflictKind.TEXT, table, record.id, user=writer.user,
                         device_id=writer.device_id, field=name, kept=old, other=value, kept_by=other_by,
                         other_by=writer.user,
                         message=f"“{name}” đã được sửa trên hai máy; bản của {other_by or 'máy khác'} được giữ, "
                                 f"bản của {writer.user} chờ bí thư hợp nhất.")
            held = True
            continue
        elif concurrent and name != "deleted_at" and table not in NO_CONFLICT_TABLES:
            add_conflict(writer.session, record.unit_id, ConflictKind.FIELD, table, record.id, user=writer.user,
                         device_id=writer.device_id, field=name, kept=value, other=old, kept_by=writer.user,
                         other_by=other_by,
                         message=f"“{name}” đã được sửa trên hai máy; giữ bản sửa sau của {writer.user}, "
                                 f"bản của {other_by or 'máy khác'} vẫn được lưu để chọn lại.")
        applied[name] = value
    return applied, held


def _furthest(name: str, old: Any, new: Any) -> Any:
    """Read receipts only ever grow: first opened earliest, last read latest, furthest most."""
    if old is None or new is None:
        return new if old is None else old
    if name in EARLIEST | LATEST:
        pick = min if name in EARLIEST else max
        return pick((old, new), key=parse_moment)
    if name == "furthest":
        return max(old, new)
    return new


# ---- approval lock --------------------------------------------------------------------------

def _meeting_of(session: Session, table: str, row: dict[str, Any]) -> RecordRow | None:
    if table == "resolution_items":
        resolution = find_record(session, row.get("resolution_id") or "")
        row = resolution.data if resolution is not None else {}
        table = "resolutions"
    link = MEETING_CHILDREN.get(table)
    return find_record(session, row.get(link) or "") if link else None


def _locked(writer: Writer, op_id: str, table: str, record: RecordRow | None, row: dict[str, Any],
            incoming: dict[str, Any]) -> PushResult | None:
    """A change to an approved meeting's minutes: refused, its content kept as a conflict row."""
    changed = {name for name, value in incoming.items() if record is None or record.data.get(name) != value}
    if table == "meetings":
        meeting = record
        refused = sorted(changed - OPEN_AFTER_APPROVAL)
    else:
        meeting = _meeting_of(writer.session, table, row)
        refused = sorted(changed)
    if meeting is None or meeting.data.get("state") not in LOCKED_STATES or not refused:
        return None
    title = meeting.data.get("title") or ""
    message = f"Biên bản “{title}” đã được duyệt; thay đổi này không được ghi (nội dung vẫn được lưu lại)."
    add_conflict(writer.session, meeting.unit_id, ConflictKind.REJECTED, table, row["id"], user=writer.user,
                 device_id=writer.device_id, field=refused[0] if len(refused) == 1 else "", kept=None,
                 other=incoming, other_by=writer.user, message=message)
    return PushResult(op_id=op_id, status=PushStatus.REJECTED, message=message,
                      row=record.data if record is not None else None)


def _meeting_forward(record: RecordRow, incoming: dict[str, Any]) -> dict[str, Any]:
    """A meeting's state only moves forward; a backward one is dropped (the result's row says)."""
    state, stored = incoming.get("state"), record.data.get("state")
    if state in MEETING_STATES and stored in MEETING_STATES and MEETING_STATES.index(state) < MEETING_STATES.index(stored):
        incoming = {name: value for name, value in incoming.items() if name != "state"}
    if stored in LOCKED_STATES and incoming.get("content_hash") in (None, record.data.get("content_hash")):
        # The same approval made again on another device: nothing new.
        incoming = {name: value for name, value in incoming.items()
                    if name not in ("content_hash", "locked_at") and not (name == "state" and value == stored)}
    return incoming


def _second_approval(writer: Writer, op_id: str, record: RecordRow, incoming: dict[str, Any]) -> PushResult | None:
    stored_hash, new_hash = record.data.get("content_hash"), incoming.get("content_hash")
    if record.data.get("state") not in LOCKED_STATES or not new_hash or new_hash == stored_hash:
        return None
    title = record.data.get("title") or ""
    message = (f"Biên bản “{title}” đã được duyệt trên máy khác với nội dung khác; "
               f"bản duyệt trên máy chủ được giữ, bản của {writer.user} chờ bí thư xem lại.")
    meta = record.field_meta.get("content_hash") or []
    add_conflict(writer.session, record.unit_id, ConflictKind.APPROVAL, "meetings", record.id, user=writer.user,
                 device_id=writer.device_id, field="content_hash", kept=stored_hash, other=incoming,
                 kept_by=meta[2] if len(meta) > 2 else "", other_by=writer.user, message=message)
    return PushResult(op_id=op_id, status=PushStatus.CONFLICT, version=record.version, message=message,
                      row=record.data)


# ---- resolution numbers -----------------------------------------------------------------------

def _number_taken(writer: Writer, op_id: str, table: str, record: RecordRow | None,
                  row: dict[str, Any]) -> PushResult | None:
    """A number held by another resolution of the cell's term (live or tombstoned: numbers are
    never given twice), or a second live resolution of a meeting: nothing applied."""
    if table != "resolutions" or row.get("deleted_at") is not None:
        return None
    if record is not None and all(record.data.get(name) == row.get(name)
                                  for name in ("number", "term", "meeting_id", "deleted_at")):
        return None
    others = [other for other in writer.session.scalars(select(RecordRow).where(
        RecordRow.table_name == "resolutions", RecordRow.unit_id == row["unit_id"], RecordRow.id != row["id"]))]
    symbol = f"{row.get('number') or 0:02d}-NQ/CB"
    same_number = next((o for o in others if (o.data.get("term"), o.data.get("number")) ==
                        (row.get("term"), row.get("number"))), None)
    same_meeting = next((o for o in others if o.deleted_at is None and o.data.get("meeting_id") == row.get("meeting_id")),
                        None)
    if same_number is not None:
        other, field = same_number, "number"
        message = f"Số {symbol} đã được cấp cho nghị quyết “{other.data.get('title') or ''}” trên máy khác."
    elif same_meeting is not None:
        other, field = same_meeting, "meeting_id"
        message = f"Cuộc họp này đã có nghị quyết “{other.data.get('title') or ''}” được lập trên máy khác."
    else:
        return None
    add_conflict(writer.session, row["unit_id"], ConflictKind.NUMBER, table, row["id"], user=writer.user,
                 device_id=writer.device_id, field=field, kept=other.data.get(field), other=row,
                 kept_by=other.updated_by, other_by=writer.user, message=message)
    return PushResult(op_id=op_id, status=PushStatus.CONFLICT, version=record.version if record else None,
                      message=message, row=record.data if record is not None else None)
