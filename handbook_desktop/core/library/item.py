"""A document or article as lists show it: plain data, without the database (the home page shows
the ones left part-way from its snapshot)."""

from dataclasses import dataclass
from datetime import date

DOCUMENTS, ARTICLES = "documents", "articles"  # the two tables, as screens name them


@dataclass(frozen=True)
class LibraryItem:
    table: str
    id: str
    title: str
    number: str
    category: str
    issuer: str
    day: date | None
    unread: bool
    favorite: bool
    revision: int = 1  # > 1: corrected by its publisher since it first arrived ("đã cập nhật")
