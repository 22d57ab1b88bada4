"""One sync round: push this device's changes (push.py), pull pages of changes after the
stored cursor, then fetch the files they name.

Each page is applied in one unit of work together with its new cursor, so a round cut off
anywhere resumes after the last whole page and never half-applies one. A server restored
from a backup answers "resync required": the cursor goes back to the start and everything
is pulled again (applying is idempotent) and the cell's records the server no longer has are
tombstoned, except those with unsent changes: the outbox is never discarded. Files are
fetched by SHA-256 into a partial file, resumed after a drop, verified, then moved into place.
When nothing changed and the access token is valid, a round is one request (GET /changes).
"""

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from handbook_desktop.core import attachments as store
from handbook_desktop.core.errors import Cancelled, is_disk_full
from handbook_desktop.core.library import Article, Document
from handbook_desktop.core.models import Attachment, SyncCursor, SyncRun, utcnow
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.workspace import SYNC, UnitOfWork, Workspace
from handbook_desktop.i18n import _
from sync import errors
from sync.account import DEVICE_ID, Account, current_account, forget_tokens, open_client, set_fact
from sync.apply import Tally, apply_page, sweep_unsent
from sync.client import Client, ResyncRequired
from sync.push import push
from sync.protocol import RECORD_FIELDS, ChangesPage, LoginRequest

PARTIAL_SUFFIX = ".partial"  # not a hash name: the store's orphan sweep leaves it for resuming
PAGE_LIMIT: int | None = None  # None: the server's default page size
DOWNLOAD_TRIES = 3  # drops survived per file within one round; the next round resumes anyway


@dataclass
class SyncReport:
    pulled: int = 0
    withdrawn: int = 0
    attachments: int = 0
    bytes: int = 0
    seconds: float = 0.0
    titles: list[str] = field(default_factory=list)  # what arrived (new or corrected), in order
    records: int = 0  # rows of the cell's records received (new, changed or tombstoned)
    pushed: int = 0  # this device's changes the server took
    rejected: int = 0  # ... and refused; `problems` says why
    conflicts: int = 0  # new conflicts for the secretary to decide (the Xung đột list)
    problems: list[str] = field(default_factory=list)


def sync_once(workspace: Workspace, password: str | None = None, progress: Progress | None = None,
              cancel: Callable[[], bool] | None = None) -> SyncReport:
    """One round for the workspace's account; raises a SyncError (recorded in the history)
    when it cannot finish. What was applied before the failure stays applied."""
    progress = progress or Progress()
    account = current_account(workspace)
    if workspace.perform(lambda uow: uow.cell.is_demo, read_only=True):
        raise errors.demo_never_syncs()
    if account is None:
        raise errors.not_connected()
    started, clock, report = utcnow(), time.monotonic(), SyncReport()

    def check() -> None:
        progress.check()
        if cancel is not None and cancel():
            raise Cancelled()

    try:
        client = open_client(account, password)
        try:
            try:
                _push_and_pull(workspace, client, account, report, progress, check)
            except errors.SessionEnded:
                forget_tokens(account)  # dead: the next round must log in, not try them again
                if password is None:
                    raise
                client.login(LoginRequest(username=account.username, password=password,
                                          device_id=account.device_id or None))
                _push_and_pull(workspace, client, account, report, progress, check)
            _note_device(workspace, account, client)
            _fetch_files(workspace, client, report, progress, check)
        finally:
            client.close()
    except errors.SyncError as exc:
        _record(workspace, started, report, ok=False, message=exc.message, hint=exc.hint)
        raise
    except Cancelled:
        _record(workspace, started, report, ok=False, message=_("Đã hủy lần đồng bộ."))
        raise
    report.seconds = time.monotonic() - clock
    _record(workspace, started, report, ok=True)
    return report


def _push_and_pull(workspace: Workspace, client: Client, account: Account, report: SyncReport,
                   progress: Progress, check: Callable[[], None]) -> None:
    """Push first: what the server then sends already holds this device's accepted changes."""
    pushed = push(workspace, client, account, check)
    report.pushed += pushed.accepted
    report.rejected += pushed.rejected
    report.problems += pushed.messages
    _pull(workspace, client, account, report, progress, check)


def _pull(workspace: Workspace, client: Client, account: Account, report: SyncReport, progress: Progress,
          check: Callable[[], None]) -> None:
    cursor = workspace.perform(lambda uow: _cursor_of(uow, account.server_url), read_only=True)
    restarted, from_start = False, not cursor
    seen: set[str] = set()  # during a pull from the start: every record the server still has
    while True:
        check()
        try:
            page = client.changes(cursor, PAGE_LIMIT)
        except ResyncRequired:
            if restarted:
                raise
            cursor, restarted, from_start = "", True, True
            continue
        tally = workspace.perform(lambda uow: _apply_page(uow, account.server_url, page, from_start), origin=SYNC,
                                  record_outbox=False)
        report.pulled += tally.pulled
        report.withdrawn += tally.withdrawn
        report.titles += tally.titles
        report.records += tally.records
        report.conflicts += tally.conflicts
        seen |= tally.seen
        cursor = page.cursor
        if page.changes:
            progress.report(report.pulled, 0, _("Đã nhận {n} văn bản, bài viết").format(n=report.pulled))
        if not page.more:
            break
    if from_start:
        report.records += workspace.perform(lambda uow: sweep_unsent(uow.session, seen), origin=SYNC,
                                            record_outbox=False)


