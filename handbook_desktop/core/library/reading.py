"""The library as a reader sees it: lists with filters, one item to read, favorites,
reading positions and read receipts."""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, exists, extract, func, literal, select
from sqlalchemy.orm import Session

from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.ids import name_id
from handbook_desktop.core.library.item import ARTICLES, DOCUMENTS, LibraryItem
from handbook_desktop.core.library.models import Article, Document, DocumentType
from handbook_desktop.core.library.reading_models import Favorite, ReadReceipt, ReadingPosition
from handbook_desktop.core.models import Attachment, utcnow
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _

MODELS = {DOCUMENTS: Document, ARTICLES: Article}
FINISHED = 0.98  # a position this far down counts as read to the end
LOCAL_READER = "local"  # the reader of a workspace with no sync account
HEADING = re.compile(r"^(PHẦN|Phần|CHƯƠNG|Chương|Mục|[IVXLC]+\.|\d{1,2}\.|[A-ZĐ]\.)\s")


@dataclass(frozen=True)
class ItemFilter:
    table: str = DOCUMENTS
    category: str | None = None  # a DocumentType or a Channel code
    issuer: str | None = None
    year: int | None = None
    unread_only: bool = False
    favorites_only: bool = False


@dataclass(frozen=True)
class Attached:
    filename: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Reading:
    item: LibraryItem
    summary: str
    paragraphs: list[str]
    headings: list[tuple[int, str]]  # paragraph index, heading text
    attachments: list[Attached]
    position: float


def list_items(uow: UnitOfWork, flt: ItemFilter, limit: int = 1000) -> list[LibraryItem]:
    """Newest first; unread and favorite flags come from the same query."""
    query = _filtered(_item_query(flt.table, reader_of(uow)), MODELS[flt.table], flt).limit(limit)
    return [_item(flt.table, row) for row in uow.session.execute(query)]


def issuers_and_years(uow: UnitOfWork, table: str) -> tuple[list[str], list[int]]:
    s, model, day = uow.session, MODELS[table], _day_column(table)
    issuers = [] if table == ARTICLES else sorted(
        s.scalars(select(Document.issuer).where(Document.deleted_at.is_(None)).distinct()))
    years = s.scalars(select(extract("year", day)).where(model.deleted_at.is_(None), day.is_not(None))
                      .distinct().order_by(extract("year", day).desc()))
    return [i for i in issuers if i], [int(y) for y in years]


def read_item(uow: UnitOfWork, table: str, item_id: str) -> Reading:
    """Everything the reader pane shows; a read: no receipt (see `open_item`)."""
    s = uow.session
    row = s.execute(_item_query(table, reader_of(uow)).where(MODELS[table].id == item_id)).one()
    entity = s.get(MODELS[table], item_id)
    paragraphs = paragraphs_of(entity.body)
    position = s.get(ReadingPosition, (table, item_id))
    attachments = s.scalars(select(Attachment).where(Attachment.owner_table == table,
                                                       Attachment.owner_id == item_id,
                                                       Attachment.deleted_at.is_(None)))
    return Reading(item=_item(table, row), summary=entity.summary, paragraphs=paragraphs,
                   headings=[(i, p) for i, p in enumerate(paragraphs) if _is_heading(p)],
                   attachments=[Attached(a.filename, a.sha256, a.size) for a in attachments],
                   position=position.fraction if position else 0.0)


def open_item(uow: UnitOfWork, table: str, item_id: str) -> Reading:
    """The reader opening an item: the first opening records a read receipt (a write),
    then the item as `read_item` gives it, already marked read."""
    _touch_receipt(uow, table, item_id, 0.0)
    return read_item(uow, table, item_id)


def paragraphs_of(body: str) -> list[str]:
    """A body's paragraphs as the reader shows (and speech reads) them: split at blank lines."""
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def find_readable(uow: UnitOfWork, key: str) -> tuple[str, str, str]:
    """(number, title, body) of the document or article with id `key`, or of the newest
    document numbered `key` ("57-NQ/TW", spaces and case ignored); a read: no receipt."""
    s = uow.session
    for model in (Document, Article):
        item = s.get(model, key)
        if item is not None and item.deleted_at is None:
            return getattr(item, "number", "") or "", item.title, item.body
    wanted = "".join(key.split()).casefold()
    # Compared in Python: SQLite's lower() leaves "Đ" alone. Numbers repeat across
    # years (01-NQ/ĐU every term), so the newest document with the number is meant.
    rows = s.execute(select(Document.id, Document.number)
                     .where(Document.deleted_at.is_(None), Document.number != "")
                     .order_by(Document.issued_on.desc(), Document.created_at.desc()))
    for item_id, number in rows:
        if "".join(number.split()).casefold() == wanted:
            document = s.get(Document, item_id)
            return document.number, document.title, document.body
    raise UserError(_("Không tìm thấy văn bản “{key}” trong thư viện; hãy cho mã hoặc số hiệu, "
                      "ví dụ 57-NQ/TW.").format(key=key))


@dataclass(frozen=True)
class DocumentFields:
    """What a secretary may correct after an import recognised it imperfectly."""

    number: str
    doc_type: str
    issuer: str
    issued_on: date | None
    title: str


