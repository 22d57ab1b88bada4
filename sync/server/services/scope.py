"""Which cells' records a reader pulls, and how much of each row they see.

- officers (secretary, deputy secretary) of a cell: every row, whole;
- a committee above cells: every row of every cell below, whole (read only: services/push.py);
- a member of a cell: the meetings whole, the roster as a directory (MEMBER_DIRECTORY_FIELDS)
  except their own row, their own events and read receipts, no conflict rows.
A row of a cell the reader no longer sees (a member moved away) is a delete.
"""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import COMMON_FIELDS, MEMBER_DIRECTORY_FIELDS, RecordOut, Role
from sync.server.models import RecordRow, Unit
from sync.server.services.accounts import Reader

HIDDEN = object()  # a row this reader does not get at all (not a delete: they never had it)
FULL_ROLES = (Role.SECRETARY, Role.DEPUTY_SECRETARY)
DIRECTORY = frozenset(MEMBER_DIRECTORY_FIELDS) | frozenset(COMMON_FIELDS)
ABOUT_A_MEMBER = ("members", "member_events")  # files a member sees only when they are about them


def cells_of(reader: Reader) -> list[str]:
    """The cells whose feed a reader reads by id (a committee's reach is a subquery)."""
    return reader.units_with(*FULL_ROLES, Role.MEMBER)


def records_for(session: Session, reader: Reader, ids: list[str]) -> dict[str, Any]:
    """Each record as this reader sees it: a RecordOut's JSON, None (a delete) or HIDDEN."""
    full = set(reader.units_with(*FULL_ROLES))
    member_of = set(reader.units_with(Role.MEMBER)) - full
    committee = reader.paths_with(Role.COMMITTEE)
    seen: dict[str, Any] = {record_id: None for record_id in ids}
    for record, path in session.execute(select(RecordRow, Unit.path).join(Unit, Unit.id == RecordRow.unit_id)
                                        .where(RecordRow.id.in_(ids))).all():
        if record.unit_id in full or any(path.startswith(root) for root in committee):
            seen[record.id] = _out(record.table_name, record.data)
        elif record.unit_id in member_of:
            row = member_view(reader, record.table_name, record.data)
            seen[record.id] = HIDDEN if row is None else _out(record.table_name, row)
    return seen


def member_view(reader: Reader, table: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """What a plain member of the cell sees of a row; None: nothing."""
    own_member = reader.member_id is not None
    if table == "members":
        if own_member and row["id"] == reader.member_id:
            return row
        return {name: value for name, value in row.items() if name in DIRECTORY}
    if table == "member_events":
        return row if own_member and row.get("member_id") == reader.member_id else None
    if table == "read_receipts":
        return row if row.get("reader") == reader.username else None
    if table == "sync_conflicts":
        return None
    if table == "attachments" and row.get("owner_table") in ABOUT_A_MEMBER:
        return row if own_member and row.get("owner_id") == reader.member_id else None
    return row


def _out(table: str, row: dict[str, Any]) -> dict[str, Any]:
    return RecordOut(table=table, row=row).model_dump(mode="json")