def _note_device(workspace: Workspace, account: Account, client: Client) -> None:
    """A login after a revocation makes a new device on the server: remember its id."""
    if client.tokens is not None and client.tokens.device_id != account.device_id:
        workspace.perform(lambda uow: set_fact(uow, DEVICE_ID, client.tokens.device_id), origin=SYNC,
                          record_outbox=False)


def _cursor_of(uow: UnitOfWork, server_url: str) -> str:
    row = uow.session.get(SyncCursor, server_url)
    return row.cursor if row else ""


def _apply_page(uow: UnitOfWork, server_url: str, page: ChangesPage, resync: bool) -> Tally:
    tally = apply_page(uow.session, uow.home_unit_id, page.changes, resync)
    row = uow.session.get(SyncCursor, server_url)
    if row is None:
        row = SyncCursor(server_url=server_url)
        uow.session.add(row)
    row.cursor, row.last_sync_at = page.cursor, utcnow()
    return tally


# ---- files ----------------------------------------------------------------------------------

def missing_files(uow: UnitOfWork) -> list[tuple[str, int]]:
    """(sha256, size) of the files of live pulled items, and of the cell's records pulled
    from another device, not yet on this computer."""
    wanted: dict[str, int] = {}
    for model in (Document, Article):
        rows = uow.session.execute(
            select(Attachment.sha256, Attachment.size)
            .join(model, (model.id == Attachment.owner_id) & (Attachment.owner_table == model.__tablename__))
            .where(Attachment.deleted_at.is_(None), model.deleted_at.is_(None), model.version > 0))
        wanted.update((sha256, size) for sha256, size in rows)
    wanted.update(uow.session.execute(
        select(Attachment.sha256, Attachment.size)
        .where(Attachment.deleted_at.is_(None), Attachment.version > 0, Attachment.owner_table.in_(RECORD_FIELDS))).all())
    return [(sha256, size) for sha256, size in sorted(wanted.items())
            if not store.blob_path(uow.data_dir, sha256).is_file()]


def _fetch_files(workspace: Workspace, client: Client, report: SyncReport, progress: Progress,
                 check: Callable[[], None]) -> None:
    missing = workspace.perform(missing_files, read_only=True)
    for done, (sha256, _size) in enumerate(missing):
        check()
        progress.report(done, len(missing), _("Đang tải tệp đính kèm {done}/{total}").format(
            done=done + 1, total=len(missing)))
        received = fetch_file(client, workspace.data_dir, sha256, check)
        if received is not None:
            report.attachments += 1
            report.bytes += received


def fetch_file(client: Client, data_dir: Path, sha256: str, check: Callable[[], None] = lambda: None) -> int | None:
    """Download one file into the store; returns the bytes received, None if the server does
    not have it (yet). A corrupted download is deleted and fetched once more."""
    target = store.blob_path(data_dir, sha256)
    partial = target.with_name(sha256 + PARTIAL_SUFFIX)
    received = 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            got = _download_resuming(client, sha256, partial, check)
            if got is None:
                return None
            received += got
            if _sha256_of_file(partial) == sha256:
                os.replace(partial, target)
                return received
            partial.unlink(missing_ok=True)
    except OSError as exc:
        if is_disk_full(exc):
            partial.unlink(missing_ok=True)  # give the space back; the next round starts the file again
        raise errors.files_not_stored(exc) from exc
    raise errors.SyncError(_("Tệp đính kèm tải về bị hỏng hai lần liền (mã {sha}…).").format(sha=sha256[:12]),
                           _("Hãy đồng bộ lại sau; nếu vẫn lỗi, hãy báo quản trị viên của máy chủ."))


def _download_resuming(client: Client, sha256: str, partial: Path, check: Callable[[], None]) -> int | None:
    received = 0
    for attempt in range(DOWNLOAD_TRIES):
        offset = partial.stat().st_size if partial.exists() else 0
        try:
            answer = client.download(sha256, offset)
            if answer is None:
                return None
            resumed, chunks = answer
            with open(partial, "ab" if resumed else "wb") as handle:
                for chunk in chunks:
                    check()
                    handle.write(chunk)
                    received += len(chunk)
                handle.flush()
                os.fsync(handle.fileno())  # the rename into place must not reach the disk first
            return received
        except errors.ServerUnreachable:
            if attempt == DOWNLOAD_TRIES - 1:
                raise
    return received


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---- history --------------------------------------------------------------------------------

def _record(workspace: Workspace, started, report: SyncReport, *, ok: bool, message: str = "", hint: str = "") -> None:
    def add(uow: UnitOfWork) -> None:
        uow.session.add(SyncRun(started_at=started, finished_at=utcnow(), ok=ok, pulled=report.pulled,
                                withdrawn=report.withdrawn, attachments=report.attachments, records=report.records,
                                pushed=report.pushed, rejected=report.rejected, conflicts=report.conflicts,
                                message=message, hint=hint))

    workspace.perform(add, origin=SYNC, record_outbox=False)
