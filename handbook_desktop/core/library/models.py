"""Published documents and news articles."""

from datetime import date, datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handbook_desktop.core.library.codes import Channel, DocumentType  # noqa: F401 - also named here
from handbook_desktop.core.models.base import Base, Syncable


class Document(Base, Syncable):
    __tablename__ = "documents"

    number: Mapped[str] = mapped_column(String(64), default="", index=True)
    doc_type: Mapped[DocumentType] = mapped_column(String(24))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[date | None] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(120), default="")
    # Published items (sync): the server's revision ("đã cập nhật" when > 1) and who published it.
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    publisher: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Article(Base, Syncable):
    __tablename__ = "articles"

    channel: Mapped[Channel] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    published_at: Mapped[datetime] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    publisher: Mapped[str] = mapped_column(String(200), default="", server_default="")
