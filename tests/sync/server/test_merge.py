"""The merge rules of the push (services/merge.py), run on the server's real database: two
devices of one cell send changes made on the same base, and the server decides."""

import json

import pytest
from sqlalchemy import select

from sync.protocol import PushChange, Role
from sync.server.models import RecordRow
from sync.server.services import accounts, admin, org, push
from tests.sync.server.helpers import change, full_row

TERM = "2025-2030"


class Cell:
    """Khu phố 3 on a fresh demo server: its secretary on device a, a deputy on device b."""

    def __init__(self, session):
        self.session = session
        self.id = org.find_unit(session, "TN-SC-BS-KP3").id
        admin.create_user(session, "phobithu", "x", "TN-SC-BS-KP3", "Phó Bí Thư", Role.DEPUTY_SECRETARY)
        self.a = self.caller("bithu.demo", "device-a")
        self.b = self.caller("phobithu", "device-b")

    def caller(self, username: str, device: str):
        return accounts.caller_for(self.session, admin.find_user(self.session, username), device)

    def send(self, who, *changes: dict) -> list:
        return push.push(self.session, who, [PushChange(**body) for body in changes])

    def insert(self, table: str, **fields) -> dict:
        row = full_row(table, self.id, **fields)
        [result] = self.send(self.a, change(table, "insert", row))
        assert result.status == "accepted", result.message
        return row | {"version": result.version}

    def stored(self, row_id: str) -> dict | None:
        record = self.session.get(RecordRow, row_id)
        self.session.refresh(record) if record is not None else None
        return record.data if record is not None else None

    def conflicts(self, row_id: str) -> list[dict]:
        rows = self.session.scalars(select(RecordRow).where(RecordRow.table_name == "sync_conflicts"))
        return [row.data for row in rows if row.data["row_id"] == row_id]


@pytest.fixture
def cell(live_server):
    with live_server.session() as session:
        yield Cell(session)


def update(row: dict, base: int | None = None, **fields) -> dict:
    return change(row_table(row), "update", {"id": row["id"], **fields}, base=row["version"] if base is None else base)


def row_table(row: dict) -> str:
    return row["_table"]


def test_a_field_changed_on_two_devices_keeps_the_later_and_files_a_field_conflict(cell):
    member = cell.insert("members", full_name="Đỗ Văn Hai", status="official", phone="") | {"_table": "members"}
    [first] = cell.send(cell.a, update(member, phone="0911"))
    [second] = cell.send(cell.b, update(member, phone="0922"))  # made on the same base
    assert first.status == second.status == "accepted" and cell.stored(member["id"])["phone"] == "0922"
    [conflict] = cell.conflicts(member["id"])
    assert (conflict["kind"], conflict["field"], conflict["unit_id"]) == ("field", "phone", cell.id)
    assert json.loads(conflict["kept_value"]) == "0922" and json.loads(conflict["other_value"]) == "0911"
    assert (conflict["kept_by"], conflict["other_by"]) == ("phobithu", "bithu.demo") and conflict["message"]
    # On top of what it has seen, or from the same device: no conflict.
    cell.send(cell.a, update(member, base=second.version, phone="0933"), update(member, base=second.version, notes="x"))
    assert len(cell.conflicts(member["id"])) == 1 and cell.stored(member["id"])["phone"] == "0933"


def test_minutes_text_changed_on_two_devices_keeps_the_server_text_and_the_other_waits(cell):
    meeting = cell.insert("meetings", kind="regular", title="Sinh hoạt tháng 1", state="held") | {"_table": "meetings"}
    cell.send(cell.a, update(meeting, conclusions="Kết luận A"))
    [held] = cell.send(cell.b, update(meeting, conclusions="Kết luận B"))
    assert held.status == "conflict" and held.row["conclusions"] == "Kết luận A"
    [partly] = cell.send(cell.b, update(meeting, conclusions="Kết luận C", place="Nhà văn hoá"))
    assert partly.status == "accepted" and partly.row["conclusions"] == "Kết luận A"
    assert cell.stored(meeting["id"])["place"] == "Nhà văn hoá"
    texts = cell.conflicts(meeting["id"])
    assert [c["kind"] for c in texts] == ["text", "text"]
    assert {json.loads(c["other_value"]) for c in texts} == {"Kết luận B", "Kết luận C"}
    assert all(json.loads(c["kept_value"]) == "Kết luận A" and c["kept_by"] == "bithu.demo" for c in texts)


