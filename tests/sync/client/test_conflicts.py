"""The "Xung đột" list on a real workspace: conflict rows as a pull stores them, rejected
outbox entries as a push leaves them; each choice is an ordinary edit in the outbox."""

import pytest
from sqlalchemy import select

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.meetings import Meeting
from handbook_desktop.core.members import Member
from handbook_desktop.core.models import OutboxEntry, OutboxState, SyncConflict
from sync.conflicts import DISMISS, KEPT, MERGED, OTHER, RENUMBER, open_conflicts, resolve
from sync.protocol import ConflictKind
from sync.records import record_model

from .cells import (TERM, add_meeting, add_member, add_resolution, as_synced, entries, own_cell, pulled_conflict,
                    row_json)


@pytest.fixture
def cell(workspace):
    own_cell(workspace)
    return workspace


def _open(workspace):
    with workspace.unit_of_work(read_only=True) as uow:
        return open_conflicts(uow)


def _resolve(workspace, key, choice, text=None, user="bithu.demo"):
    with workspace.unit_of_work(user=user) as uow:
        resolve(uow, key, choice, text)


def _conflict(workspace, conflict_id) -> SyncConflict:
    with workspace.unit_of_work(read_only=True) as uow:
        row = uow.session.get(SyncConflict, conflict_id)
        uow.session.expunge(row)
        return row


def test_a_field_conflict_shows_both_values_and_other_writes_the_member(cell):
    member_id = add_member(cell, "Nguyễn Văn An", phone="0912000111")
    as_synced(cell)
    conflict_id = pulled_conflict(cell, member_id, "members", ConflictKind.FIELD, "phone", "0912000111", "0987000222",
                                  "Điện thoại được sửa trên hai máy")
    [view] = _open(cell)
    assert view.what == "Đảng viên “Nguyễn Văn An” — Điện thoại"
    assert (view.kept, view.other, view.kept_by, view.other_by) == ("0912000111", "0987000222", "bithu.demo",
                                                                    "phobithu.demo")
    assert view.choices == (KEPT, OTHER) and view.message == "Điện thoại được sửa trên hai máy"
    _resolve(cell, view.key, OTHER)
    with cell.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Member, member_id).phone == "0987000222"
    [edit] = entries(cell, member_id, OutboxState.PENDING)
    assert (edit.op, edit.base_version, edit.payload["phone"]) == ("update", 5, "0987000222")
    [stamp] = entries(cell, conflict_id, OutboxState.PENDING)
    assert stamp.op == "update" and stamp.base_version == 9
    assert stamp.payload["resolution"] == "other" and stamp.payload["resolved_by"] == "bithu.demo"
    assert stamp.payload["resolved_at"]
    assert _open(cell) == []


def test_keeping_the_servers_value_changes_no_row(cell):
    member_id = add_member(cell, "Trần Thị Bình")
    as_synced(cell)
    pulled_conflict(cell, member_id, "members", ConflictKind.FIELD, "notes", "", "Chuyển sinh hoạt tạm thời")
    [view] = _open(cell)
    assert view.kept == "(để trống)"
    _resolve(cell, view.key, KEPT)
    assert entries(cell, member_id, OutboxState.PENDING) == []
    assert _open(cell) == []


def test_minutes_text_merged_by_hand(cell):
    meeting_id = add_meeting(cell)
    as_synced(cell)
    conflict_id = pulled_conflict(cell, meeting_id, "meetings", ConflictKind.TEXT, "conclusions",
                                  "Chi bộ thống nhất làm đường.", "Chi bộ thống nhất làm đường, xong trước Tết.")
    [view] = _open(cell)
    assert view.choices == (KEPT, OTHER, MERGED) and "Kết luận" in view.what
    with pytest.raises(ValidationError):
        _resolve(cell, view.key, MERGED, "   ")
    _resolve(cell, view.key, MERGED, "Chi bộ thống nhất làm đường; xong trước Tết.")
    with cell.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Meeting, meeting_id).conclusions == "Chi bộ thống nhất làm đường; xong trước Tết."
    [edit] = entries(cell, meeting_id, OutboxState.PENDING)
    assert edit.payload["conclusions"] == "Chi bộ thống nhất làm đường; xong trước Tết."
    assert _conflict(cell, conflict_id).resolution == "merged"


