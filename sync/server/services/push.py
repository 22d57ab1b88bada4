"""The upward sync: a batch of a device's changes, each applied on its own.

Each change runs in its own SAVEPOINT, in order: a change that fails (a refusal, or even an
unexpected error) becomes that change's REJECTED result and the rest of the batch goes on;
the batch commits once. Its result is kept by op_id, so a replay answers it again and
applies nothing twice. What the merge rules decide is in services/merge.py.
"""

import logging
from contextlib import nullcontext
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import COMMON_FIELDS, RECORD_FIELDS, PushChange, PushResult, PushStatus, Role, UnitKind
from sync.server.models import PushOp, RecordRow, Unit
from sync.server.services import feed, merge
from sync.server.services.accounts import Caller
from sync.server.services.merge import Refused, Writer
from sync.server.services.records import find_record, parse_moment

log = logging.getLogger("sync.server")

# Documents and articles come down from the levels above; a workstation never sends them.
PUBLISHED_TABLES = frozenset({"documents", "articles"})
OPS = ("insert", "update", "delete")
OFFICERS = frozenset({Role.SECRETARY, Role.DEPUTY_SECRETARY})
INTEGERS = frozenset({"version", "position", "number", "planned_minutes", "agree", "disagree", "abstain", "size"})
NUMBERS = frozenset({"furthest"})
FAILED = ("Máy chủ gặp lỗi khi ghi thay đổi này nên không nhận nó; các thay đổi khác vẫn được nhận. "
          "Hãy báo quản trị viên máy chủ.")


def push(session: Session, caller: Caller, changes: list[PushChange]) -> list[PushResult]:
    """Apply the changes in order, each on its own. The batch first runs in one go (a change
    the rules refuse is refused before it writes anything); only if something breaks
    unexpectedly is it run again with a savepoint per change, so the broken change alone is
    refused (six round trips per change saved on the common path)."""
    try:
        return _push(session, caller, changes, careful=False)
    except Exception:  # noqa: BLE001 - found again, change by change, below
        session.rollback()
        return _push(session, caller, changes, careful=True)


def _push(session: Session, caller: Caller, changes: list[PushChange], *, careful: bool) -> list[PushResult]:
    # Pushes queue on the state row (PostgreSQL; on SQLite BEGIN IMMEDIATE does it): a number
    # or a merge is decided on what the server holds, never racing another device's push.
    numbers = feed.hold_numbers(session)
    writer = Writer(session=session, user=caller.user.username, device_id=caller.device_id)
    done = _preload(session, changes)
    if careful:  # a savepoint rolled back would leave its rows in the cache
        session.info.pop("records")
    results = [_one(session, caller, writer, change, done.get(change.op_id), careful) for change in changes]
    numbers.write(session)
    session.commit()
    return results


def _preload(session: Session, changes: list[PushChange]) -> dict[str, PushOp]:
    """What the batch looks up, in two queries rather than two per change: the answers already
    given (replays) and the records the changes name (`records.find_record`'s cache)."""
    op_ids = [change.op_id for change in changes]
    done = {op.op_id: op for op in session.scalars(select(PushOp).where(PushOp.op_id.in_(op_ids)))}
    ids = {change.entity_id for change in changes}
    ids |= {str(change.payload[link]) for change in changes for link in ("meeting_id", "resolution_id")
            if change.payload.get(link)}
    found = {record.id: record for record in session.scalars(select(RecordRow).where(RecordRow.id.in_(sorted(ids))))}
    session.info["records"] = {record_id: found.get(record_id) for record_id in ids}
    return done


def _one(session: Session, caller: Caller, writer: Writer, change: PushChange, done: PushOp | None,
         careful: bool) -> PushResult:
    if done is not None:
        return _replay(done, caller, change)
    try:
        with session.begin_nested() if careful else nullcontext():
            result = _apply(session, caller, writer, change)
    except Refused as refusal:
        result = PushResult(op_id=change.op_id, status=PushStatus.REJECTED, message=refusal.message, row=refusal.row)
    except Exception:  # noqa: BLE001 - one broken change must not cost the batch
        if not careful:
            raise  # `push` runs the batch again, change by change
        log.exception("push of %s %s failed", change.entity, change.entity_id)
        result = PushResult(op_id=change.op_id, status=PushStatus.REJECTED, message=FAILED)
    session.add(PushOp(op_id=change.op_id, user_id=caller.user.id, device_id=caller.device_id,
                       status=result.status.value, version=result.version, message=result.message, row=result.row))
    if careful:
        session.flush()  # a repeated op_id fails here, inside this change
    return result