def test_a_recorded_attendance_mark_beats_pending_without_a_conflict(cell):
    meeting = cell.insert("meetings", kind="regular", title="Sinh hoạt tháng 2", state="held")
    mark = cell.insert("attendance", meeting_id=meeting["id"], member_id="m1", status="absent_excused", reason="Ốm")
    [ignored] = cell.send(cell.b, change("attendance", "insert", mark | {"status": "pending", "reason": "", "version": 0}))
    assert ignored.status == "accepted" and (ignored.row["status"], ignored.row["reason"]) == ("absent_excused", "Ốm")
    assert cell.stored(mark["id"])["status"] == "absent_excused"
    [later] = cell.send(cell.b, change("attendance", "update", {"id": mark["id"], "status": "present", "reason": ""},
                                       base=0))
    assert later.status == "accepted" and cell.stored(mark["id"])["status"] == "present"
    assert cell.conflicts(mark["id"]) == []


def test_read_receipts_only_grow_and_a_member_writes_only_their_own(cell):
    member = cell.caller("dangvien.demo", "member-laptop")
    receipt = full_row("read_receipts", cell.id, item_table="documents", item_id="doc-1", reader="dangvien.demo",
                       first_opened_at="2026-01-10T08:00:00+00:00", last_read_at="2026-01-10T09:00:00+00:00",
                       furthest=0.5)
    assert cell.send(member, change("read_receipts", "insert", receipt))[0].status == "accepted"
    other_device = receipt | {"first_opened_at": "2026-01-09T08:00:00+00:00", "last_read_at": "2026-01-09T10:00:00+00:00",
                              "furthest": 0.2}
    [merged] = cell.send(cell.caller("dangvien.demo", "member-phone"), change("read_receipts", "insert", other_device))
    stored = cell.stored(receipt["id"])
    assert merged.status == "accepted" and stored["furthest"] == 0.5
    assert stored["first_opened_at"].startswith("2026-01-09T08") and stored["last_read_at"].startswith("2026-01-10T09")
    assert cell.conflicts(receipt["id"]) == []
    someone_elses = full_row("read_receipts", cell.id, reader="bithu.demo", item_table="documents", item_id="d")
    roster_row = cell.insert("members", full_name="Ai Đó", status="official")
    refused = cell.send(member, change("read_receipts", "insert", someone_elses),
                        change("members", "update", {"id": roster_row["id"], "phone": "1"}, base=roster_row["version"]))
    assert [r.status for r in refused] == ["rejected", "rejected"] and "chỉ được xem" in refused[1].message
    admin.create_user(cell.session, "thuongvu", "x", "TN-SC-BS", "Thường vụ", Role.COMMITTEE)
    [committee] = cell.send(cell.caller("thuongvu", "committee-laptop"),
                            change("members", "update", {"id": roster_row["id"], "phone": "2"}, base=0))
    assert committee.status == "rejected" and cell.stored(roster_row["id"])["phone"] is None