def update_document(uow: UnitOfWork, document_id: str, fields: DocumentFields) -> None:
    title = " ".join(fields.title.split())
    if not title:
        raise ValidationError(_("Tiêu đề văn bản không được để trống."))
    if fields.issued_on and fields.issued_on > uow.today():
        raise ValidationError(_("Ngày ban hành {day} ở tương lai.").format(day=format_date(fields.issued_on)))
    document = uow.session.get(Document, document_id)
    document.number = " ".join(fields.number.split())
    document.doc_type = DocumentType(fields.doc_type)
    document.issuer = " ".join(fields.issuer.split())
    document.issued_on = fields.issued_on
    document.title = title


def set_favorite(uow: UnitOfWork, table: str, item_id: str, favorite: bool) -> None:
    current = uow.session.get(Favorite, (table, item_id))
    if favorite and current is None:
        uow.session.add(Favorite(item_table=table, item_id=item_id))
    elif not favorite and current is not None:
        uow.session.delete(current)


def save_position(uow: UnitOfWork, table: str, item_id: str, fraction: float) -> None:
    s, fraction = uow.session, min(max(fraction, 0.0), 1.0)
    position = s.get(ReadingPosition, (table, item_id)) or ReadingPosition(item_table=table, item_id=item_id)
    position.fraction, position.updated_at = fraction, utcnow()
    s.add(position)
    _touch_receipt(uow, table, item_id, fraction)


def continue_reading(uow: UnitOfWork, limit: int = 5) -> list[LibraryItem]:
    """Items opened and left part-way, most recent first."""
    s, items = uow.session, []
    positions = s.scalars(select(ReadingPosition).where(ReadingPosition.fraction > 0,
                                                          ReadingPosition.fraction < FINISHED)
                          .order_by(ReadingPosition.updated_at.desc()).limit(limit)).all()
    for position in positions:
        row = s.execute(_item_query(position.item_table, reader_of(uow))
                        .where(MODELS[position.item_table].id == position.item_id)).one_or_none()
        if row is not None:
            items.append(_item(position.item_table, row))
    return items


def reader_of(uow: UnitOfWork) -> str:
    """Whose receipts this device writes and reads: the account's username, else "local"."""
    return uow.user or LOCAL_READER


def _touch_receipt(uow: UnitOfWork, table: str, item_id: str, fraction: float) -> None:
    """Receipts sync (committees see who read what, how far), so they go through the outbox.

    A receipt is the reader's and belongs to their cell (the document's unit is whoever
    published it); its id comes from (item, reader), so a second device of the same reader
    makes the same row and the server merges the two."""
    s, now, reader = uow.session, utcnow(), reader_of(uow)
    receipt_id = name_id(ReadReceipt.__tablename__, table, item_id, reader)
    receipt = s.get(ReadReceipt, receipt_id)
    if receipt is None:
        unit_id = uow.cell.unit_id or s.scalar(select(MODELS[table].unit_id).where(MODELS[table].id == item_id))
        s.add(ReadReceipt(id=receipt_id, unit_id=unit_id, item_table=table, item_id=item_id, reader=reader,
                          first_opened_at=now, last_read_at=now, furthest=fraction))
        return
    if receipt.deleted_at is not None:
        receipt.deleted_at = None
    if fraction > receipt.furthest:
        receipt.furthest, receipt.last_read_at = fraction, now


def _day_column(table: str):
    return Document.issued_on if table == DOCUMENTS else func.date(Article.published_at)


def _item_query(table: str, reader: str) -> Select:
    model = MODELS[table]
    unread = ~exists().where(ReadReceipt.item_table == table, ReadReceipt.item_id == model.id,
                             ReadReceipt.reader == reader, ReadReceipt.deleted_at.is_(None))
    favorite = exists().where(Favorite.item_table == table, Favorite.item_id == model.id)
    if table == DOCUMENTS:
        columns = (model.id, model.title, model.number, model.doc_type, model.issuer, model.issued_on,
                   model.revision)
        order = (model.issued_on.desc(), model.created_at.desc())
    else:
        columns = (model.id, model.title, literal(""), model.channel, model.source, model.published_at,
                   model.revision)
        order = (model.published_at.desc(),)
    return select(*columns, unread.label("unread"), favorite.label("favorite")).where(
        model.deleted_at.is_(None)).order_by(*order)


def _filtered(query: Select, model, flt: ItemFilter) -> Select:
    conditions = []
    if flt.category:
        conditions.append((model.doc_type if flt.table == DOCUMENTS else model.channel) == flt.category)
    if flt.issuer and flt.table == DOCUMENTS:
        conditions.append(model.issuer == flt.issuer)
    if flt.year:
        conditions.append(extract("year", _day_column(flt.table)) == flt.year)
    if flt.unread_only:
        conditions.append(query.selected_columns.unread)
    if flt.favorites_only:
        conditions.append(query.selected_columns.favorite)
    return query.where(and_(*conditions)) if conditions else query


def _item(table: str, row) -> LibraryItem:
    item_id, title, number, category, issuer, when, revision, unread, favorite = row
    day = when.astimezone(VIETNAM_TIME).date() if hasattr(when, "astimezone") and table == ARTICLES else when
    return LibraryItem(table, item_id, title, number or "", str(category), issuer or "", day, bool(unread),
                       bool(favorite), revision or 1)


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= 160 and bool(HEADING.match(paragraph)) and not paragraph.endswith(";")
