"""What a meeting needs besides its minutes: materials, addenda after approval, the
autosaved draft of the minutes editor and the document-number counter."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable


class MeetingMaterial(Base, Syncable):
    """A document of the library or an attached file, made available to members for a meeting.

    The file itself is an Attachment owned by this row.
    """

    __tablename__ = "meeting_materials"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    posted_at: Mapped[datetime]  # when members could read it: the rules want ≥ 1 day before


class MinutesAddendum(Base, Syncable):
    """A correction or supplement to approved (locked) minutes; the minutes stay as approved."""

    __tablename__ = "minutes_addenda"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int]
    made_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)


class MinutesDraft(Base):
    """The minutes editor's state as last autosaved, until the secretary saves the minutes.

    Local only: autosave runs every few seconds, and pushing each keystroke batch to the
    server would flood the outbox; the saved minutes travel as ordinary rows.
    """

    __tablename__ = "minutes_drafts"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    saved_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class DocumentCounter(Base):
    """The last number this device gave a document type of a unit in a term (05-NQ/CB).

    No longer read or written: a per-device counter cannot see the other laptop's numbers, so
    numbering reads the cell's resolutions (`resolutions._highest`). Numbering still takes
    SQLite's write lock with a no-op UPDATE of this table; a later migration may drop it.
    """

    __tablename__ = "document_counters"

    unit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(8), primary_key=True)
    term: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