def test_a_resolution_number_or_meeting_taken_elsewhere_is_a_number_conflict(cell):
    first_meeting = cell.insert("meetings", kind="regular", title="Họp tháng 3", state="held")
    second_meeting = cell.insert("meetings", kind="regular", title="Họp tháng 4", state="held")
    kept = cell.insert("resolutions", meeting_id=first_meeting["id"], number=12, term=TERM, title="Nghị quyết A")
    clash = full_row("resolutions", cell.id, meeting_id=second_meeting["id"], number=12, term=TERM, title="Nghị quyết B")
    conflict, follow_up = cell.send(cell.b, change("resolutions", "insert", clash),
                                    change("resolutions", "update", {"id": clash["id"], "title": "Sửa"}, base=0))
    assert conflict.status == "conflict" and "12-NQ/CB" in conflict.message and "Nghị quyết A" in conflict.message
    assert follow_up.status == "rejected" and cell.stored(clash["id"]) is None
    [row] = cell.conflicts(clash["id"])
    assert row["kind"] == "number" and json.loads(row["other_value"])["title"] == "Nghị quyết B"
    # A tombstoned resolution keeps its number; its meeting is free again.
    cell.send(cell.a, change("resolutions", "delete", {"id": kept["id"], "deleted_at": "2026-03-02T00:00:00+00:00"},
                             base=kept["version"]))
    again = full_row("resolutions", cell.id, meeting_id=second_meeting["id"], number=12, term=TERM, title="C")
    assert cell.send(cell.b, change("resolutions", "insert", again))[0].status == "conflict"
    free = full_row("resolutions", cell.id, meeting_id=first_meeting["id"], number=13, term=TERM, title="D")
    assert cell.send(cell.b, change("resolutions", "insert", free))[0].status == "accepted"
    second = full_row("resolutions", cell.id, meeting_id=first_meeting["id"], number=14, term=TERM, title="E")
    [one_per_meeting] = cell.send(cell.a, change("resolutions", "insert", second))
    assert one_per_meeting.status == "conflict" and cell.conflicts(second["id"])[0]["field"] == "meeting_id"


def test_an_approved_meeting_is_locked_moves_forward_and_a_second_approval_conflicts(cell):
    meeting = cell.insert("meetings", kind="regular", title="Họp tháng 5", state="held") | {"_table": "meetings"}
    resolution = cell.insert("resolutions", meeting_id=meeting["id"], number=1, term=TERM, title="NQ")
    [approved] = cell.send(cell.a, update(meeting, state="approved", content_hash="h1",
                                          locked_at="2026-05-10T10:00:00+00:00"))
    assert approved.status == "accepted"
    meeting["version"] = approved.version
    agenda = full_row("agenda_items", cell.id, meeting_id=meeting["id"], position=9, title="Thêm sau")
    task = full_row("resolution_items", cell.id, resolution_id=resolution["id"], position=1, text="Việc")
    refused_agenda, refused_task, refused_text = cell.send(cell.b, change("agenda_items", "insert", agenda),
                                                           change("resolution_items", "insert", task),
                                                           update(meeting, conclusions="Sửa sau khi duyệt"))
    assert [r.status for r in (refused_agenda, refused_task, refused_text)] == ["rejected"] * 3
    assert refused_agenda.row is None and refused_text.row["conclusions"] is None
    assert cell.stored(agenda["id"]) is None and cell.stored(task["id"]) is None
    kept = cell.conflicts(agenda["id"])[0]
    assert kept["kind"] == "rejected" and json.loads(kept["other_value"])["title"] == "Thêm sau"
    # Still allowed: an addendum, the evaluation, the archive; a backward state is ignored.
    addendum = full_row("minutes_addenda", cell.id, meeting_id=meeting["id"], position=1, text="Bổ sung")
    results = cell.send(cell.b, change("minutes_addenda", "insert", addendum),
                        update(meeting, evaluation="Tốt"), update(meeting, state="held"),
                        update(meeting, title="Họp tháng 5"))  # the same text again changes nothing
    assert [r.status for r in results] == ["accepted"] * 4 and results[2].row["state"] == "approved"
    [second] = cell.send(cell.b, update(meeting, state="approved", content_hash="h2",
                                        locked_at="2026-05-11T10:00:00+00:00"))
    assert second.status == "conflict" and cell.stored(meeting["id"])["content_hash"] == "h1"
    assert [c["kind"] for c in cell.conflicts(meeting["id"])] == ["rejected", "approval"]
    [same] = cell.send(cell.b, update(meeting, state="approved", content_hash="h1",
                                      locked_at="2026-05-11T10:00:00+00:00"))
    assert same.status == "accepted"
    assert cell.send(cell.a, update(meeting, state="archived"))[0].status == "accepted"
    stored = cell.stored(meeting["id"])
    assert stored["state"] == "archived" and stored["evaluation"] == "Tốt"
    assert stored["locked_at"].startswith("2026-05-10")
