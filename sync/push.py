"""The push half of a sync round: this device's changes to the cell's records, up to the server.

Open outbox entries (pending, or sent without a stored answer) go in seq order, in batches
of at most PUSH_BATCH_MAX. Each batch: the files of new attachments are uploaded first (by
hash, skipped when the server has them); the entries are marked sent in one unit of work;
POST /push; the answers are stored in one more. An answer lost on the way leaves entries
"sent": the next round sends them again with the same op_id, and the server answers what it
answered before, so nothing is applied twice. With nothing to send there is no request.

Storing an answer: accepted -> acknowledged, the row's version moves up, and the row's later
open entries are rebased on it; a `row` from the server (a merged field, a refusal) is
written into the local row, except fields this device still has to send; a refused insert
with no row on the server is tombstoned here (its content stays in the outbox entry and in
the server's conflict row). A refusal blocks nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from handbook_desktop.core import attachments as store
from handbook_desktop.core.models import OPEN_STATES, OutboxEntry, OutboxState, utcnow
from handbook_desktop.core.workspace import SYNC, UnitOfWork, Workspace
from sync import errors
from sync.account import Account
from sync.client import Client
from sync.protocol import PUSH_BATCH_MAX, RECORD_FIELDS, PushChange, PushRequest, PushResult, PushStatus, Role
from sync.records import assign, decode, open_fields, record_model

WRITERS = frozenset({Role.SECRETARY, Role.DEPUTY_SECRETARY})
# What a reader's device (a member, a committee) sends: their own read receipts, nothing else.
READER_TABLES = frozenset({"read_receipts"})


@dataclass
class Pushed:
    accepted: int = 0
    rejected: int = 0
    conflicts: int = 0
    messages: list[str] = field(default_factory=list)  # why changes were refused, in words


def may_write(account: Account, cell_id: str | None) -> bool:
    """A secretary or deputy of this cell (or an admin) sends the cell's records."""
    return any(role == Role.ADMIN or (role in WRITERS and unit == cell_id) for unit, role in account.grants)


def push(workspace: Workspace, client: Client, account: Account, check: Callable[[], None] = lambda: None) -> Pushed:
    pushed, after = Pushed(), 0
    while True:
        batch = workspace.perform(lambda uow: _open_entries(uow, account, after), read_only=True)
        if not batch:
            return pushed
        check()
        sending = _upload_files(workspace, client, batch)
        if sending:
            changes = workspace.perform(lambda uow: _mark_sent(uow, [entry.seq for entry in sending]), origin=SYNC,
                                        record_outbox=False)
            response = client.push(PushRequest(changes=changes))
            workspace.perform(lambda uow: store_results(uow, response.results, pushed), origin=SYNC,
                              record_outbox=False)
        after = batch[-1].seq
        if len(batch) < PUSH_BATCH_MAX:
            return pushed


def _open_entries(uow: UnitOfWork, account: Account, after: int) -> list[OutboxEntry]:
    tables = RECORD_FIELDS.keys() if may_write(account, uow.cell.unit_id) else READER_TABLES
    entries = list(uow.session.scalars(
        select(OutboxEntry).where(OutboxEntry.seq > after, OutboxEntry.state.in_(OPEN_STATES),
                                  OutboxEntry.entity.in_(tables))
        .order_by(OutboxEntry.seq).limit(PUSH_BATCH_MAX)))
    uow.session.expunge_all()
    return entries


def _upload_files(workspace: Workspace, client: Client, batch: list[OutboxEntry]) -> list[OutboxEntry]:
    """Send the files of new attachments the server lacks. An attachment whose file the
    server refuses (this account may not upload) waits for a later round with the later
    entries of its row, rather than pointing at a file the server does not have; the rest
    of the batch goes on."""
    kept, held = [], set()
    for entry in batch:
        if entry.entity_id in held:
            continue
        sha256 = entry.payload.get("sha256") if entry.entity == "attachments" and entry.op == "insert" else None
        path = store.blob_path(workspace.data_dir, sha256) if sha256 else None
        if path is not None and path.is_file():
            try:
                if not client.has_attachment(sha256):
                    client.upload_attachment(sha256, path.read_bytes())
            except errors.Forbidden:
                held.add(entry.entity_id)
                continue
        kept.append(entry)
    return kept


def _mark_sent(uow: UnitOfWork, seqs: list[int]) -> list[PushChange]:
    now, changes = utcnow(), []
    for entry in uow.session.scalars(select(OutboxEntry).where(OutboxEntry.seq.in_(seqs)).order_by(OutboxEntry.seq)):
        entry.state, entry.sent_at, entry.attempts = OutboxState.SENT, now, (entry.attempts or 0) + 1
        changes.append(PushChange(op_id=entry.op_id, entity=entry.entity, entity_id=entry.entity_id, op=entry.op,
                                  base_version=entry.base_version, payload=entry.payload))
    return changes


def store_results(uow: UnitOfWork, results: list[PushResult], pushed: Pushed) -> None:
    """The server's answers, in the order of the entries; an entry with no answer stays sent."""
    session = uow.session
    answers = {result.op_id: result for result in results}
    entries = list(session.scalars(select(OutboxEntry).where(OutboxEntry.op_id.in_(answers))
                                   .order_by(OutboxEntry.seq)))
    for entry in entries:
        result = answers[entry.op_id]
        model = record_model(entry.entity)
        row = session.get(model, entry.entity_id) if model is not None else None
        entry.last_error = result.message
        if result.status == PushStatus.ACCEPTED:
            entry.state, entry.acknowledged_at, entry.result_version = OutboxState.ACKNOWLEDGED, utcnow(), result.version
            pushed.accepted += 1
            if result.version is not None:
                _rebase(uow, entry, result.version)
                if row is not None:
                    row.version = max(row.version or 0, result.version)
        else:
            entry.state = OutboxState.REJECTED if result.status == PushStatus.REJECTED else OutboxState.CONFLICT
            if result.status == PushStatus.REJECTED:
                pushed.rejected += 1
                pushed.messages.append(result.message)
            else:
                pushed.conflicts += 1
            if row is not None and result.row is None and entry.op == "insert" and row.deleted_at is None:
                row.deleted_at = utcnow()  # the server has no such row: its content waits in the conflict list
        if row is not None and result.row is not None:
            _take_server_row(uow, entry, row, result.row)


def _rebase(uow: UnitOfWork, entry: OutboxEntry, version: int) -> None:
    """Later open entries of the row were made on top of this change: their base is now it."""
    for later in uow.session.scalars(select(OutboxEntry).where(
            OutboxEntry.entity_id == entry.entity_id, OutboxEntry.seq > entry.seq,
            OutboxEntry.state.in_(OPEN_STATES))):
        later.base_version = max(later.base_version, version)


def _take_server_row(uow: UnitOfWork, entry: OutboxEntry, row, server_row: dict) -> None:
    """What the server holds now, except the fields this device has yet to send."""
    try:
        values = decode(type(row), server_row)
    except (ValueError, TypeError):
        return
    assign(row, values, keep=open_fields(uow.session, [entry.entity_id]).get(entry.entity_id, set()))
    if server_row.get("version"):
        row.version = max(row.version or 0, server_row["version"])
