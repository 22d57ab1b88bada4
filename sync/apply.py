"""Rows from the server into the local database, inside the caller's transaction.

Pulled rows keep the server's ids, so a second pull of the same change finds and updates
the row: applying is idempotent. The caller's unit of work is opened without the outbox
(these rows came from the server and must not go back up) and with origin "sync", so open
screens refresh. Writes go through the ORM: the library's search index follows them.
A page is applied through a `Page`: what its changes look up is read up front with one query
per table, so applying needs no query per change and its new rows are flushed (and indexed)
together.
"""

from dataclasses import dataclass, field

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.library import Article, Channel, Document, DocumentType
from handbook_desktop.core.members import Member, MemberStatus
from handbook_desktop.core.models import Attachment, utcnow
from handbook_desktop.core.org import OrgUnit, UnitKind
from sync.protocol import Change, ChangeOp, Entity, ItemKind, MemberRecord, PublishedItem, UnitOut

MODELS = {ItemKind.DOCUMENT: Document, ItemKind.ARTICLE: Article}


@dataclass
class Tally:
    pulled: int = 0  # documents and articles new or corrected
    withdrawn: int = 0
    titles: list[str] = field(default_factory=list)  # of the items pulled, in order


@dataclass
class Page:
    """One page being applied: the session, the workspace's cell, and the local rows its
    changes look up (its items that exist here, their files' rows by owner id, the ids of
    the units known here), read once by `load`."""

    session: Session
    home_unit_id: str
    items: dict[str, Document | Article]
    files: dict[str, list[Attachment]]
    units: set[str]

    @classmethod
    def load(cls, session: Session, home_unit_id: str, changes: list[Change]) -> "Page":
        ids = [change.id for change in changes if change.entity == Entity.ITEM]
        items = {row.id: row for model in MODELS.values()
                 for row in session.scalars(select(model).where(model.id.in_(ids)))}
        files: dict[str, list[Attachment]] = {}
        for row in session.scalars(select(Attachment).where(Attachment.owner_id.in_(ids))):
            files.setdefault(row.owner_id, []).append(row)
        return cls(session, home_unit_id, items, files, set(session.scalars(select(OrgUnit.id))))

    def item(self, model: type[Document | Article], item_id: str) -> Document | Article | None:
        row = self.items.get(item_id)  # not here: the item is new
        return row if isinstance(row, model) else None

    def files_of(self, row: Document | Article) -> list[Attachment]:
        return [file for file in self.files.get(row.id, ()) if file.owner_table == row.__tablename__]

    def known_unit(self, unit_id: str) -> str:
        """`unit_id` when this workspace knows the unit, else its own cell (a foreign key must hold)."""
        return unit_id if unit_id in self.units else self.home_unit_id


def apply_page(session: Session, home_unit_id: str, changes: list[Change]) -> Tally:
    """Apply a page's changes; without autoflush its new rows are flushed (and indexed)
    together at the end rather than one by one before each lookup."""
    page, tally = Page.load(session, home_unit_id, changes), Tally()
    with session.no_autoflush:
        for change in changes:
            apply_change(page, change, tally)
    return tally


def apply_change(page: Page, change: Change, tally: Tally) -> None:
    """One change; a change this version cannot read is skipped, never a failed page: a newer
    server may send entities an older client does not know."""
    try:
        if change.entity == Entity.ITEM:
            if change.op == ChangeOp.DELETE:
                tally.withdrawn += withdraw_item(page, change.id)
            else:
                item = PublishedItem.model_validate(change.data)
                upsert_item(page, item, change.seq)
                if item.withdrawn_at is None:
                    tally.pulled += 1
                    tally.titles.append(item.title)
                else:
                    tally.withdrawn += 1
        elif change.entity == Entity.UNIT:
            if change.op == ChangeOp.DELETE:
                _retire_unit(page, change.id)
            else:
                page.units.add(upsert_unit(page.session, UnitOut.model_validate(change.data)).id)
        elif change.entity == Entity.MEMBER and change.op == ChangeOp.UPSERT:
            upsert_member(page, MemberRecord.model_validate(change.data))
    except (ValidationError, ValueError):
        return


