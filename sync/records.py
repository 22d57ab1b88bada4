"""A cell's records as rows of the local database: which model a table is, JSON values back
into column values, and which fields a device still has to send (those a server value must
not overwrite). Shared by the pull (apply.py) and the push (push.py)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, select
from sqlalchemy.orm import Session

from handbook_desktop.core.models import OPEN_STATES, Base, OutboxEntry
from handbook_desktop.core.models.registry import load_all
from sync.protocol import COMMON_FIELDS, RECORD_FIELDS

# Never taken from the wire as they are: the id is the key, the version is compared first.
KEYS = frozenset({"id", "version"})


@cache
def record_models() -> dict[str, type[Base]]:
    """table name -> model of every table of RECORD_FIELDS this version knows."""
    load_all()
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers
            if getattr(mapper.class_, "__tablename__", None) in RECORD_FIELDS}


def record_model(table: str) -> type[Base] | None:
    return record_models().get(table)


def decode(model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
    """The travelling columns of `row` that the model has, as column values; unknown keys
    (a newer peer's) and the keys are left out. Raises ValueError on a malformed value."""
    allowed = set(RECORD_FIELDS[model.__tablename__]) | set(COMMON_FIELDS)
    columns = model.__table__.columns
    return {name: _value(columns[name].type, value) for name, value in row.items()
            if name in allowed and name in columns and name not in KEYS}


def _value(column_type, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, DateTime) or isinstance(getattr(column_type, "impl", None), DateTime):
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    return value


def open_fields(session: Session, ids: Iterable[str]) -> dict[str, set[str]]:
    """row id -> the fields of its outbox entries not yet answered by the server: this
    device's own values, which a pulled row or a server's answer must not overwrite."""
    fields: dict[str, set[str]] = defaultdict(set)
    wanted = list(set(ids))
    for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
        for entity_id, payload in session.execute(
                select(OutboxEntry.entity_id, OutboxEntry.payload)
                .where(OutboxEntry.entity_id.in_(wanted[start:start + 500]), OutboxEntry.state.in_(OPEN_STATES))):
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
