"""Adopting a cell set up offline: its records move into the account's cell on the server.

A secretary who kept the cell's notebook before having an account connects; the workspace
keeps its own cell (sync/account.py `connect`) until the secretary agrees to move it. Then,
in ONE unit of work: members matching ones the server already sent (card number, else name
and birth date; the secretary confirms each) are merged into the server's row (references
repointed, blank fields filled in, identical history steps not repeated); every other row of
the old cell takes the account's cell as its unit and is queued as a whole insert (the
server never saw it); the account's cell becomes the workspace's cell. Nothing is discarded:
a merged member's own row stays here as a tombstone that is never sent.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from handbook_desktop.core.access import grants_write
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.meetings import attendance_id
from handbook_desktop.core.models import Base, OutboxEntry, Syncable, WorkspaceFact, utcnow
from handbook_desktop.core.org import OrgUnit
from handbook_desktop.core.text import fold, format_date
from handbook_desktop.core.workspace import DEPUTY, HOME_UNIT, SECRETARY, UnitOfWork
from handbook_desktop.i18n import _
from sync.account import Account, account_of, set_fact
from sync.conflicts import TABLE_LABELS
from sync.protocol import RECORD_FIELDS
from sync.records import UNSENT_STATES, record_model, record_models, requeue_as_inserts

NOT_ADOPTED = ("sync_conflicts",)  # the server's own rows: a cell set up offline has none to send


@dataclass(frozen=True)
class MemberMatch:
    """A member of the offline cell who is already on the server."""

    local_id: str
    server_id: str
    full_name: str
    birth_date: date | None
    card_number: str
    server_name: str
    by_card: bool  # matched by card number; else by name and birth date


@dataclass(frozen=True)
class AdoptionPreview:
    from_cell: str
    to_cell: str
    counts: list[tuple[str, int]]  # (what, rows to send), only what has rows
    matches: list[MemberMatch]

    @property
    def total(self) -> int:
        return sum(n for _what, n in self.counts)


def adoption_pending(uow: UnitOfWork) -> bool:
    """True when the workspace keeps a cell of its own that is not its account's cell."""
    account = account_of(uow)
    home = uow.cell.unit_id
    return account is not None and home is not None and bool(account.unit_id) and home != account.unit_id


def preview(uow: UnitOfWork) -> AdoptionPreview:
    account, old = _check(uow)
    counts = []
    for model in _adopted_models():
        n = len(_rows_of(uow, model, old))
        if n:
            counts.append((_(TABLE_LABELS.get(model.__tablename__, model.__tablename__)), n))
    return AdoptionPreview(_unit_name(uow, old), account.unit_name or _unit_name(uow, account.unit_id), counts,
                           member_matches(uow, old, account.unit_id))


def member_matches(uow: UnitOfWork, old: str, new: str) -> list[MemberMatch]:
    member = record_model("members")
    live = (member.deleted_at.is_(None),)
    received = list(uow.session.scalars(select(member).where(member.unit_id == new, member.version > 0, *live)))
    by_card = {m.card_number.strip(): m for m in received if m.card_number.strip()}
    by_name = {(fold(" ".join(m.full_name.split())), m.birth_date): m for m in received if m.birth_date}
    matches = []
    for local in uow.session.scalars(select(member).where(member.unit_id == old, *live).order_by(member.full_name)):
        found = by_card.get(local.card_number.strip()) if local.card_number.strip() else None
        if found is None and local.birth_date is not None:
            found = by_name.get((fold(" ".join(local.full_name.split())), local.birth_date))
        if found is not None:
            matches.append(MemberMatch(local.id, found.id, local.full_name, local.birth_date, local.card_number,
                                       found.full_name, by_card=bool(local.card_number.strip())
                                       and local.card_number.strip() == found.card_number.strip()))
    return matches


