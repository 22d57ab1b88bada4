"""N laptops of one cell make random offline edits and sync in a random order: in the end every
laptop holds exactly the server's records, nothing a laptop recorded is lost and nothing is
duplicated. Seeded, so a failure replays; a few seeds run on every test run."""

import json
import random
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from handbook_desktop.core.meetings import attendance_id
from handbook_desktop.core.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingKind, Speech
from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.models import OPEN_STATES, OutboxEntry
from handbook_desktop.core.models.registry import load_all
from handbook_desktop.core.workspace import open_workspace
from sync.account import connect
from sync.engine import sync_once
from sync.protocol import RECORD_FIELDS
from sync.server.models import RecordRow

from .conftest import PASSWORD

EDITABLE_MEMBER_FIELDS = ("phone", "address", "occupation", "notes", "hometown")
STEPS = 60


class Laptop:
    def __init__(self, name: str, workspace):
        self.name, self.workspace = name, workspace
        self.made: set[tuple[str, str]] = set()  # (table, id) this laptop created

    def perform(self, action):
        return self.workspace.perform(action)


def _cell_id(uow) -> str:
    return uow.home_unit_id


def add_member(laptop: Laptop, rng: random.Random) -> None:
    def add(uow):
        row = Member(unit_id=_cell_id(uow), full_name=f"Đảng viên {laptop.name}{rng.randrange(10**6)}",
                     birth_date=date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                     status=MemberStatus.OFFICIAL)
        uow.session.add(row)
        uow.session.flush()
        return row.id

    laptop.made.add(("members", laptop.perform(add)))


def edit_member(laptop: Laptop, rng: random.Random) -> None:
    field, value = rng.choice(EDITABLE_MEMBER_FIELDS), f"{laptop.name}-{rng.randrange(10**6)}"

    def edit(uow):
        ids = sorted(uow.session.scalars(select(Member.id).where(Member.unit_id == _cell_id(uow),
                                                                  Member.deleted_at.is_(None))))
        if ids:
            setattr(uow.session.get(Member, rng.choice(ids)), field, value)

    laptop.perform(edit)


def add_meeting(laptop: Laptop, rng: random.Random) -> None:
    def add(uow):
        start = datetime(2026, 1 + rng.randrange(12), 1 + rng.randrange(28), 19, 30, tzinfo=UTC)
        row = Meeting(unit_id=_cell_id(uow), kind=MeetingKind.REGULAR, title=f"Sinh hoạt {laptop.name}",
                      starts_at=start)
        uow.session.add(row)
        uow.session.flush()
        return row.id

    laptop.made.add(("meetings", laptop.perform(add)))


def _pick(uow, model, rng):
    ids = sorted(uow.session.scalars(select(model.id).where(model.unit_id == _cell_id(uow),
                                                             model.deleted_at.is_(None))))
    return rng.choice(ids) if ids else None


def mark_attendance(laptop: Laptop, rng: random.Random) -> None:
    status = rng.choice(list(AttendanceStatus))

    def mark(uow):
        meeting_id, member_id = _pick(uow, Meeting, rng), _pick(uow, Member, rng)
        if meeting_id is None or member_id is None:
            return
        row_id = attendance_id(meeting_id, member_id)
        row = uow.session.get(Attendance, row_id)
        if row is None:
            uow.session.add(Attendance(id=row_id, unit_id=_cell_id(uow), meeting_id=meeting_id,
                                       member_id=member_id, status=status))
        else:
            row.status, row.deleted_at = status, None

    laptop.perform(mark)


def write_minutes(laptop: Laptop, rng: random.Random) -> None:
    text = f"Ý kiến {laptop.name}-{rng.randrange(10**6)}"

    def write(uow):
        meeting_id = _pick(uow, Meeting, rng)
        if meeting_id is None:
            return None
        if rng.random() < 0.5:
            uow.session.get(Meeting, meeting_id).conclusions = text
            return None
        row = Speech(unit_id=_cell_id(uow), meeting_id=meeting_id, position=rng.randrange(5), text=text)
        uow.session.add(row)
        uow.session.flush()
        return row.id

    made = laptop.perform(write)
    if made:
        laptop.made.add(("speeches", made))


ACTIONS = (add_member, edit_member, edit_member, add_meeting, mark_attendance, mark_attendance, write_minutes)


def snapshot(workspace) -> dict[str, dict[str, dict]]:
    """Every live record row of the laptop, as the wire would carry it (version aside)."""
    tables = load_all().tables
    with workspace.unit_of_work(read_only=True) as uow:
        result = {}
        for table, fields in RECORD_FIELDS.items():
            columns = ("id", "unit_id", "deleted_at", *fields)
            rows = uow.session.execute(select(*(tables[table].c[name] for name in columns))).all()
            result[table] = {row.id: _plain(dict(zip(columns, row, strict=True))) for row in rows}
        return result


def server_snapshot(server, cell_id: str) -> dict[str, dict[str, dict]]:
    with server.session() as session:
        result = {table: {} for table in RECORD_FIELDS}
        for record in session.scalars(select(RecordRow).where(RecordRow.unit_id == cell_id)):
            data = {name: record.data.get(name) for name in ("id", "unit_id", "deleted_at",
                                                              *RECORD_FIELDS[record.table_name])}
            result[record.table_name][record.id] = _plain(data)
        return result


def _plain(row: dict) -> dict:
    """Values compared as JSON text: a date here is the ISO string there."""
    return json.loads(json.dumps(row, default=lambda value: value.isoformat()))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_offline_edits_on_three_laptops_converge(live_server, memory_keyring, tmp_path, seed):
    rng = random.Random(seed)
    logins = (("A", "bithu.demo"), ("B", "phobithu.demo"), ("C", "bithu.demo"))  # C: the secretary's 2nd laptop
    laptops = []
    for name, username in logins:
        workspace = open_workspace(tmp_path / name)
        connect(workspace, live_server.url, username, PASSWORD)
        sync_once(workspace)
        laptops.append(Laptop(name, workspace))
    try:
        for _step in range(STEPS):
            laptop = rng.choice(laptops)
            if rng.random() < 0.25:
                sync_once(laptop.workspace)
            else:
                rng.choice(ACTIONS)(laptop, rng)
        for _round in range(2):  # the second round brings each laptop what the others sent after it
            for laptop in rng.sample(laptops, len(laptops)):
                sync_once(laptop.workspace)

        with laptops[0].workspace.unit_of_work(read_only=True) as uow:
            cell_id = uow.home_unit_id
        server = server_snapshot(live_server, cell_id)
        for laptop in laptops:
            here = snapshot(laptop.workspace)
            with laptop.workspace.unit_of_work(read_only=True) as uow:
                assert uow.session.scalars(select(OutboxEntry).where(OutboxEntry.state.in_(OPEN_STATES))).all() == []
            for table in ("members", "meetings", "attendance", "speeches", "sync_conflicts"):
                assert here[table] == server[table], (laptop.name, table)
        made = set().union(*(laptop.made for laptop in laptops))
        assert all(row_id in server[table] for table, row_id in made)  # nothing recorded is lost
        pairs = [(row["meeting_id"], row["member_id"]) for row in server["attendance"].values()]
        assert len(pairs) == len(set(pairs))  # one mark per member and meeting
    finally:
        for laptop in laptops:
            laptop.workspace.close()
