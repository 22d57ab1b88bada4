"""A cell's records as rows of the local database: which model a table is, JSON values back
into column values, which fields a device still has to send (those a server value must not
overwrite), and a row queued again whole. Shared by the pull (apply.py), the push (push.py),
the conflicts list (conflicts.py) and adoption (adopt.py)."""

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, select
from sqlalchemy.orm import Session

from handbook_desktop.core.models import OPEN_STATES, Base, OutboxEntry, OutboxState, Syncable, utcnow
from handbook_desktop.core.models.registry import load_all
from handbook_desktop.core.outbox import insert_payload
from sync.protocol import COMMON_FIELDS, RECORD_FIELDS

CHUNK = 500  # ids per IN (...) query: SQLite's limit on bound parameters
UNSENT_STATES = (*OPEN_STATES, OutboxState.REJECTED, OutboxState.CONFLICT)  # never reached the server's record

# Never taken from the wire as they are: the id is the key, the version is compared first.
KEYS = frozenset({"id", "version"})


@cache
def record_models() -> dict[str, type[Base]]:
    """table name -> model of every table of RECORD_FIELDS this version knows, in the
    contract's order (parents before the rows that point to them)."""
    load_all()
    mapped = {getattr(mapper.class_, "__tablename__", None): mapper.class_ for mapper in Base.registry.mappers}
    return {table: mapped[table] for table in RECORD_FIELDS if table in mapped}


def record_model(table: str) -> type[Base] | None:
    return record_models().get(table)


def decode(model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
    """The travelling columns of `row` that the model has, as column values; unknown keys
    (a newer peer's) and the keys are left out. Raises ValueError on a malformed value."""
    allowed = set(RECORD_FIELDS[model.__tablename__]) | set(COMMON_FIELDS)
    columns = model.__table__.columns
    return {name: _value(columns[name].type, value) for name, value in row.items()
            if name in allowed and name in columns and name not in KEYS}


def decode_value(model: type[Base], field: str, value: Any) -> Any:
    """One JSON value of a column as the model holds it."""
    return _value(model.__table__.columns[field].type, value)


def _value(column_type, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, DateTime) or isinstance(getattr(column_type, "impl", None), DateTime):
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
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


def open_fields(session: Session, ids: Iterable[str]) -> dict[str, set[str]]:
    """row id -> the fields of its outbox entries not yet answered by the server: this
    device's own values, which a pulled row or a server's answer must not overwrite."""
    fields: dict[str, set[str]] = defaultdict(set)
    wanted = list(set(ids))
    for start in range(0, len(wanted), CHUNK):
        for entity_id, payload in session.execute(
                select(OutboxEntry.entity_id, OutboxEntry.payload)
                .where(OutboxEntry.entity_id.in_(wanted[start:start + CHUNK]), OutboxEntry.state.in_(OPEN_STATES))):
            fields[entity_id].update(payload)
    return fields


def assign(row, values: dict[str, Any], keep: set[str] = frozenset()) -> bool:
    """Set the values that differ, except the fields in `keep`; True if anything changed.
    An unchanged row stays clean (no index or change noise)."""
    changed = False
    for name, value in values.items():
        if name not in keep and getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


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
        last.op, last.payload, last.base_version = "insert", insert_payload(row), 0
        last.state, last.attempts, last.last_error, last.sent_at = OutboxState.PENDING, 0, "", None
    session.flush()