def test_a_dated_field_is_written_as_a_date(cell):
    member_id = add_member(cell, "Lê Văn Cường")
    as_synced(cell)
    pulled_conflict(cell, member_id, "members", ConflictKind.FIELD, "birth_date", "1980-02-01", "1981-02-01")
    _resolve(cell, _open(cell)[0].key, OTHER)
    with cell.unit_of_work(read_only=True) as uow:
        assert str(uow.session.get(Member, member_id).birth_date) == "1981-02-01"


def _refused_resolution(workspace) -> tuple[str, dict]:
    """This device issued 01-NQ/CB offline; the server had given 01 to the other laptop's
    resolution (pulled since), refused the insert and the push tombstoned it here."""
    mine = add_resolution(workspace, add_meeting(workspace, 5))
    theirs_meeting = add_meeting(workspace, 12)
    as_synced(workspace)
    Resolution = record_model("resolutions")
    with workspace.unit_of_work(record_outbox=False) as uow:
        row = uow.session.get(Resolution, mine)
        row.version = 0
        pushed = row_json(row)
        row.deleted_at = uow.now()
        for entry in uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == mine)):
            entry.state = OutboxState.CONFLICT
        uow.session.add(Resolution(unit_id=row.unit_id, meeting_id=theirs_meeting, number=1, term=TERM,
                                   issued_on=row.issued_on, title="Nghị quyết tháng 9 (máy kia)", recipients="",
                                   version=8))
    return mine, pushed


def test_a_resolution_number_clash_takes_the_next_free_number(cell):
    mine, pushed = _refused_resolution(cell)
    conflict_id = pulled_conflict(cell, mine, "resolutions", ConflictKind.NUMBER, other=pushed,
                                  message="Số 01-NQ/CB đã được cấp cho nghị quyết khác trên máy khác")
    [view] = _open(cell)
    assert view.choices == (RENUMBER, DISMISS) and view.new_number == "02-NQ/CB"
    assert "Nghị quyết tháng 9" in view.other
    _resolve(cell, view.key, RENUMBER)
    with cell.unit_of_work(read_only=True) as uow:
        row = uow.session.get(record_model("resolutions"), mine)
        assert (row.number, row.deleted_at) == (2, None)
    # The server never took it: one pending insert with every column, nothing else unsent.
    [insert] = entries(cell, mine, OutboxState.PENDING, OutboxState.SENT, OutboxState.CONFLICT)
    assert insert.op == "insert" and insert.base_version == 0
    assert insert.payload["number"] == 2 and insert.payload["deleted_at"] is None
    assert set(insert.payload) >= {"id", "unit_id", "meeting_id", "term", "issued_on", "title", "recipients"}
    assert _conflict(cell, conflict_id).resolution == "renumbered"


def test_renumbering_on_the_other_laptop_makes_the_resolution_from_the_refused_row(cell):
    mine, pushed = _refused_resolution(cell)
    with cell.unit_of_work(record_outbox=False) as uow:  # the other laptop never had it
        resolutions = record_model("resolutions").__table__
        uow.session.execute(OutboxEntry.__table__.delete().where(OutboxEntry.entity_id == mine))
        uow.session.execute(resolutions.delete().where(resolutions.c.id == mine))
    pulled_conflict(cell, mine, "resolutions", ConflictKind.NUMBER, other=pushed)
    _resolve(cell, _open(cell)[0].key, RENUMBER)
    [insert] = entries(cell, mine, OutboxState.PENDING)
    assert insert.op == "insert" and insert.payload["number"] == 2
    assert insert.payload["title"] == "Nghị quyết tháng 9" and insert.payload["meeting_id"] == pushed["meeting_id"]


