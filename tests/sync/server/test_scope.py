"""Who pulls which records (services/scope.py), over loopback: members see a directory,
committees the cells below, a moved member their new cell; purged tombstones and changed
scopes make an old cursor start again; a no-change pull stays at two queries."""

import pytest
from sqlalchemy import event

from sync.protocol import COMMON_FIELDS, MEMBER_DIRECTORY_FIELDS, Role
from sync.server.services import admin
from tests.sync.server.helpers import cell_id, change, full_row, login, records

KP3, KP4 = "TN-SC-BS-KP3", "TN-SC-BS-KP4"


def push(api, *changes) -> list[dict]:
    response = api.post("/push", json={"changes": list(changes)})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def own_member_id(api) -> str:
    return api.get("/me").json()["member_id"]


def test_a_member_sees_the_roster_as_a_directory_and_only_their_own_private_rows(live_server):
    cell = cell_id(live_server, KP3)
    secretary, member = login(live_server, "bithu.demo"), login(live_server, "dangvien.demo")
    mine, someone = own_member_id(member), own_member_id(secretary)
    push(secretary,
         change("member_events", "insert", full_row("member_events", cell, member_id=mine, kind="note",
                                                    occurred_on="2026-01-02", reason="Của tôi")),
         change("member_events", "insert", full_row("member_events", cell, member_id=someone, kind="note",
                                                    occurred_on="2026-01-02", reason="Của người khác")),
         change("meetings", "insert", full_row("meetings", cell, kind="regular", title="Họp", state="planned")),
         change("sync_conflicts", "insert", full_row("sync_conflicts", cell, table_name="members", row_id=someone,
                                                     kind="field", message="x")))
    rows = records(member.pull_all()[0])
    tables = {}
    for row in rows.values():
        tables.setdefault(_table_of(row), []).append(row)
    assert rows[mine]["phone"] and rows[mine]["card_number"]  # their own row, whole
    assert set(rows[someone]) == set(MEMBER_DIRECTORY_FIELDS) | set(COMMON_FIELDS)
    assert [row["reason"] for row in tables["member_events"]] == ["Của tôi"]
    assert len(tables["meetings"]) == 1 and "sync_conflicts" not in tables
    assert len(records(secretary.pull_all()[0])) == len(rows) + 2  # the other's event, the conflict


def _table_of(row: dict) -> str:
    for table, marker in (("member_events", "occurred_on"), ("meetings", "state"), ("sync_conflicts", "row_id")):
        if marker in row:
            return table
    return "members"


def test_a_committee_reads_every_cell_below_it_and_writes_none(live_server):
    with live_server.session() as session:
        admin.create_user(session, "thuongvu", "demo", "TN-SC-BS", "Thường vụ Đảng ủy phường", Role.COMMITTEE)
    committee = login(live_server, "thuongvu")
    pulled, _ = committee.pull_all()
    kp3, kp4 = (set(records(login(live_server, user).pull_all()[0])) for user in ("bithu.demo", "bithu4.demo"))
    assert set(records(pulled)) == kp3 | kp4
    units = {change["data"]["code"] for key, change in pulled.items() if key[0] == "unit"}
    assert {KP3, KP4} <= units
    some_row = records(pulled)[next(iter(kp4))]
    [refused] = push(committee, change("members", "update", {"id": some_row["id"], "phone": "1"},
                                       base=some_row["version"]))
    assert refused["status"] == "rejected"


def test_moving_a_member_deletes_them_from_the_old_cell_and_resyncs_their_devices(live_server, admin_cli):
    old_secretary, new_secretary = login(live_server, "bithu.demo"), login(live_server, "bithu4.demo")
    moved = login(live_server, "dangvien.demo")
    member_id = own_member_id(moved)
    _, old_cursor = old_secretary.pull_all()
    _, new_cursor = new_secretary.pull_all()
    _, moved_cursor = moved.pull_all()
    code, out, _ = admin_cli("move-member", member_id, "--to", KP4)
    assert code == 0 and "Chi bộ Khu phố 4" in out
    gone, _ = old_secretary.pull_all(old_cursor)
    assert gone[("record", member_id)]["op"] == "delete"
    arrived, _ = new_secretary.pull_all(new_cursor)
    assert arrived[("record", member_id)]["data"]["row"]["unit_id"] == cell_id(live_server, KP4)
    stale = moved.get("/changes", params={"cursor": moved_cursor})
    assert stale.status_code == 409 and stale.json()["code"] == "resync_required"
    fresh, cursor = moved.pull_all()
    names = {row["full_name"] for row in records(fresh).values()}
    assert "Lê Thị Hoa" in names and "Trần Đức Dũng" not in names
    assert moved.get("/changes", params={"cursor": cursor}).status_code == 200


def test_purged_tombstones_send_an_older_cursor_back_to_the_start(live_server, admin_cli):
    secretary = login(live_server, "bithu.demo")
    cell = cell_id(live_server, KP3)
    meeting = full_row("meetings", cell, kind="regular", title="Họp", state="held")
    resolution = full_row("resolutions", cell, meeting_id=meeting["id"], number=3, term="2025-2030", title="NQ")
    roster_row = full_row("members", cell, full_name="Sẽ Xoá", status="official")
    results = push(secretary, *(change(table, "insert", row) for table, row in
                                (("meetings", meeting), ("resolutions", resolution), ("members", roster_row))))
    _, cursor = secretary.pull_all()
    gone = "2020-01-01T00:00:00+00:00"
    push(secretary, change("members", "delete", {"id": roster_row["id"], "deleted_at": gone}, base=results[2]["version"]),
         change("resolutions", "delete", {"id": resolution["id"], "deleted_at": gone}, base=results[1]["version"]))
    _, after_delete = secretary.pull_all(cursor)
    code, out, _ = admin_cli("purge-tombstones", "--older-than", "30")
    assert code == 0 and "1" in out
    assert secretary.get("/changes", params={"cursor": cursor}).status_code == 409
    assert secretary.get("/changes", params={"cursor": after_delete}).status_code == 200  # it saw the tombstone
    fresh, _ = secretary.pull_all()
    assert roster_row["id"] not in records(fresh) and records(fresh)[resolution["id"]]["deleted_at"]


@pytest.mark.parametrize("username", ["dangvien.demo", "bithu.demo"])
def test_a_pull_with_nothing_new_takes_two_queries(live_server, username):
    reader = login(live_server, username)
    _, cursor = reader.pull_all()
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engine = live_server.app.state.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = reader.get("/changes", params={"cursor": cursor}).json()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert page["changes"] == [] and len(statements) == 2, statements


@pytest.fixture
def admin_cli(live_server, capsys):
    from handbook_desktop.cli import main

    target = (["--database-url", live_server.settings.database_url] if live_server.settings.database_url
              else ["--data-dir", str(live_server.settings.data_dir)])

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["admin", *argv, *target])
        out, err = capsys.readouterr()
        return code, out, err

    return run



def test_a_new_grant_sends_the_users_devices_back_to_the_start_with_their_new_reach(live_server):
    member = login(live_server, "dangvien.demo")
    before, cursor = member.pull_all()
    with live_server.session() as session:
        admin.grant(session, "dangvien.demo", KP3, Role.DEPUTY_SECRETARY)
    assert member.get("/changes", params={"cursor": cursor}).json()["code"] == "resync_required"
    after, _ = member.pull_all()
    phones = [row.get("phone") for row in records(after).values()]
    assert len(records(after)) == len(records(before)) and all(phone is not None for phone in phones)
