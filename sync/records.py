"""The desktop's record tables by name, and their values to and from JSON (the wire form).

Conflict rows and outbox entries name a row by table and id and hold values as JSON; the
conflicts list and adoption turn them back into model rows and values of the right type.
"""

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Integer, select
from sqlalchemy.orm import Session

from handbook_desktop.core.models import Base, OPEN_STATES, OutboxEntry, OutboxState, Syncable, utcnow
from handbook_desktop.core.models.base import UtcDateTime
from handbook_desktop.core.outbox import jsonable
from sync.protocol import RECORD_FIELDS

CHUNK = 500  # ids per IN (...) query
UNSENT_STATES = (*OPEN_STATES, OutboxState.REJECTED, OutboxState.CONFLICT)  # never reached the server's record


def model_of(table: str) -> type[Syncable] | None:
    """The mapped class of a record table; None for a table this program does not keep."""
    if table not in RECORD_FIELDS:
        return None
    for mapper in Base.registry.mappers:
        if mapper.class_.__tablename__ == table:
            return mapper.class_
    return None


def record_models() -> list[type[Syncable]]:
    return [model for table in RECORD_FIELDS if (model := model_of(table)) is not None]


def decode(model: type[Syncable], field: str, value: Any) -> Any:
    """A JSON value of a column as the model holds it (dates and times parsed)."""
    if value is None:
        return None
    column_type = model.__table__.columns[field].type
    if isinstance(column_type, UtcDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Boolean):
        return bool(value)
    if isinstance(column_type, Integer):
        return int(value)
    return value


def loads(text: str) -> Any:
    """A conflict row's stored JSON; text that is not JSON is shown as it is."""
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def full_payload(row: Syncable) -> dict[str, Any]:
    return {column.key: jsonable(getattr(row, column.key)) for column in row.__mapper__.column_attrs}


def requeue_as_inserts(session: Session, rows: list[Syncable]) -> None:
    """Make each row's unsent outbox entries ONE pending insert with every column: rows the
    server never took (a refused insert revived, a cell adopted) must arrive whole. Each row
    is touched first, so the outbox hook writes the entry (device and user filled in)."""
    now = utcnow()
    for row in rows:
        row.updated_at = now
    session.flush()
    ids = sorted({row.id for row in rows})
    entries: dict[str, list[OutboxEntry]] = {}
    for start in range(0, len(ids), CHUNK):
        for entry in session.scalars(select(OutboxEntry).where(
                OutboxEntry.entity_id.in_(ids[start:start + CHUNK]), OutboxEntry.state.in_(UNSENT_STATES))
                .order_by(OutboxEntry.seq)):
            entries.setdefault(entry.entity_id, []).append(entry)
    for row in rows:
        *older, last = entries[row.id]
        for entry in older:
            session.delete(entry)
        last.op, last.payload, last.base_version = "insert", full_payload(row), 0
        last.state, last.attempts, last.last_error, last.sent_at = OutboxState.PENDING, 0, "", None
    session.flush()
