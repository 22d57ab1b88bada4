"""What a reader did with documents and articles: favorites, position, receipts.

Favorites and reading positions stay on this device; receipts sync, so committees see
who read what and how far.
"""

from datetime import datetime

from sqlalchemy import Float, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable, utcnow


class Favorite(Base):
    __tablename__ = "favorites"

    item_table: Mapped[str] = mapped_column(String(16), primary_key=True)  # documents | articles
    item_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReadingPosition(Base):
    __tablename__ = "reading_positions"

    item_table: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    fraction: Mapped[float] = mapped_column(Float, default=0.0)  # 0.0 top .. 1.0 end
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ReadReceipt(Base, Syncable):
    __tablename__ = "read_receipts"
    __table_args__ = (UniqueConstraint("item_table", "item_id", "reader"),)

    item_table: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(String(36), index=True)
    reader: Mapped[str] = mapped_column(String(64))  # the device user's login name
    first_opened_at: Mapped[datetime]
    last_read_at: Mapped[datetime]
    furthest: Mapped[float] = mapped_column(Float, default=0.0)
