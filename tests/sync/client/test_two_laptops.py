"""Two laptops of one cell against the real server: the secretary's (A, straight to the server)
and the deputy's (B, through the fault relay). What one records reaches the other; edits of
one member on both converge; a lost answer, a crash in a page, a refused change, an expired
token and a restored server lose nothing and duplicate nothing."""

import time
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

import sync.apply
import sync.engine
from handbook_desktop.core import attachments as store
from handbook_desktop.core.members import Member, MemberForm, create_member
from handbook_desktop.core.models import OutboxEntry, OutboxState, SyncConflict, SyncCursor
from handbook_desktop.core.workspace import open_workspace
from sync import errors
from sync.account import connect
from sync.engine import sync_once

from .conftest import DEPUTY, PASSWORD, SECRETARY

def add_member(workspace, full_name: str, **fields) -> str:
    form = MemberForm(full_name=full_name, birth_date=date(1985, 4, 12), sex="Nữ", admitted_on=date(2010, 5, 19),
                      official_on=date(2011, 5, 19), **fields)
    return workspace.perform(lambda uow: create_member(uow, form).member_id)


def edit_member(workspace, member_id: str, **values) -> None:
    def edit(uow):
        row = uow.session.get(Member, member_id)
        for name, value in values.items():
            setattr(row, name, value)

    workspace.perform(edit)


def member_of(workspace, member_id: str) -> Member | None:
    with workspace.unit_of_work(read_only=True) as uow:
        row = uow.session.get(Member, member_id)
        if row is not None:
            uow.session.expunge(row)
        return row


def members_named(workspace, full_name: str) -> int:
    with workspace.unit_of_work(read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(Member).where(
            Member.full_name == full_name, Member.deleted_at.is_(None)))


def open_entries(workspace) -> list[OutboxEntry]:
    with workspace.unit_of_work(read_only=True) as uow:
        rows = list(uow.session.scalars(select(OutboxEntry).where(OutboxEntry.state.in_(("pending", "sent")))))
        uow.session.expunge_all()
        return rows


def test_the_demo_cells_roster_arrives_on_both_laptops(laptops):
    a, b = laptops
    with a.unit_of_work(read_only=True) as uow_a, b.unit_of_work(read_only=True) as uow_b:
        roster_a = sorted(uow_a.session.scalars(select(Member.full_name).where(Member.deleted_at.is_(None))))
        roster_b = sorted(uow_b.session.scalars(select(Member.full_name).where(Member.deleted_at.is_(None))))
    assert roster_a and roster_a == roster_b


def test_a_member_added_on_a_appears_on_b(laptops):
    a, b = laptops
    member_id = add_member(a, "Đỗ Thị Lan", phone="0912000111")
    report = sync_once(a)
    assert report.pushed >= 2 and report.rejected == 0  # the member and the events its dates tell
    assert open_entries(a) == []
    arrived = sync_once(b)
    assert arrived.records >= 2
    row = member_of(b, member_id)
    assert row.full_name == "Đỗ Thị Lan" and row.phone == "0912000111" and row.birth_date == date(1985, 4, 12)
    assert row.version == member_of(a, member_id).version > 0
    assert open_entries(b) == []  # what came from the server does not go back up
    assert sync_once(a).records == 0  # A's own change comes back as an echo: nothing to do


def test_one_member_edited_on_both_in_different_fields_keeps_both_edits(laptops):
    a, b = laptops
    member_id = add_member(a, "Trịnh Văn Quân")
    sync_once(a)
    sync_once(b)
    edit_member(a, member_id, phone="0987654321")
    edit_member(b, member_id, address="Tổ 7, Khu phố 3")
    sync_once(a)
    sync_once(b)
    sync_once(a)
    for laptop in (a, b):
        row = member_of(laptop, member_id)
        assert (row.phone, row.address) == ("0987654321", "Tổ 7, Khu phố 3")
    assert member_of(a, member_id).version == member_of(b, member_id).version


