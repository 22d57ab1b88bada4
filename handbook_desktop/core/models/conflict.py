"""A decision the server left to a person: the "Xung đột" list of the Đồng bộ page.

The server writes these rows (sync/protocol.py `ConflictKind`); they travel to every device
of the cell like any record, so a conflict resolved on one laptop is gone on the other. A
device only ever sets `resolved_at`, `resolved_by` and `resolution` on them. Values are
kept as JSON text: a field's value of any type, or a whole row for a refused insert.
"""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable


class SyncConflict(Base, Syncable):
    __tablename__ = "sync_conflicts"

    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64), default="")  # "" for a whole row
    kind: Mapped[str] = mapped_column(String(16))  # ConflictKind
    kept_value: Mapped[str] = mapped_column(Text, default="")  # JSON: what the server holds
    other_value: Mapped[str] = mapped_column(Text, default="")  # JSON: what was not applied
    kept_by: Mapped[str] = mapped_column(String(64), default="")
    other_by: Mapped[str] = mapped_column(String(64), default="")
    message: Mapped[str] = mapped_column(Text, default="")  # Vietnamese, for the secretary
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolution: Mapped[str] = mapped_column(String(16), default="")  # kept | other | merged | renumbered