def test_a_second_resolution_of_one_meeting_can_only_be_let_go(cell):
    meeting_id = add_meeting(cell)
    add_resolution(cell, meeting_id)
    as_synced(cell)
    pushed = {"id": "r2", "meeting_id": meeting_id, "number": 2, "term": TERM, "title": "Bản thứ hai"}
    pulled_conflict(cell, "r2", "resolutions", ConflictKind.NUMBER, other=pushed)
    [view] = _open(cell)
    assert view.choices == (DISMISS,) and view.new_number == ""
    with pytest.raises(UserError):
        _resolve(cell, view.key, RENUMBER)
    _resolve(cell, view.key, DISMISS)
    assert _open(cell) == []


def test_a_refused_change_is_shown_with_its_content_and_can_be_let_go(cell):
    member_id = add_member(cell, "Phạm Thị Dung")
    as_synced(cell)
    with cell.unit_of_work() as uow:
        uow.session.get(Member, member_id).notes = "Ghi chú sẽ bị từ chối"
    with cell.unit_of_work(record_outbox=False) as uow:
        entry = uow.session.scalars(select(OutboxEntry).where(OutboxEntry.state == OutboxState.PENDING)).one()
        entry.state, entry.last_error = OutboxState.REJECTED, "Tài khoản không có quyền sửa hồ sơ đảng viên."
        uow.session.get(Member, member_id).notes = ""  # the push restored the server's row
    [view] = _open(cell)
    assert view.kind == ConflictKind.REJECTED and view.choices == (DISMISS,)
    assert view.message == "Tài khoản không có quyền sửa hồ sơ đảng viên."
    assert "Ghi chú: Ghi chú sẽ bị từ chối" in view.other and "Ghi chú: (để trống)" in view.kept
    with pytest.raises(UserError):
        _resolve(cell, view.key, OTHER)
    _resolve(cell, view.key, DISMISS)
    assert _open(cell) == [] and entries(cell, member_id, OutboxState.REJECTED) == []


def test_a_refusal_the_server_kept_is_listed_once_and_dismissed_whole(cell):
    meeting_id = add_meeting(cell)
    as_synced(cell)
    with cell.unit_of_work() as uow:
        uow.session.get(Meeting, meeting_id).place = "Nhà văn hóa"
    with cell.unit_of_work(record_outbox=False) as uow:
        entry = uow.session.scalars(select(OutboxEntry).where(OutboxEntry.state == OutboxState.PENDING)).one()
        entry.state, entry.last_error = OutboxState.REJECTED, "Biên bản đã được duyệt."
    conflict_id = pulled_conflict(cell, meeting_id, "meetings", ConflictKind.REJECTED, other={"place": "Nhà văn hóa"},
                                  message="Biên bản đã được duyệt trên máy khác.")
    [view] = _open(cell)
    assert view.key == f"c:{conflict_id}" and "Nhà văn hóa" in view.other
    _resolve(cell, view.key, DISMISS)
    assert _open(cell) == [] and entries(cell, meeting_id, OutboxState.REJECTED) == []
    assert _conflict(cell, conflict_id).resolution == "dismissed"


def test_a_conflict_resolved_on_the_other_laptop_is_gone_and_cannot_be_resolved_again(cell):
    member_id = add_member(cell, "Hoàng Văn Em")
    as_synced(cell)
    conflict_id = pulled_conflict(cell, member_id, "members", ConflictKind.FIELD, "phone", "1", "2")
    key = _open(cell)[0].key
    with cell.unit_of_work(record_outbox=False) as uow:  # the other laptop's resolution, pulled
        uow.session.get(SyncConflict, conflict_id).resolved_at = uow.now()
    assert _open(cell) == []
    with pytest.raises(UserError, match="đã được giải quyết"):
        _resolve(cell, key, OTHER)
