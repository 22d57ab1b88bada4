"""The server's tables: its own declarative base, never the desktop's.

The organisation is a tree of units; `path` holds the ids from the root down ("/a/b/c/"),
so a subtree is a prefix and a unit's chain is its path. Published items reach readers
through `feed` rows, one per (entity, id, audience): the row holds the latest sequence
number and operation, so a pull is one indexed range scan per audience.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Text, ForeignKey, Index, Integer, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models.base import NAMING, UtcDateTime, utcnow


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON, list[Any]: JSON}


def _id() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


class ServerState(Base):
    """One row: the database's epoch (a new one after a restore makes cursors stale), the
    last sequence number given out (writers serialise on this row), the token secret."""

    __tablename__ = "server_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(32))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    token_secret: Mapped[str] = mapped_column(String(128))
    # Feed rows of tombstones up to this number were purged: an older cursor must resync.
    purge_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Unit(Base):
    __tablename__ = "units"
    id: Mapped[str] = _id()
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(64), unique=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"))
    path: Mapped[str] = mapped_column(String(1000), index=True)

    @property
    def chain_ids(self) -> list[str]:
        return chain_of(self.path)


def chain_of(path: str) -> list[str]:
    """The unit ids from the root down, out of a unit's materialised path."""
    return [part for part in path.split("/") if part]


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = _id()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"))  # home unit
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The sequence number of the user's last change of scope (a move, a grant): a device that
    # began pulling before it must pull again from the start.
    scope_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class GrantRow(Base):
    __tablename__ = "grants"
    __table_args__ = (UniqueConstraint("user_id", "unit_id", "role"),)
    id: Mapped[str] = _id()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(20))


class Device(Base):
    """A logged-in installation; its refresh token is stored hashed and rotated on use."""

    __tablename__ = "devices"
    id: Mapped[str] = _id()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    refresh_hash: Mapped[str] = mapped_column(String(64))
    refresh_expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class MemberRecord(Base):
    """A Party member's server record; a user sees only their own (the roster syncs next issue)."""

    __tablename__ = "members"
    id: Mapped[str] = _id()
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(40), default="")
    card_number: Mapped[str] = mapped_column(String(40), default="")


class Item(Base):
    """A published document or article; a correction raises `revision`, a withdrawal sets
    `withdrawn_at` (the row stays: readers get a delete)."""

    __tablename__ = "items"
    id: Mapped[str] = _id()
    fields: Mapped[dict[str, Any]]  # ItemFields without attachments, as JSON
    revision: Mapped[int] = mapped_column(Integer, default=1)
    publisher_unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    publisher_user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    audience: Mapped[list[Any]]  # unit ids
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]


class ItemAttachment(Base):
    __tablename__ = "item_attachments"
    id: Mapped[str] = _id()
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)


class Blob(Base):
    """An uploaded file, stored by its SHA-256 in the blob store."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    uploader_unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class Operation(Base):
    """An accepted publishing call by op_id: replaying it answers the stored item."""

    __tablename__ = "operations"
    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"))


class FeedRow(Base):
    """What a pull reads. `audience` is "u:<unit id>" (everyone in the unit or below sees it
    as published to an ancestor) or "p:<user id>" (that user only: their member record)."""

    __tablename__ = "feed"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "audience"),
                      Index("ix_feed_audience_seq", "audience", "seq"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(36))
    audience: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(10))



class RecordRow(Base):
    """A row of a cell's records (sync/protocol.py RECORD_FIELDS): `data` holds every column
    as JSON, `field_meta` who last wrote each field ({field: [seq, device id, user name]}),
    which tells a concurrent change from one made on top of what the device had seen."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_table_name_unit_id", "table_name", "unit_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    field_meta: Mapped[dict[str, Any]]
    deleted_at: Mapped[datetime | None]
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PushOp(Base):
    """The result of a pushed change by op_id: a replay answers it again, applies nothing."""

    __tablename__ = "push_ops"
    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")
    row: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
