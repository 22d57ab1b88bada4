"""A file referenced by any row: stored once on disk under its SHA-256 (core.attachments)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable


class Attachment(Base, Syncable):
    """A file referenced by a row; the bytes live once on disk under their SHA-256."""

    __tablename__ = "attachments"

    owner_table: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int]