def _replay(done: PushOp, caller: Caller, change: PushChange) -> PushResult:
    if done.user_id != caller.user.id:
        return PushResult(op_id=change.op_id, status=PushStatus.REJECTED,
                          message="Mã thao tác này đã được dùng cho một thay đổi khác.")
    return PushResult(op_id=done.op_id, status=PushStatus(done.status), version=done.version, message=done.message,
                      row=done.row)


def _apply(session: Session, caller: Caller, writer: Writer, change: PushChange) -> PushResult:
    table = change.entity
    payload = _validated(change)
    record = find_record(session, change.entity_id)
    if record is not None and record.table_name != table:
        raise Refused("Mã bản ghi này đã được dùng cho dữ liệu khác trên máy chủ.")
    if record is None:
        if change.op != "insert":
            raise Refused("Bản ghi này chưa có trên máy chủ (thay đổi tạo ra nó chưa được nhận).")
        cell = session.get(Unit, payload["unit_id"])
        if cell is None or cell.kind != UnitKind.CELL.value:
            raise Refused("Dữ liệu phải thuộc một chi bộ có trên máy chủ.")
        _check_rights(caller, cell, table, payload)
        return merge.insert(writer, change.op_id, table, payload)
    cell = session.get(Unit, record.unit_id)
    _check_rights(caller, cell, table, record.data)
    _check_rights(caller, cell, table, {**record.data, **payload})
    if payload.get("unit_id", record.unit_id) != record.unit_id:
        raise Refused("Không chuyển được dữ liệu sang chi bộ khác khi đồng bộ; việc đó do quản trị viên làm.",
                      row=record.data)
    base = 0 if change.op == "insert" else change.base_version  # the same row made on two devices
    return merge.update(writer, change.op_id, record, payload, base)


def _check_rights(caller: Caller, cell: Unit, table: str, row: dict[str, Any]) -> None:
    """Officers of the cell (and administrators above it) write its records; a member writes
    only their own read receipts; committees and editors only read."""
    roles = {role for unit_id, role in caller.grants if unit_id == cell.id}
    if roles & OFFICERS or any(role == Role.ADMIN and unit_id in cell.chain_ids for unit_id, role in caller.grants):
        return
    if table == "read_receipts" and caller.unit.id == cell.id and row.get("reader") == caller.user.username:
        return
    log.warning("push refused: %s may not write %s of %s", caller.user.username, table, cell.code)
    if roles or caller.unit.id == cell.id:
        raise Refused("Tài khoản này chỉ được xem dữ liệu của chi bộ; chỉ bí thư, phó bí thư được sửa.")
    raise Refused(f"Tài khoản này không có quyền ghi dữ liệu của {cell.name}.")


def _validated(change: PushChange) -> dict[str, Any]:
    table, payload = change.entity, change.payload
    if table in PUBLISHED_TABLES:
        raise Refused("Văn bản do cấp trên phát hành, không gửi từ máy trạm.")
    if table not in RECORD_FIELDS:
        raise Refused(f"Máy chủ không nhận loại dữ liệu “{table}”.")
    if change.op not in OPS:
        raise Refused(f"Thao tác “{change.op}” không hợp lệ.")
    columns = set(RECORD_FIELDS[table]) | set(COMMON_FIELDS)
    if unknown := sorted(set(payload) - columns):
        raise Refused(f"Dữ liệu có trường không hợp lệ: {', '.join(unknown)}.")
    if change.op == "insert" and (missing := sorted(columns - set(payload))):
        raise Refused(f"Dữ liệu thiếu trường: {', '.join(missing)}.")
    if payload.get("id", change.entity_id) != change.entity_id:
        raise Refused("Mã bản ghi trong dữ liệu không khớp với thay đổi.")
    if change.op == "insert" and not all(payload.get(name) for name in ("id", "unit_id", "created_at")):
        raise Refused("Dữ liệu thiếu mã, chi bộ hoặc ngày tạo.")
    if change.op == "delete" and payload.get("deleted_at") is None:
        raise Refused("Thao tác xoá thiếu thời điểm xoá.")
    for name, value in payload.items():
        if not _sane(name, value):
            raise Refused(f"Giá trị của trường “{name}” không hợp lệ.")
    return dict(payload)


def _sane(name: str, value: Any) -> bool:
    if value is None:
        return True
    try:
        if name in INTEGERS:
            return isinstance(value, int) and not isinstance(value, bool)
        if name in NUMBERS:
            return isinstance(value, int | float) and not isinstance(value, bool)
        if name.endswith("_at"):
            return isinstance(value, str) and parse_moment(value) is not None
        if name.endswith("_on") or name == "birth_date":
            return isinstance(value, str) and date.fromisoformat(value) is not None
        if name == "id" or name.endswith("_id"):
            return isinstance(value, str) and 0 < len(value) <= 64
    except ValueError:
        return False
    return isinstance(value, str | int | float | bool)