def upsert_unit(session: Session, unit: UnitOut) -> OrgUnit:
    row = session.get(OrgUnit, unit.id) or OrgUnit(id=unit.id)
    _assign(row, kind=UnitKind(unit.kind.value), name=unit.name, code=unit.code, parent_id=unit.parent_id,
            unit_id=unit.parent_id or unit.id, deleted_at=None)  # a unit's own unit is its parent
    session.add(row)  # after the values: a query before the flush must not flush a half-filled row
    return row


def _retire_unit(page: Page, unit_id: str) -> None:
    row = page.session.get(OrgUnit, unit_id)
    if row is not None and unit_id != page.home_unit_id and row.deleted_at is None:
        row.deleted_at = utcnow()


def upsert_item(page: Page, item: PublishedItem, seq: int) -> Document | Article:
    model = MODELS[item.kind]
    unit_id = page.known_unit(item.publisher_unit_id)
    row = page.item(model, item.id) or model(id=item.id)
    common = dict(title=item.title, summary=item.summary, body=item.body, revision=item.revision,
                  publisher=item.publisher_name, version=seq, created_at=item.published_at,
                  updated_at=item.updated_at, deleted_at=item.withdrawn_at,
                  unit_id=unit_id)
    if model is Document:
        doc_type = item.doc_type if item.doc_type in DocumentType._value2member_map_ else DocumentType.KHAC
        _assign(row, **common, number=item.number, doc_type=DocumentType(doc_type), issuer=item.issuer,
                issued_on=item.issued_on, category=item.category)
    else:
        channel = item.channel if item.channel in Channel._value2member_map_ else Channel.REFERENCE
        _assign(row, **common, channel=Channel(channel), author=item.author, source=item.source,
                published_at=item.published_at)
    page.session.add(row)
    _attachments_of(page, row, item)
    return row


def withdraw_item(page: Page, item_id: str) -> int:
    """Tombstone the item (and its files' rows); 1 if it was live here, else 0."""
    for model in (Document, Article):
        row = page.item(model, item_id)
        if row is not None and row.deleted_at is None:
            now = utcnow()
            row.deleted_at = now
            for attachment in page.files_of(row):
                if attachment.deleted_at is None:
                    attachment.deleted_at = now
            return 1
    return 0


def _attachments_of(page: Page, row: Document | Article, item: PublishedItem) -> None:
    wanted = {ref.sha256: ref for ref in item.attachments}
    have = {attachment.sha256: attachment for attachment in page.files_of(row)}
    now = utcnow()
    for sha256, attachment in have.items():
        if sha256 not in wanted or row.deleted_at is not None:
            if attachment.deleted_at is None:
                attachment.deleted_at = now
        else:
            ref = wanted[sha256]
            _assign(attachment, filename=ref.filename[:255], mime_type=ref.mime_type, size=ref.size, deleted_at=None)
    for sha256, ref in wanted.items():
        if sha256 not in have and row.deleted_at is None:
            page.session.add(Attachment(unit_id=row.unit_id, owner_table=row.__tablename__, owner_id=row.id,
                                   sha256=sha256, filename=ref.filename[:255], mime_type=ref.mime_type, size=ref.size))


def upsert_member(page: Page, record: MemberRecord) -> Member:
    """The user's own member record: the fields the server keeps, nothing else touched."""
    status = record.status if record.status in MemberStatus._value2member_map_ else None
    row = page.session.get(Member, record.id)
    if row is None:
        row = Member(id=record.id, unit_id=page.known_unit(record.unit_id),
                     status=MemberStatus(status or MemberStatus.OFFICIAL))
    _assign(row, full_name=record.full_name, birth_date=record.birth_date, card_number=record.card_number[:16])
    if status:
        _assign(row, status=MemberStatus(status))
    page.session.add(row)
    return row


def _assign(row, **values) -> None:
    """Set only what differs: an unchanged row stays clean (no index or change noise)."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
