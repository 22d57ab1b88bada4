"""Every change to a syncable row leaves an outbox entry in the same transaction.

A `before_flush` hook does it, so no service can forget. Rows that arrive from the
server (or seed data) are written with `session.info["record_outbox"] = False`.

An insert's payload is the whole row with its column defaults applied (the server stores
what it is sent: a NOT NULL column must not travel as null). Every entry says on which
device (`device_id`, a workspace fact made with the first entry) and by whom (the
account's username, "" offline) the change was made.
"""

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models import OutboxEntry, Syncable, WorkspaceFact, utcnow


DEVICE_ID = "device_id"  # workspace fact: this workspace's own id, made once
USERNAME = "sync_username"  # workspace fact the sync account writes (sync/account.py)


def install(factory: sessionmaker) -> None:
    event.listen(factory, "before_flush", _record_changes)


def author(session: Session) -> tuple[str, str]:
    """(device id, user) of this session's changes; the device id is made on first use."""
    known = session.info.get("author")
    if known is None:
        device = session.get(WorkspaceFact, DEVICE_ID)
        if device is None:
            device = WorkspaceFact(key=DEVICE_ID, value=str(uuid.uuid4()))
            session.add(device)
        known = session.info["author"] = (device.value, current_user(session))
    return known


def current_user(session: Session) -> str:
    """Who acts in this session: the sync account's username, "" offline. Reads only."""
    user = session.info.get("user")
    if user is None:
        fact = session.get(WorkspaceFact, USERNAME)
        user = session.info["user"] = fact.value if fact is not None else ""
    return user


def _record_changes(session: Session, _flush_context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, Syncable):
            raise RuntimeError(f"{type(obj).__name__} rows are tombstoned, never deleted")
    if not session.info.get("record_outbox", True):
        return
    new = [o for o in session.new if isinstance(o, Syncable)]
    dirty = [(o, changed) for o in session.dirty if isinstance(o, Syncable) and (changed := _changed_fields(o))]
    if not new and not dirty:
        return
    now, (device, user) = utcnow(), author(session)
    for obj in new:
        _fill_defaults(obj, now, user)
        session.add(_entry(obj, "insert", insert_payload(obj), device, user))
    for obj, changed in dirty:
        obj.updated_at, obj.updated_by = now, user or None
        op = "delete" if "deleted_at" in changed and obj.deleted_at is not None else "update"
        session.add(_entry(obj, op, changed, device, user))


def _fill_defaults(obj: Syncable, now: datetime, user: str) -> None:
    """What the INSERT would fill in, filled in now, so the payload is the row as stored."""
    obj.id = obj.id or new_id()
    obj.created_at = obj.created_at or now
    obj.updated_at = now
    obj.updated_by = user or None
    obj.version = obj.version or 0
    for attr in inspect(obj).mapper.column_attrs:
        column = attr.columns[0]
        if getattr(obj, attr.key) is None and column.default is not None:
            default = column.default
            setattr(obj, attr.key, default.arg(None) if default.is_callable else default.arg)


def _entry(obj: Syncable, op: str, payload: dict[str, Any], device: str, user: str) -> OutboxEntry:
    return OutboxEntry(op_id=new_id(), entity=obj.__tablename__, entity_id=obj.id, op=op,
                       base_version=obj.version or 0, payload=payload, device_id=device, user=user)


def insert_payload(obj: Syncable) -> dict[str, Any]:
    """Every column of the row, as JSON: what an insert carries (and a row queued again whole)."""
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
