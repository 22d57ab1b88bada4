"""The server's answers to a push, stored on a real workspace (no server): acknowledged with
the row's new version and later entries rebased; a refusal restores the server's row except
what this device still has to send; a refused insert the server does not hold is tombstoned."""

from sqlalchemy import select

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.members import Member
from handbook_desktop.core.models import OutboxEntry, OutboxState
from handbook_desktop.core.workspace import SYNC
from sync.account import Account
from sync.protocol import PushResult, PushStatus
from sync.push import Pushed, may_write, store_results

from .records import CELL, make_cell, member, member_row


def _entries(workspace, member_id):
    with workspace.unit_of_work(read_only=True) as uow:
        entries = list(uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == member_id)
                                           .order_by(OutboxEntry.seq)))
        uow.session.expunge_all()
        return entries


def _answer(workspace, *results):
    pushed = Pushed()
    workspace.perform(lambda uow: store_results(uow, list(results), pushed), origin=SYNC, record_outbox=False)
    return pushed


def _member_with_two_edits(workspace) -> str:
    make_cell(workspace)
    member_id = new_id()
    with workspace.unit_of_work() as uow:
        uow.session.add(Member(id=member_id, unit_id=uow.home_unit_id, full_name="Lê Thị Hoa", status="official"))
    with workspace.unit_of_work() as uow:
        uow.session.get(Member, member_id).phone = "0911111111"
    with workspace.unit_of_work() as uow:
        uow.session.get(Member, member_id).address = "Tổ 3"
    return member_id


def test_an_accepted_change_is_acknowledged_and_rebases_the_rows_later_entries(workspace):
    member_id = _member_with_two_edits(workspace)
    insert, phone, address = _entries(workspace, member_id)
    pushed = _answer(workspace, PushResult(op_id=insert.op_id, status=PushStatus.ACCEPTED, version=11))
    assert pushed.accepted == 1 and not pushed.messages
    insert, phone, address = _entries(workspace, member_id)
    assert insert.state == OutboxState.ACKNOWLEDGED and insert.result_version == 11 and insert.acknowledged_at
    assert phone.base_version == address.base_version == 11 and phone.state == OutboxState.PENDING
    assert member(workspace, member_id).version == 11


def test_a_refusal_restores_the_servers_row_except_unsent_fields(workspace):
    member_id = _member_with_two_edits(workspace)
    insert, phone, address = _entries(workspace, member_id)
    _answer(workspace, PushResult(op_id=insert.op_id, status=PushStatus.ACCEPTED, version=11))
    server = member_row(member_id, 12, full_name="Lê Thị Hoa", phone="", address="")
    pushed = _answer(workspace, PushResult(op_id=phone.op_id, status=PushStatus.REJECTED, row=server,
                                           message="Cuộc họp đã được duyệt: không sửa được nữa."))
    assert pushed.rejected == 1 and pushed.messages == ["Cuộc họp đã được duyệt: không sửa được nữa."]
    row = member(workspace, member_id)
    assert row.phone == "" and row.address == "Tổ 3" and row.version == 12  # the address is still to be sent
    phone = _entries(workspace, member_id)[1]
    assert phone.state == OutboxState.REJECTED and "duyệt" in phone.last_error


def test_a_refused_insert_the_server_does_not_hold_is_tombstoned_here(workspace):
    member_id = _member_with_two_edits(workspace)
    insert = _entries(workspace, member_id)[0]
    pushed = _answer(workspace, PushResult(op_id=insert.op_id, status=PushStatus.CONFLICT, message="Số đã cấp"))
    assert pushed.conflicts == 1
    assert member(workspace, member_id).deleted_at is not None
    assert _entries(workspace, member_id)[0].payload["full_name"] == "Lê Thị Hoa"  # the content is not lost


def test_an_entry_without_an_answer_stays_as_it_was(workspace):
    member_id = _member_with_two_edits(workspace)
    _answer(workspace, PushResult(op_id="not-ours", status=PushStatus.ACCEPTED, version=3))
    assert [entry.state for entry in _entries(workspace, member_id)] == [OutboxState.PENDING] * 3


def test_only_the_cells_secretary_or_deputy_writes_its_records():
    def account(*grants):
        return Account("http://x", "u", "", "", CELL.id, "", tuple(grants))

    assert may_write(account((CELL.id, "secretary")), CELL.id)
    assert may_write(account((CELL.id, "deputy_secretary")), CELL.id)
    assert not may_write(account((CELL.id, "member")), CELL.id)
    assert not may_write(account(("district", "committee")), CELL.id)
    assert not may_write(account(("other-cell", "secretary")), CELL.id)
