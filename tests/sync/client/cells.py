"""A cell's workspace as the conflict and adoption tests need it: rows made here, and rows
written as a pull writes them (no outbox entry, a server version)."""

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from handbook_desktop.core.meetings import MeetingForm, ResolutionForm, create_meeting, create_resolution
from handbook_desktop.core.members import MemberForm, create_member
from handbook_desktop.core.models import OutboxEntry, OutboxState, SyncConflict
from handbook_desktop.core.org import CellSetup, set_up_cell
from handbook_desktop.core.outbox import jsonable

VN = timezone(timedelta(hours=7))
TERM = "2025-2030"


def own_cell(workspace, name: str = "Chi bộ Khu phố 9") -> str:
    with workspace.unit_of_work() as uow:
        return set_up_cell(uow, CellSetup(name, ("Đảng bộ phường Bắc Sơn",), term=TERM))


def add_member(workspace, name: str, **fields) -> str:
    with workspace.unit_of_work() as uow:
        return create_member(uow, MemberForm(full_name=name, birth_date=fields.pop("birth_date", "01/02/1980"),
                                             admitted_on="03/02/2010", official_on="03/02/2011",
                                             **fields)).member_id


def add_meeting(workspace, day: int = 5) -> str:
    with workspace.unit_of_work() as uow:
        return create_meeting(uow, MeetingForm(starts_at=datetime(2025, 9, day, 19, 30, tzinfo=VN))).id


def add_resolution(workspace, meeting_id: str) -> str:
    with workspace.unit_of_work() as uow:
        form = ResolutionForm("Nghị quyết tháng 9", datetime(2025, 9, 5).date(), ["Lưu chi bộ"], [])
        return create_resolution(uow, meeting_id, form, term=TERM).resolution.id


def as_synced(workspace, version: int = 5) -> None:
    """As after a round: every change acknowledged, every row at a server version."""
    from sync.records import record_models

    with workspace.unit_of_work(record_outbox=False) as uow:
        uow.session.execute(update(OutboxEntry).values(state=OutboxState.ACKNOWLEDGED, result_version=version))
        for model in record_models().values():
            uow.session.execute(update(model).where(model.version == 0).values(version=version))


def pulled_conflict(workspace, row_id: str, table: str, kind: str, field: str = "", kept=None, other=None,
                    message: str = "", unit_id: str | None = None) -> str:
    """A sync_conflicts row as the server writes it and a pull stores it."""
    with workspace.unit_of_work(record_outbox=False) as uow:
        row = SyncConflict(unit_id=unit_id or uow.home_unit_id, table_name=table, row_id=row_id, field=field,
                           kind=kind, kept_value=json.dumps(kept, ensure_ascii=False),
                           other_value=json.dumps(other, ensure_ascii=False), kept_by="bithu.demo",
                           other_by="phobithu.demo", message=message, version=9)
        uow.session.add(row)
        uow.session.flush()
        return row.id


def entries(workspace, entity_id: str, *states: OutboxState) -> list[OutboxEntry]:
    with workspace.unit_of_work(read_only=True) as uow:
        query = select(OutboxEntry).where(OutboxEntry.entity_id == entity_id).order_by(OutboxEntry.seq)
        if states:
            query = query.where(OutboxEntry.state.in_(states))
        found = list(uow.session.scalars(query))
        uow.session.expunge_all()
        return found


def row_json(row) -> dict:
    return {column.key: jsonable(getattr(row, column.key)) for column in row.__mapper__.column_attrs}


def connected_to(workspace, cell_name: str = "Chi bộ Khu phố 3", role: str = "secretary",
                 cell_id: str = "cell-kp3") -> str:
    """The facts and units `sync.account.connect` leaves for an account of `cell_name`."""
    from sync import account
    from sync.apply import upsert_unit
    from sync.protocol import UnitKind, UnitOut

    with workspace.unit_of_work(record_outbox=False) as uow:
        upsert_unit(uow.session, UnitOut(id="party-bs", kind=UnitKind.GRASSROOTS, name="Đảng bộ phường Bắc Sơn",
                                         code="BS", parent_id=None))
        upsert_unit(uow.session, UnitOut(id=cell_id, kind=UnitKind.CELL, name=cell_name, code="KP3",
                                         parent_id="party-bs"))
        for key, value in ((account.SERVER, "http://127.0.0.1:9"), (account.USERNAME, "bithu.demo"),
                           (account.UNIT_ID, cell_id), (account.UNIT_NAME, cell_name),
                           (account.GRANTS, json.dumps([[cell_id, role]]))):
            account.set_fact(uow, key, value)
    return cell_id


def received_member(workspace, cell_id: str, name: str, version: int = 3, **fields) -> str:
    """A member row of the account's cell as a pull stores it."""
    from handbook_desktop.core.members import Member, MemberStatus

    with workspace.unit_of_work(record_outbox=False) as uow:
        row = Member(unit_id=cell_id, full_name=name, status=MemberStatus.OFFICIAL, version=version, **fields)
        uow.session.add(row)
        uow.session.flush()
        return row.id
