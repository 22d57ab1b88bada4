"""Rows from the server into the local database, inside the caller's transaction.

Pulled rows keep the server's ids, so a second pull of the same change finds and updates
the row: applying is idempotent. The caller's unit of work is opened without the outbox
(these rows came from the server and must not go back up) and with origin "sync", so open
screens refresh. Writes go through the ORM: the library's search index follows them.
A page is applied through a `Page`: what its changes look up is read up front with one query
per table, so applying needs no query per change and its new rows are flushed (and indexed)
together.

A cell's records (Entity.RECORD) are rebased on this device's unsent changes: a pulled row
never overwrites a field that still waits in the outbox, and an echo of a change this device
made changes nothing (only differing values are written). A row whose parent has not arrived waits in
`sync_waiting` until a later page brings it; foreign keys are checked at commit, so a parent
and its rows may come in any order within a page.
"""

from dataclasses import dataclass, field

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.library import Article, Channel, Document, DocumentType
from handbook_desktop.core.members import Member, MemberStatus
from handbook_desktop.core.models import Attachment, Base, WaitingRecord, utcnow
from handbook_desktop.core.org import OrgUnit, UnitKind
from sync.protocol import RECORD_FIELDS, Change, ChangeOp, Entity, ItemKind, MemberRecord, PublishedItem, RecordOut, UnitOut
from sync.records import assign, decode, open_fields, record_model, record_models

MODELS = {ItemKind.DOCUMENT: Document, ItemKind.ARTICLE: Article}


@dataclass
class Tally:
    pulled: int = 0  # documents and articles new or corrected
    withdrawn: int = 0
    titles: list[str] = field(default_factory=list)  # of the items pulled, in order
    records: int = 0  # rows of the cell's records new or changed here
    conflicts: int = 0  # new conflicts for a person to decide
    seen: set[str] = field(default_factory=set)  # ids of the records the page named


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
    resync: bool = False  # pulling from the start: the server's rows are the truth, whatever their version

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


def apply_page(session: Session, home_unit_id: str, changes: list[Change], resync: bool = False) -> Tally:
    """Apply a page's changes; without autoflush its new rows are flushed (and indexed)
    together at the end rather than one by one before each lookup."""
    page, tally = Page.load(session, home_unit_id, changes), Tally()
    page.resync = resync
    with session.no_autoflush:
        for change in changes:
            if change.entity != Entity.RECORD:
                apply_change(page, change, tally)
        apply_records(page, [change for change in changes if change.entity == Entity.RECORD], tally)
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


# ---- a cell's records ----------------------------------------------------------------------

@dataclass
class Candidate:
    """A record to apply: from this page, or a row that waited for its parent."""

    seq: int
    table: str | None  # None: a delete whose table the server did not say
    row_id: str
    row: dict | None  # None: a delete
    waited: bool = False
    values: dict = field(default_factory=dict)


def apply_records(page: Page, changes: list[Change], tally: Tally) -> None:
    session = page.session
    waiting = {entry.row_id: entry for entry in session.scalars(select(WaitingRecord))}
    latest: dict[str, Candidate] = {}
    for entry in waiting.values():
        latest[entry.row_id] = Candidate(entry.seq, entry.table_name, entry.row_id, entry.row, waited=True)
    for change in changes:
        tally.seen.add(change.id)
        candidate = _candidate(change)
        if candidate is not None and (change.id not in latest or latest[change.id].seq <= change.seq):
            latest[change.id] = candidate
    if not latest:
        return
    existing = _existing_rows(session, list(latest.values()))
    ready = _ready(page, [c for c in latest.values() if c.row is not None])
    protected = open_fields(session, [c.row_id for c in latest.values() if c.row_id in existing])
    for candidate in sorted(latest.values(), key=lambda c: c.seq):
        here = existing.get(candidate.row_id)
        if candidate.row is None:
            if here is not None and here.deleted_at is None:
                here.deleted_at = utcnow()  # out of this device's sight now (a member moved away)
                tally.records += 1
        elif candidate.row_id in ready:
            _apply_record(page, candidate, here, protected.get(candidate.row_id, set()), tally)
        else:  # its parent has not arrived: it waits for a later page
            entry = waiting.get(candidate.row_id)
            if entry is None:
                session.add(WaitingRecord(table_name=candidate.table, row_id=candidate.row_id, seq=candidate.seq,
                                          row=candidate.row))
            elif not candidate.waited:
                entry.table_name, entry.seq, entry.row = candidate.table, candidate.seq, candidate.row
            continue
        if candidate.row_id in waiting:
            session.delete(waiting.pop(candidate.row_id))