def test_the_same_field_edited_on_both_ends_in_server_order_with_a_conflict_on_both(laptops):
    a, b = laptops
    member_id = add_member(a, "Mạc Văn Khoa")
    sync_once(a)
    sync_once(b)
    edit_member(a, member_id, phone="0911000001")
    edit_member(b, member_id, phone="0922000002")
    sync_once(a)
    assert sync_once(b).conflicts == 1
    assert sync_once(a).conflicts == 1
    for laptop in (a, b):
        assert member_of(laptop, member_id).phone == "0922000002"  # the later push wins ...
        with laptop.unit_of_work(read_only=True) as uow:  # ... and the other value waits for the secretary
            conflict = uow.session.scalar(select(SyncConflict).where(SyncConflict.row_id == member_id))
            assert (conflict.field, conflict.resolved_at) == ("phone", None)
            assert "0911000001" in conflict.other_value and "0922000002" in conflict.kept_value


def test_an_edit_made_while_a_row_arrives_is_kept_and_sent_next(laptops, monkeypatch):
    a, b = laptops
    member_id = add_member(a, "Phan Minh Tâm")
    sync_once(a)
    sync_once(b)
    edit_member(a, member_id, occupation="Giáo viên", notes="sửa trên máy A")
    sync_once(a)
    push = sync.engine.push

    def push_then_type(workspace, *args):
        pushed = push(workspace, *args)
        if workspace is b:  # the deputy types while the round is under way
            edit_member(b, member_id, notes="sửa trên máy B")
        return pushed

    monkeypatch.setattr(sync.engine, "push", push_then_type)
    sync_once(b)
    row = member_of(b, member_id)
    assert row.occupation == "Giáo viên" and row.notes == "sửa trên máy B"  # rebased on B's unsent field
    monkeypatch.setattr(sync.engine, "push", push)
    assert sync_once(b).pushed == 1
    sync_once(a)
    assert member_of(a, member_id).notes == "sửa trên máy B"


def test_a_lost_answer_is_sent_again_without_a_duplicate(laptops, live_server, proxy):
    a, b = laptops
    member_id = add_member(b, "Hà Thu Trang")
    proxy.lose_answer_once.add("/api/v1/push")
    with pytest.raises(errors.ServerUnreachable):
        sync_once(b)
    assert {entry.state for entry in open_entries(b)} == {OutboxState.SENT}
    proxy.seen.clear()
    report = sync_once(b)
    assert report.rejected == 0 and open_entries(b) == []
    assert [seen.path for seen in proxy.requests_to("/api/v1/push")] == ["/api/v1/push"]
    sync_once(a)
    assert members_named(a, "Hà Thu Trang") == 1 and member_of(a, member_id) is not None
    with b.unit_of_work(read_only=True) as uow:
        entries = list(uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == member_id)))
        assert entries[0].attempts == 2 and entries[0].state == OutboxState.ACKNOWLEDGED


def test_a_crash_inside_a_page_keeps_the_page_before_and_resumes(laptops, monkeypatch):
    a, b = laptops
    first = add_member(a, "Trang một")
    sync_once(a)
    second = add_member(a, "Trang hai")
    sync_once(a)
    monkeypatch.setattr(sync.engine, "PAGE_LIMIT", 1)
    apply_records = sync.apply.apply_records

    def crashing(page, changes, tally):
        apply_records(page, changes, tally)
        if any(change.id == second for change in changes):
            raise OSError("the laptop lost power")

    monkeypatch.setattr(sync.apply, "apply_records", crashing)
    with pytest.raises(OSError):
        sync_once(b)
    assert member_of(b, first) is not None and member_of(b, second) is None
    monkeypatch.setattr(sync.apply, "apply_records", apply_records)
    sync_once(b)
    assert member_of(b, second).full_name == "Trang hai"


def test_a_refused_change_says_why_and_blocks_nothing(laptops, live_server):
    a, b = laptops
    member_id = add_member(a, "Lò Văn Páo")

    def poison(uow):  # a change no server accepts: a column the contract does not have
        uow.session.add(OutboxEntry(entity="members", entity_id=member_id, op="update", base_version=0,
                                    payload={"favourite_colour": "đỏ"}))

    a.perform(poison, record_outbox=False)
    after = add_member(a, "Sau thay đổi hỏng")
    report = sync_once(a)
    assert report.rejected == 1 and report.problems and report.problems[0]
    assert open_entries(a) == []
    sync_once(b)
    assert member_of(b, member_id) is not None and member_of(b, after) is not None
    with a.unit_of_work(read_only=True) as uow:
        refused = uow.session.scalar(select(OutboxEntry).where(OutboxEntry.state == OutboxState.REJECTED))
        assert refused.last_error == report.problems[0]


