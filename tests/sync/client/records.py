"""Helpers of the record tests: a workspace that is a cell, rows as the server sends them."""

from handbook_desktop.core.members import Member
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.outbox import jsonable
from handbook_desktop.core.workspace import HOME_UNIT, SYNC, TERM
from sync.account import set_fact
from sync.apply import apply_page, upsert_unit
from sync.protocol import RECORD_FIELDS, Change, ChangeOp, Entity, UnitKind, UnitOut

CELL = UnitOut(id="00000000-0000-4000-8000-00000000c311", kind=UnitKind.CELL, name="Chi bộ Thử", code="TEST",
               parent_id=None)


def make_cell(workspace) -> str:
    def setup(uow):
        upsert_unit(uow.session, CELL)
        set_fact(uow, HOME_UNIT, CELL.id)
        set_fact(uow, TERM, "2025-2030")

    workspace.perform(setup, origin=SYNC, record_outbox=False)
    return CELL.id


def server_row(table: str, row_id: str, version: int, **values) -> dict:
    """A row as the server holds it: every travelling column, the server's stamps."""
    row = {name: None for name in RECORD_FIELDS[table]}
    row.update(id=row_id, unit_id=CELL.id, created_at=jsonable(utcnow()), updated_at=jsonable(utcnow()),
               updated_by="bithu.demo", version=version, deleted_at=None)
    row.update({name: jsonable(value) for name, value in values.items()})
    return row


def member_row(member_id: str, version: int, **values) -> dict:
    base = dict(full_name="Nguyễn Văn An", sex="Nam", status="official", ethnicity="Kinh", religion="", hometown="",
                address="", education="", specialist_level="", theory_level="", occupation="", card_number="",
                phone="", notes="")
    return server_row("members", member_id, version, **{**base, **values})


def record(seq: int, table: str, row: dict) -> Change:
    return Change(seq=seq, entity=Entity.RECORD, id=row["id"], op=ChangeOp.UPSERT, data={"table": table, "row": row})


def pull(workspace, *changes: Change, resync: bool = False):
    return workspace.perform(lambda uow: apply_page(uow.session, uow.home_unit_id, list(changes), resync),
                             origin=SYNC, record_outbox=False)


def member(workspace, member_id: str) -> Member | None:
    with workspace.unit_of_work(read_only=True) as uow:
        row = uow.session.get(Member, member_id)
        if row is not None:
            uow.session.expunge(row)
        return row