def adopt(uow: UnitOfWork, merge: Collection[str] | None = None) -> AdoptionPreview:
    """Move the offline cell into the account's cell; `merge`: the local ids of matched
    members to merge (None: every match). Returns what was moved."""
    account, old = _check(uow)
    done = preview(uow)
    new, session = account.unit_id, uow.session
    matches = [m for m in done.matches if merge is None or m.local_id in merge]
    kept_here = {m.local_id for m in matches}  # stays in the file, never sent
    for match in matches:
        kept_here |= _merge_member(uow, match)
    queued: list[Syncable] = []
    for model in _adopted_models():
        for row in _rows_of(uow, model, old):
            row.unit_id = new
            if row.id not in kept_here:
                queued.append(row)
    session.flush()
    requeue_as_inserts(session, queued)
    _drop_unsent(uow, kept_here)
    _move_the_rest(uow, old, new)
    set_fact(uow, HOME_UNIT, new)
    uow.__dict__.pop("cell", None)
    return done


# ---- steps --------------------------------------------------------------------------------

def _check(uow: UnitOfWork) -> tuple[Account, str]:
    account = account_of(uow)
    if account is None:
        raise UserError(_("Máy này chưa đăng nhập máy chủ: hãy đăng nhập trước khi chuyển dữ liệu."))
    if not adoption_pending(uow):
        raise UserError(_("Dữ liệu này đã là của chi bộ {cell}: không có gì phải chuyển.").format(
            cell=account.unit_name))
    if uow.session.get(OrgUnit, account.unit_id) is None:
        raise UserError(_("Chưa nhận được chi bộ của tài khoản từ máy chủ: hãy đồng bộ một lần rồi thử lại."))
    if not grants_write(account.grants, account.unit_id):
        raise UserError(_("Tài khoản {user} không phải bí thư hay phó bí thư của {cell}: không thể chuyển dữ liệu "
                          "của chi bộ lên máy chủ.").format(user=account.username, cell=account.unit_name))
    return account, uow.cell.unit_id


def _adopted_models() -> list[type[Syncable]]:
    return [model for model in record_models().values() if model.__tablename__ not in NOT_ADOPTED]


def _rows_of(uow: UnitOfWork, model: type[Syncable], unit_id: str) -> list[Syncable]:
    query = select(model).where(model.unit_id == unit_id)
    if model.__tablename__ == "attachments":  # files of the cell's records; a library file stays local
        query = query.where(model.owner_table.in_(tuple(RECORD_FIELDS)))
    return list(uow.session.scalars(query.order_by(model.id)))


def _merge_member(uow: UnitOfWork, match: MemberMatch) -> set[str]:
    """The server's row stays; what only this device knew fills its blanks; every reference
    follows it; the local row becomes a tombstone kept here. Returns the ids of history steps
    the server already had."""
    session, member = uow.session, record_model("members")
    local, server = session.get(member, match.local_id), session.get(member, match.server_id)
    for field in RECORD_FIELDS["members"]:
        if getattr(server, field) in (None, "") and getattr(local, field) not in (None, ""):
            setattr(server, field, getattr(local, field))
    for model, column in _references_to_members():
        session.execute(update(model).where(column == match.local_id).values({column.key: match.server_id})
                        .execution_options(synchronize_session="fetch"))
    _rekey_attendance(uow, match.server_id)
    for key in (SECRETARY, DEPUTY):
        fact = session.get(WorkspaceFact, key)
        if fact is not None and fact.value == match.local_id:
            fact.value = match.server_id
    local.deleted_at = utcnow()
    return _repeated_events(uow, match.server_id)


