"""Pulled rows of a cell's records on a real workspace (no server): created, updated, rebased
on this device's unsent changes, waiting for their parent, tombstoned, swept after a resync."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.meetings import Meeting
from handbook_desktop.core.members import Member
from handbook_desktop.core.models import OutboxEntry, OutboxState, WaitingRecord
from handbook_desktop.core.workspace import SYNC
from sync.apply import sweep_unsent
from sync.protocol import Change, ChangeOp, Entity
from sync.records import record_model

from .records import make_cell, member, member_row, pull, record, server_row

Attendance = record_model("attendance")  # not on the meetings face: the sync client reaches it by table


def test_a_pulled_member_is_created_and_its_echo_is_a_no_op(workspace):
    make_cell(workspace)
    member_id = new_id()
    first = member_row(member_id, 5, birth_date="1980-02-03")
    tally = pull(workspace, record(5, "members", first))
    assert tally.records == 1 and member_id in tally.seen
    row = member(workspace, member_id)
    assert row.full_name == "Nguyễn Văn An" and row.version == 5 and row.birth_date.isoformat() == "1980-02-03"
    assert pull(workspace, record(6, "members", first)).records == 0  # the echo of what is here
    assert pull(workspace, record(6, "members", member_row(member_id, 4, full_name="Cũ"))).records == 0  # older
    assert member(workspace, member_id).full_name == "Nguyễn Văn An"
    assert pull(workspace, record(7, "members", member_row(member_id, 7, full_name="Mới"))).records == 1
    assert member(workspace, member_id).full_name == "Mới"
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0  # nothing goes back up


def test_a_pulled_row_keeps_the_fields_this_device_has_not_sent(workspace):
    make_cell(workspace)
    member_id = new_id()
    pull(workspace, record(5, "members", member_row(member_id, 5)))
    with workspace.unit_of_work() as uow:
        uow.session.get(Member, member_id).phone = "0912345678"  # edited here, not sent yet
    pull(workspace, record(9, "members", member_row(member_id, 9, phone="", address="Tổ 5")))
    row = member(workspace, member_id)
    assert row.phone == "0912345678" and row.address == "Tổ 5" and row.version == 9
    with workspace.unit_of_work() as uow:  # once the server has the phone, the next pull may set it
        entry = uow.session.scalar(select(OutboxEntry).where(OutboxEntry.entity_id == member_id))
        entry.state = OutboxState.ACKNOWLEDGED
    pull(workspace, record(12, "members", member_row(member_id, 12, phone="0900000000", address="Tổ 5")))
    assert member(workspace, member_id).phone == "0900000000"


def test_rows_wait_for_their_parent_and_arrive_with_it(workspace):
    make_cell(workspace)
    meeting_id, member_id, mark_id = new_id(), new_id(), new_id()
    mark = server_row("attendance", mark_id, 8, meeting_id=meeting_id, member_id=member_id, status="present",
                      reason="", standing="official")
    tally = pull(workspace, record(8, "attendance", mark))
    assert tally.records == 0
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Attendance, mark_id) is None
        assert [w.row_id for w in uow.session.scalars(select(WaitingRecord))] == [mark_id]
    meeting = server_row("meetings", meeting_id, 9, kind="regular", title="Sinh hoạt tháng 12",
                         starts_at=datetime(2026, 12, 5, 1, tzinfo=UTC), planned_minutes=90, place="", state="planned",
                         quality=None, conclusions="", content_hash="", evaluation="")
    pull(workspace, record(9, "meetings", meeting))  # the member is still missing: the mark waits on
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Meeting, meeting_id).title == "Sinh hoạt tháng 12"
        assert uow.session.get(Attendance, mark_id) is None
    assert pull(workspace, record(10, "members", member_row(member_id, 10))).records == 2
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.get(Attendance, mark_id).status == "present"
        assert uow.session.scalar(select(func.count()).select_from(WaitingRecord)) == 0


def test_a_delete_tombstones_and_what_this_version_cannot_read_is_skipped(workspace):
    make_cell(workspace)
    member_id = new_id()
    pull(workspace, record(5, "members", member_row(member_id, 5)))
    tally = pull(workspace,
                 Change(seq=6, entity=Entity.RECORD, id=member_id, op=ChangeOp.DELETE),
                 Change(seq=7, entity=Entity.RECORD, id=new_id(), op=ChangeOp.UPSERT,
                        data={"table": "spaceships", "row": {"id": "x"}}),
                 record(8, "members", member_row(new_id(), 8, birth_date="không phải ngày")))
    assert tally.records == 1
    assert member(workspace, member_id).deleted_at is not None
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Member)) == 1


def test_after_a_full_resync_rows_the_server_lost_are_tombstoned_unless_unsent(workspace):
    make_cell(workspace)
    gone, edited, sent, local = new_id(), new_id(), new_id(), new_id()
    pull(workspace, *(record(n, "members", member_row(row_id, n)) for n, row_id in enumerate((gone, edited, sent), 1)))
    with workspace.unit_of_work() as uow:
        uow.session.get(Member, edited).notes = "sửa trên máy này"
        uow.session.add(Member(id=local, unit_id=uow.home_unit_id, full_name="Mới thêm", status="official"))
    tally = pull(workspace, record(1, "members", member_row(sent, 1)), resync=True)
    swept = workspace.perform(lambda uow: sweep_unsent(uow.session, tally.seen), origin=SYNC, record_outbox=False)
    assert swept == 1
    assert member(workspace, gone).deleted_at is not None
    assert all(member(workspace, row_id).deleted_at is None for row_id in (edited, sent, local))
