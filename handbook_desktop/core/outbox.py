"""Every change to a syncable row leaves an outbox entry in the same transaction.

A `before_flush` hook does it, so no service can forget. Rows that arrive from the
server (or seed data) are written with `session.info["record_outbox"] = False`.
"""

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models import OutboxEntry, Syncable, utcnow


def install(factory: sessionmaker) -> None:
    event.listen(factory, "before_flush", _record_changes)


def _record_changes(session: Session, _flush_context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, Syncable):
            raise RuntimeError(f"{type(obj).__name__} rows are tombstoned, never deleted")
    if not session.info.get("record_outbox", True):
        return
    now, user = utcnow(), session.info.get("user")
    for obj in [o for o in session.new if isinstance(o, Syncable)]:
        _fill_defaults(obj, now, user)
        session.add(_entry(obj, "insert", _all_fields(obj)))
    for obj in [o for o in session.dirty if isinstance(o, Syncable)]:
        changed = _changed_fields(obj)
        if not changed:
            continue
        obj.updated_at, obj.updated_by = now, user
        op = "delete" if "deleted_at" in changed and obj.deleted_at is not None else "update"
        session.add(_entry(obj, op, changed))


def _fill_defaults(obj: Syncable, now: datetime, user: str | None) -> None:
    obj.id = obj.id or new_id()
    obj.created_at = obj.created_at or now
    obj.updated_at = now
    obj.updated_by = user
    obj.version = obj.version or 0


def _entry(obj: Syncable, op: str, payload: dict[str, Any]) -> OutboxEntry:
    return OutboxEntry(op_id=new_id(), entity=obj.__tablename__, entity_id=obj.id, op=op,
                       base_version=obj.version or 0, payload=payload)


def _all_fields(obj: Syncable) -> dict[str, Any]:
    return {attr.key: jsonable(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs}


def _changed_fields(obj: Syncable) -> dict[str, Any]:
    state = inspect(obj)
    return {attr.key: jsonable(attr.value) for attr in state.attrs
            if attr.key in state.mapper.column_attrs and attr.history.has_changes()}


def jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