def _rekey_attendance(uow: UnitOfWork, member_id: str) -> None:
    """A mark is known by (meeting, member) on every device: repointed to the server's member, it
    takes the id any device would give it, or a later mark from another laptop makes a second row."""
    session, attendance = uow.session, record_model("attendance")
    for row_id, meeting_id in session.execute(select(attendance.id, attendance.meeting_id)
                                              .where(attendance.member_id == member_id)).all():
        wanted = attendance_id(meeting_id, member_id)
        if row_id == wanted:
            continue
        loaded = session.get(attendance, row_id)
        if loaded is not None:
            session.expunge(loaded)  # its key changes below, outside the identity map
        session.execute(update(attendance).where(attendance.id == row_id).values(id=wanted)
                        .execution_options(synchronize_session=False))
        session.execute(update(OutboxEntry).where(OutboxEntry.entity_id == row_id).values(entity_id=wanted)
                        .execution_options(synchronize_session=False))


def _references_to_members() -> list:
    found = []
    for mapper in Base.registry.mappers:
        for column in mapper.columns:
            if any(key.column.table.name == "members" for key in column.foreign_keys):
                found.append((mapper.class_, getattr(mapper.class_, column.key)))
    return found


def _repeated_events(uow: UnitOfWork, server_member_id: str) -> set[str]:
    """A merged member's history steps that the server already holds (same kind, same day)
    are not sent twice: tombstoned here, kept in the file."""
    event = record_model("member_events")
    rows = list(uow.session.scalars(select(event).where(event.member_id == server_member_id,
                                                        event.deleted_at.is_(None))))
    known = {(row.kind, row.occurred_on) for row in rows if row.version > 0}
    repeated = {row.id for row in rows if row.version == 0 and (row.kind, row.occurred_on) in known}
    for row in rows:
        if row.id in repeated:
            row.deleted_at = utcnow()
    return repeated


def _drop_unsent(uow: UnitOfWork, ids: set[str]) -> None:
    """Rows that stay here only (a merged member, a repeated step): nothing of them is sent."""
    if ids:
        uow.session.flush()
        for entry in uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id.in_(sorted(ids)),
                                                                   OutboxEntry.state.in_(UNSENT_STATES))):
            uow.session.delete(entry)


def _move_the_rest(uow: UnitOfWork, old: str, new: str) -> None:
    """Rows that never travel (library items, users, the numbering counters) follow the cell
    too, without outbox entries."""
    adopted = {model.__tablename__ for model in _adopted_models()} - {"attachments"}
    for mapper in Base.registry.mappers:
        model = mapper.class_
        table = model.__tablename__
        if issubclass(model, Syncable) and table not in adopted and table != "org_units":
            query = update(model).where(model.unit_id == old)
            if table == "attachments":
                query = query.where(model.owner_table.not_in(tuple(RECORD_FIELDS)))
            uow.session.execute(query.values(unit_id=new).execution_options(synchronize_session=False))
            uow.mark_changed(table)
    counters = Base.metadata.tables["document_counters"]
    for row in uow.session.execute(select(counters).where(counters.c.unit_id == old)).mappings().all():
        key = (counters.c.unit_id == new) & (counters.c.doc_type == row["doc_type"]) & (counters.c.term == row["term"])
        present = uow.session.execute(select(counters.c.last_number).where(key)).scalar()
        if present is None:
            uow.session.execute(counters.insert().values({**row, "unit_id": new}))
        elif present < row["last_number"]:
            uow.session.execute(counters.update().where(key).values(last_number=row["last_number"]))
    uow.session.execute(counters.delete().where(counters.c.unit_id == old))
    uow.mark_changed("document_counters")


def _unit_name(uow: UnitOfWork, unit_id: str) -> str:
    return uow.session.scalar(select(OrgUnit.name).where(OrgUnit.id == unit_id)) or ""


def match_line(match: MemberMatch) -> str:
    """"Nguyễn Văn An (thẻ 01234567) = Nguyễn Văn A. trên máy chủ", for a list to confirm."""
    known = (_("thẻ {card}").format(card=match.card_number) if match.by_card
             else _("sinh {day}").format(day=format_date(match.birth_date)))
    return _("{name} ({known}) = {server} trên máy chủ").format(name=match.full_name, known=known,
                                                                  server=match.server_name)
