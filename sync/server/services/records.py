"""A cell's records on the server: stamping an accepted change, conflict rows, the wire form.

A record is one row of a RECORD_FIELDS table, kept whole as JSON in `records.data`. Every
accepted change takes a new sequence number from the feed; that number is the row's
`version`, and the row's feed row (audience `c:<cell>`) moves to it.
"""

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from handbook_desktop.core.ids import new_id
from sync.protocol import COMMON_FIELDS, RECORD_FIELDS, ChangeOp, ConflictKind, Entity
from sync.server.models import RecordRow
from sync.server.services import feed


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def parse_moment(value: Any) -> datetime | None:
    """An ISO 8601 date-time of the wire as an aware datetime (a naive one is taken as UTC)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stamp(session: Session, record: RecordRow, user: str, device_id: str, fields: set[str],
          gone_from: str | None = None, *, new: bool = False) -> int:
    """Give the row a new version, record who wrote `fields`, and put it in its cell's feed
    (and a delete in the feed of the cell it left, `gone_from`)."""
    ops = {feed.cell_audience(gone_from): ChangeOp.DELETE} if gone_from else {}
    ops[feed.cell_audience(record.unit_id)] = ChangeOp.UPSERT  # last: the highest number
    version = feed.record(session, Entity.RECORD, record.id, ops, new=new)
    moment = now()
    record.version, record.updated_by, record.updated_at = version, user, moment
    record.data = {**record.data, "version": version, "updated_by": user, "updated_at": iso(moment)}
    record.deleted_at = parse_moment(record.data.get("deleted_at"))
    record.field_meta = {**record.field_meta, **{name: [version, device_id, user] for name in fields}}
    return version


def find_record(session: Session, record_id: str) -> RecordRow | None:
    """A record by id; from the push's batch cache when it holds the id (`push._preload`), so
    neither a known-missing id nor a row made earlier in the batch costs a query."""
    cached = session.info.get("records", {})
    if record_id in cached:
        return cached[record_id]
    return session.get(RecordRow, record_id)


def create(session: Session, table: str, row: dict[str, Any], user: str, device_id: str = "") -> RecordRow:
    """A new record from a complete row (every column of the table); stamped and in the feed."""
    data = {name: None for name in RECORD_FIELDS[table] + COMMON_FIELDS} | row
    data["created_at"] = data["created_at"] or iso(now())
    record = RecordRow(id=data["id"], table_name=table, unit_id=data["unit_id"], version=0, data=data, field_meta={})
    session.add(record)
    if "records" in session.info:
        session.info["records"][record.id] = record
    stamp(session, record, user, device_id, set(RECORD_FIELDS[table]) | {"deleted_at"}, new=True)
    return record


def add_conflict(session: Session, cell_id: str, kind: ConflictKind, table: str, row_id: str, *, user: str,
                 device_id: str, field: str = "", kept: Any = None, other: Any = None, kept_by: str = "",
                 other_by: str = "", message: str) -> RecordRow:
    """A sync_conflicts row of the cell: what a person has to decide, travelling like any record.
    Values are JSON text (a field's value, or a whole row)."""
    row = dict(id=new_id(), unit_id=cell_id, created_at=None, table_name=table, row_id=row_id, field=field,
               kind=kind.value, kept_value=_json_text(kept), other_value=_json_text(other), kept_by=kept_by,
               other_by=other_by, message=message, resolved_by="", resolution="")
    return create(session, "sync_conflicts", row, user, device_id)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