def test_a_no_change_round_of_a_secretary_is_one_request(laptops, proxy):
    _a, b = laptops
    sync_once(b)
    proxy.seen.clear()
    report = sync_once(b)
    assert report.pushed == report.records == 0
    assert [(seen.method, seen.path.split("?")[0]) for seen in proxy.seen] == [("GET", "/api/v1/changes")]


def test_a_restored_server_resyncs_and_keeps_what_was_not_sent(laptops, live_server, monkeypatch):
    a, b = laptops
    member_id = add_member(a, "Nông Thị Mai")
    sync_once(a)
    sync_once(b)
    with live_server.session() as session:  # the server came back from a backup: a new epoch
        from sync.server.models import ServerState
        session.get(ServerState, 1).epoch = "restored"
        session.commit()
    push = sync.engine.push

    def push_then_type(workspace, *args):
        pushed = push(workspace, *args)
        edit_member(workspace, member_id, notes="ghi chú chưa gửi")
        return pushed

    monkeypatch.setattr(sync.engine, "push", push_then_type)
    sync_once(b)
    with b.unit_of_work(read_only=True) as uow:
        assert uow.session.get(SyncCursor, next(iter(uow.session.scalars(select(SyncCursor.server_url))))) \
            .cursor.startswith("restored.")
    row = member_of(b, member_id)
    assert row.deleted_at is None and row.notes == "ghi chú chưa gửi"
    assert [entry.entity_id for entry in open_entries(b)] == [member_id]
    monkeypatch.setattr(sync.engine, "push", push)
    sync_once(b)
    sync_once(a)
    assert member_of(a, member_id).notes == "ghi chú chưa gửi"


def test_an_access_token_that_expires_mid_round_is_refreshed(server_factory, memory_keyring, tmp_path, monkeypatch):
    server = server_factory(access_ttl=1)
    a, b = open_workspace(tmp_path / "a"), open_workspace(tmp_path / "b")
    try:
        connect(a, server.url, SECRETARY, PASSWORD)
        connect(b, server.url, DEPUTY, PASSWORD)
        member_id = add_member(a, "Vi Thị Hằng")
        push = sync.engine.push

        def push_then_wait(workspace, client, *args):
            pushed = push(workspace, client, *args)
            client.tokens = replace(client.tokens, expires_at=time.time() + 3600)  # the device thinks it fresh
            time.sleep(1.5)  # ... but the server's clock says it ended
            return pushed

        monkeypatch.setattr(sync.engine, "push", push_then_wait)
        assert sync_once(a).pushed >= 1
        monkeypatch.setattr(sync.engine, "push", push)
        sync_once(b)
        assert member_of(b, member_id).full_name == "Vi Thị Hằng"
    finally:
        a.close()
        b.close()


def test_a_members_device_sends_none_of_the_cells_records(live_server, memory_keyring, proxy, workspace):
    connect(workspace, proxy.url, "dangvien.demo", PASSWORD)
    sync_once(workspace)
    with workspace.unit_of_work(read_only=True) as uow:
        someone = uow.session.scalar(select(Member.id).where(Member.full_name == "Lê Văn Lữ"))
    edit_member(workspace, someone, notes="ghi trên máy của đảng viên")
    proxy.seen.clear()
    report = sync_once(workspace)
    assert report.pushed == report.rejected == 0 and proxy.requests_to("/api/v1/push") == []
    assert [entry.entity_id for entry in open_entries(workspace)] == [someone]  # kept, never sent


def test_a_file_attached_on_a_reaches_b(laptops):
    a, b = laptops
    member_id = add_member(a, "Quách Thị Yến")

    def attach(uow):
        blob = store.store_bytes(uow.data_dir, "Bản khai lý lịch của đồng chí Yến".encode())
        store.add_attachment(uow.session, uow.session.get(Member, member_id), blob, "ly-lich.txt", "text/plain")
        return blob.sha256

    sha256 = a.perform(attach)
    after = add_member(a, "Sau tệp đính kèm")
    sync_once(a)
    sync_once(b)
    assert member_of(b, member_id) is not None and member_of(b, after) is not None
    assert open_entries(a) == []  # the secretary may upload a file of the cell's records
    assert store.blob_path(b.data_dir, sha256).read_bytes().startswith("Bản khai".encode())