def _candidate(change: Change) -> Candidate | None:
    """None for a record this version cannot read (unknown table, malformed row): skipped."""
    if change.op == ChangeOp.DELETE:
        table = (change.data or {}).get("table")
        return Candidate(change.seq, table if record_model(table or "") else None, change.id, None)
    try:
        record = RecordOut.model_validate(change.data)
        model = record_model(record.table)
        if model is None:
            return None
        candidate = Candidate(change.seq, record.table, change.id, record.row)
        candidate.values = decode(model, record.row)
        return candidate
    except (ValidationError, ValueError, TypeError):
        return None


def _existing_rows(session: Session, candidates: list[Candidate]) -> dict[str, object]:
    """id -> the local row of each candidate, one query per table."""
    by_table: dict[str | None, list[str]] = {}
    for candidate in candidates:
        by_table.setdefault(candidate.table, []).append(candidate.row_id)
    rows = {}
    for table, ids in by_table.items():
        for model in ([record_model(table)] if table else record_models().values()):
            rows.update((row.id, row) for row in session.scalars(select(model).where(model.id.in_(ids))))
    wanted = {candidate.row_id for candidate in candidates}
    # Rows this page added but did not flush yet (the user's own member record, an item's file).
    rows.update((row.id, row) for row in session.new if getattr(row, "id", None) in wanted)
    return rows


def _ready(page: Page, candidates: list[Candidate]) -> set[str]:
    """Ids of the candidates whose parents are all here or come with them. A missing parent
    outside the cell's records (a document on another laptop) is left out instead, when the
    column allows it."""
    for candidate in candidates:  # rows that waited were decoded when they arrived
        if not candidate.values:
            candidate.values = decode(record_model(candidate.table), candidate.row)
    wanted: dict[str, set[str]] = {}
    links: dict[str, list[tuple[str, str, str, bool]]] = {}
    for candidate in candidates:
        table = record_model(candidate.table).__table__
        for column in table.columns:
            value = candidate.values.get(column.name)
            for key in column.foreign_keys if value is not None else ():
                target = key.column.table.name
                links.setdefault(candidate.row_id, []).append((column.name, target, value, column.nullable))
                wanted.setdefault(target, set()).add(value)
    present = {"org_units": page.units}
    for target, ids in wanted.items():
        if target != "org_units":
            column = Base.metadata.tables[target].c.id
            present[target] = set(page.session.scalars(select(column).where(column.in_(ids))))
    ready = {candidate.row_id for candidate in candidates}
    changed = True
    while changed:
        changed = False
        for candidate in candidates:
            if candidate.row_id not in ready:
                continue
            for name, target, value, nullable in links.get(candidate.row_id, ()):
                if value in present[target] or (target in RECORD_FIELDS and value in ready):
                    continue
                if target not in RECORD_FIELDS and target != "org_units" and nullable:
                    candidate.values[name] = None
                    continue
                ready.discard(candidate.row_id)
                changed = True
                break
    return ready


def _apply_record(page: Page, candidate: Candidate, here, keep: set[str], tally: Tally) -> None:
    model = record_model(candidate.table)
    version = candidate.row.get("version") or candidate.seq
    if here is None:
        if _lacks_required(model, candidate.values):
            return
        page.session.add(model(id=candidate.row_id, version=version, **candidate.values))
        tally.records += 1
        if candidate.table == "sync_conflicts" and candidate.values.get("resolved_at") is None:
            tally.conflicts += 1
        return
    if (here.version or 0) > version and not page.resync:
        return  # older than what this device's acknowledged changes made of it
    # The same version is applied too: an acknowledgement moved the version up without the
    # other devices' changes merged in before it; an echo of this device's change differs in
    # nothing, so it changes nothing.
    if assign(here, candidate.values, keep):
        tally.records += 1
    here.version = max(here.version or 0, version) if not page.resync else version


def _lacks_required(model, values: dict) -> bool:
    """A new row the server sent without a column that cannot be empty here (a projection
    this version does not expect): skipped rather than a page that never commits."""
    return any(not column.nullable and column.default is None and column.server_default is None
               and not column.primary_key and column.name not in values and column.name != "version"
               for column in model.__table__.columns)


def sweep_unsent(session: Session, seen: set[str]) -> int:
    """After a full resync: rows that came from the server before and that it no longer sent
    (its tombstones were purged, or it was restored from a backup) are tombstoned, unless this
    device still has to send them."""
    now, swept = utcnow(), 0
    for model in record_models().values():
        stale = [row for row in session.scalars(select(model).where(model.version > 0, model.deleted_at.is_(None)))
                 if row.id not in seen]
        keep = open_fields(session, [row.id for row in stale])
        for row in stale:
            if row.id not in keep:
                row.deleted_at = now
                swept += 1
    return swept


def _assign(row, **values) -> None:
    """Set only what differs: an unchanged row stays clean (no index or change noise)."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
