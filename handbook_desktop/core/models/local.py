"""Tables that never leave this device: the outbox, sync cursors and history, rows waiting for
their parent, workspace facts."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models.base import Base, utcnow


class OutboxState(StrEnum):
    PENDING = "pending"  # not sent yet
    SENT = "sent"  # sent, no answer stored yet: sent again (same op_id) until one is
    ACKNOWLEDGED = "acknowledged"  # the server took it; `result_version` is the row's version
    REJECTED = "rejected"  # refused; `last_error` says why in words; it blocks nothing else
    CONFLICT = "conflict"  # not applied as sent; a sync_conflicts row holds what to decide


OPEN_STATES = (OutboxState.PENDING, OutboxState.SENT)


class OutboxEntry(Base):
    """One local mutation and its way to the server.

    `op_id` makes the push idempotent; an insert's `payload` holds every column, an
    update's only the changed ones, so the server can merge member rows field by field.
    `device_id` and `user` say where and by whom it was made (the server trusts its token
    for the author, these are for the device's own list of what it sent).
    """

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(8))  # insert | update | delete
    base_version: Mapped[int]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    device_id: Mapped[str] = mapped_column(String(36), default="", server_default="")
    user: Mapped[str] = mapped_column(String(64), default="", server_default="")
    state: Mapped[OutboxState] = mapped_column(String(16), default=OutboxState.PENDING,
                                               server_default=OutboxState.PENDING.value, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    sent_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    result_version: Mapped[int | None]


class SyncCursor(Base):
    __tablename__ = "sync_cursors"

    server_url: Mapped[str] = mapped_column(String(300), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(200), default="")
    epoch: Mapped[str] = mapped_column(String(64), default="")
    last_sync_at: Mapped[datetime | None]


class WorkspaceFact(Base):
    """Small facts about this workspace, e.g. which cell it belongs to."""

    __tablename__ = "workspace_facts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(300))


class SyncRun(Base):
    """One sync round as the "Đồng bộ" page lists it: when, what arrived, or what went wrong."""

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime]
    ok: Mapped[bool] = mapped_column(Boolean)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    withdrawn: Mapped[int] = mapped_column(Integer, default=0)
    attachments: Mapped[int] = mapped_column(Integer, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # cell records received
    pushed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # local changes the server took
    rejected: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # ... and refused
    conflicts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # new ones to decide
    message: Mapped[str] = mapped_column(Text, default="")
    hint: Mapped[str] = mapped_column(Text, default="")


class WaitingRecord(Base):
    """A pulled row of a cell's records whose parent (a foreign key) has not arrived yet.

    A later page brings the parent (a meeting before its attendance, a member before their
    events); the row is applied then, in that page's transaction. One row per record: a newer
    version of a waiting row replaces it.
    """

    __tablename__ = "sync_waiting"

    table_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    row: Mapped[dict[str, Any]] = mapped_column(JSON)
