"""POST /push over loopback: records in server order, stamped, idempotent, each change on its own."""

from sqlalchemy import select

from sync.protocol import COMMON_FIELDS, RECORD_FIELDS
from sync.server.models import PushOp, RecordRow
from tests.sync.server.helpers import cell_id, change, full_row, login, records

KP3, KP4 = "TN-SC-BS-KP3", "TN-SC-BS-KP4"


def member_row(cell: str, **fields) -> dict:
    return full_row("members", cell, **{name: "" for name in RECORD_FIELDS["members"]}) | {
        "birth_date": None, "admitted_on": None, "official_on": None, "status": "official"} | fields


def push(api, *changes) -> list[dict]:
    response = api.post("/push", json={"changes": list(changes)})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_secretary_insert_update_delete_reach_the_cell_in_server_order(live_server):
    cell = cell_id(live_server, KP3)
    secretary, member = login(live_server, "bithu.demo"), login(live_server, "dangvien.demo")
    _, member_cursor = member.pull_all()
    row = member_row(cell, full_name="Đỗ Văn Mới", sex="Nam")
    [inserted] = push(secretary, change("members", "insert", row))
    assert inserted["status"] == "accepted" and inserted["version"] > 0
    [updated] = push(secretary, change("members", "update", {"id": row["id"], "phone": "0912000111"},
                                       base=inserted["version"]))
    assert updated["status"] == "accepted" and updated["version"] > inserted["version"]

    pulled, member_cursor = member.pull_all(member_cursor)
    seen = records(pulled)[row["id"]]
    assert seen["full_name"] == "Đỗ Văn Mới" and seen["version"] == updated["version"]
    assert seen["updated_by"] == "bithu.demo"  # the server's stamp, not the device's "laptop"
    assert "phone" not in seen  # a member sees the roster as a directory

    [deleted] = push(secretary, change("members", "delete", {"id": row["id"], "deleted_at": "2026-01-06T00:00:00+00:00"},
                                       base=updated["version"]))
    full, _ = login(live_server, "bithu.demo").pull_all()
    tomb = records(full)[row["id"]]
    assert tomb["deleted_at"] and tomb["version"] == deleted["version"] and tomb["phone"] == "0912000111"


def test_a_replayed_op_id_answers_the_stored_result_and_creates_nothing_twice(live_server):
    secretary = login(live_server, "bithu.demo")
    row = member_row(cell_id(live_server, KP3), full_name="Một Lần")
    sent = change("members", "insert", row)
    first = push(secretary, sent)
    again = push(secretary, sent)
    assert again == first
    with live_server.session() as session:
        assert session.scalars(select(RecordRow).where(RecordRow.id == row["id"])).one().version == first[0]["version"]
        assert session.get(PushOp, sent["op_id"]) is not None


def test_a_poison_change_is_rejected_while_the_rest_of_the_batch_is_accepted(live_server):
    secretary = login(live_server, "bithu.demo")
    cell = cell_id(live_server, KP3)
    good, later = member_row(cell, full_name="Trước"), member_row(cell, full_name="Sau")
    poison = member_row(cell, full_name="Hỏng", birth_date="ngày xưa")
    unknown = change("members", "insert", member_row(cell) | {"shoe_size": 42})
    results = push(secretary, change("members", "insert", good), change("members", "insert", poison), unknown,
                   change("documents", "insert", {"id": "d1"}), change("members", "insert", later))
    assert [r["status"] for r in results] == ["accepted", "rejected", "rejected", "rejected", "accepted"]
    assert "birth_date" in results[1]["message"] and "shoe_size" in results[2]["message"]
    assert "cấp trên" in results[3]["message"]
    pulled, _ = secretary.pull_all()
    assert {good["id"], later["id"]} <= set(records(pulled)) and poison["id"] not in records(pulled)


def test_a_secretary_of_another_cell_is_refused(live_server):
    other = login(live_server, "bithu4.demo")
    [refused] = push(other, change("members", "insert", member_row(cell_id(live_server, KP3), full_name="Lạc")))
    assert refused["status"] == "rejected" and "Chi bộ Khu phố 3" in refused["message"]
    kp3_row = next(iter(records(login(live_server, "bithu.demo").pull_all()[0]).values()))
    [refused] = push(other, change("members", "update", {"id": kp3_row["id"], "phone": "1"}, base=kp3_row["version"]))
    assert refused["status"] == "rejected"


def test_the_demo_cells_share_a_roster(live_server):
    kp3, kp4 = (records(login(live_server, user).pull_all()[0]) for user in ("bithu.demo", "bithu4.demo"))
    assert "Vũ Thị Nguyệt" in {row["full_name"] for row in kp3.values()}
    assert len(kp4) == 3 and not set(kp3) & set(kp4)
    assert all(set(row) == set(RECORD_FIELDS["members"]) | set(COMMON_FIELDS) for row in kp3.values())


def test_an_unexpected_failure_rejects_only_that_change(live_server, caplog):
    secretary = login(live_server, "bithu.demo")
    cell = cell_id(live_server, KP3)
    with live_server.session() as session:  # a row damaged in the database
        session.add(RecordRow(id="damaged", table_name="members", unit_id=cell, version=1, data=["?"], field_meta={}))
        session.commit()
    good = member_row(cell, full_name="Vẫn Nhận")
    broken, accepted = push(secretary, change("members", "update", {"id": "damaged", "phone": "1"}, base=1),
                            change("members", "insert", good))
    assert broken["status"] == "rejected" and "lỗi" in broken["message"] and "Traceback" not in broken["message"]
    assert accepted["status"] == "accepted"
    with live_server.session() as session:
        assert session.get(RecordRow, "damaged").version == 1


def test_a_gzipped_push_is_inflated_and_a_broken_one_refused_in_words(live_server):
    import gzip
    import json

    secretary = login(live_server, "bithu.demo")
    row = member_row(cell_id(live_server, KP3), full_name="Nén Văn Gọn")
    body = json.dumps({"changes": [change("members", "insert", row)]}).encode()
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    sent = secretary.call("POST", "/push", data=gzip.compress(body), headers=headers)
    assert sent.status_code == 200 and sent.json()["results"][0]["status"] == "accepted"
    broken = secretary.call("POST", "/push", data=gzip.compress(body)[:-12], headers=headers)
    assert broken.status_code == 400 and broken.json()["code"] == "invalid" and broken.json()["message"]
    bomb = secretary.call("POST", "/push", data=gzip.compress(b" " * (65 * 1024 * 1024)), headers=headers)
    assert bomb.status_code == 400
