"""The cell's roster (Mẫu 7-HSĐV fields) and the events that change a member's status."""

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.models.base import Base, Syncable
from handbook_desktop.core.members.codes import MemberStatus, MemberEventKind  # noqa: F401 - also named here


class Member(Base, Syncable):
    __tablename__ = "members"

    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None]
    sex: Mapped[str] = mapped_column(String(8), default="")
    ethnicity: Mapped[str] = mapped_column(String(64), default="")
    religion: Mapped[str] = mapped_column(String(64), default="")
    hometown: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    education: Mapped[str] = mapped_column(String(32), default="")
    specialist_level: Mapped[str] = mapped_column(String(64), default="")
    theory_level: Mapped[str] = mapped_column(String(32), default="")
    occupation: Mapped[str] = mapped_column(String(200), default="")
    admitted_on: Mapped[date | None]
    official_on: Mapped[date | None]
    card_number: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[MemberStatus] = mapped_column(String(24), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class MemberEvent(Base, Syncable):
    """One step of a member's history; the roster row shows the latest."""

    __tablename__ = "member_events"

    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[MemberEventKind] = mapped_column(String(24))
    occurred_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
