"""Tables that never leave this device: the outbox, sync cursors and history, workspace facts."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models.base import Base, utcnow


class OutboxEntry(Base):
    """One local mutation waiting for the server's acknowledgement.

    `op_id` makes the push idempotent; `payload` holds only the changed fields, so the
    server can merge member rows field by field.
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
    message: Mapped[str] = mapped_column(Text, default="")
    hint: Mapped[str] = mapped_column(Text, default="")
