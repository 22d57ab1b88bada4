"""A cell meeting and its parts: agenda, attendance, guests, speeches, votes, resolution.

Materials, addenda, autosaved drafts and the numbering counter live in meeting_extras.py.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable
from handbook_desktop.core.meetings.codes import (AttendanceStatus, InvitationState, MeetingKind,  # noqa: F401
                                                 MeetingState, Quality)


class Meeting(Base, Syncable):
    __tablename__ = "meetings"

    kind: Mapped[MeetingKind] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(index=True)  # as scheduled
    started_at: Mapped[datetime | None]  # as the minutes record it; None: on schedule
    ends_at: Mapped[datetime | None]
    planned_minutes: Mapped[int] = mapped_column(Integer, default=90)
    place: Mapped[str] = mapped_column(String(300), default="")
    chair_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    recorder_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    state: Mapped[MeetingState] = mapped_column(String(16), default=MeetingState.PLANNED)
    quality: Mapped[Quality | None] = mapped_column(String(16))
    conclusions: Mapped[str] = mapped_column(Text, default="")
    # Approval locks the minutes; the hash lets anyone check they were not edited since.
    locked_at: Mapped[datetime | None]
    content_hash: Mapped[str | None] = mapped_column(String(64))
    evaluation: Mapped[str] = mapped_column(Text, default="", server_default="")  # the secretary's, afterwards
    evaluated_at: Mapped[datetime | None]


class AgendaItem(Base, Syncable):
    __tablename__ = "agenda_items"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    presenter_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    minutes: Mapped[int] = mapped_column(Integer, default=0)


class Attendance(Base, Syncable):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"))
    status: Mapped[AttendanceStatus] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    # Official or probationary on the day of the meeting (only official members vote);
    # kept so that old meetings count the same after a member is made official.
    standing: Mapped[str | None] = mapped_column(String(16))


class Guest(Base, Syncable):
    """An invitee: a guest (đại biểu) or a member of the roster invited in person."""

    __tablename__ = "meeting_guests"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    unit_name: Mapped[str] = mapped_column(String(200), default="")
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    invitation: Mapped[InvitationState] = mapped_column(String(16), default=InvitationState.NOT_SENT,
                                                        server_default=InvitationState.NOT_SENT.value)
    invited_at: Mapped[datetime | None]
    attended: Mapped[bool | None] = mapped_column(Boolean)  # None: not recorded


class Speech(Base, Syncable):
    """One opinion in the minutes, tied to an agenda item and its speaker."""

    __tablename__ = "speeches"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_items.id"))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    guest_id: Mapped[str | None] = mapped_column(ForeignKey("meeting_guests.id"))  # a guest spoke
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class Vote(Base, Syncable):
    __tablename__ = "votes"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    matter: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    agree: Mapped[int]
    disagree: Mapped[int]
    abstain: Mapped[int]


class Resolution(Base, Syncable):
    """A cell resolution, numbered per document type per term (05-NQ/CB).

    The number is unique in the cell's term, but two laptops offline can both give 12: the
    server confirms numbers and turns a clash into a conflict, so this table holds both until
    the secretary decides (no unique constraint here; `resolutions.next_number` skips both).
    """

    __tablename__ = "resolutions"
    __table_args__ = (Index("ix_resolutions_unit_id_term_number", "unit_id", "term", "number"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    number: Mapped[int]
    term: Mapped[str] = mapped_column(String(16))
    issued_on: Mapped[date]
    title: Mapped[str] = mapped_column(Text)
    recipients: Mapped[str] = mapped_column(Text, default="")  # one per line


class ResolutionItem(Base, Syncable):
    __tablename__ = "resolution_items"

    resolution_id: Mapped[str] = mapped_column(ForeignKey("resolutions.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]  # follow-up at the next meeting
