"""Adopting a cell set up offline into the account's cell, on a real workspace: the
account's facts as connecting leaves them, the server's members as a pull stores them."""

from datetime import date

import pytest
from sqlalchemy import func, select

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.meetings import Meeting, attendance_id, next_resolution_number
from handbook_desktop.core.members import Member, MemberEventKind
from handbook_desktop.core.models import Base, OutboxEntry, Syncable, WorkspaceFact
from handbook_desktop.core.workspace import SECRETARY
from sync.account import set_fact
from sync.adopt import adopt, adoption_pending, preview
from sync.records import UNSENT_STATES, record_model, record_models

from .cells import (TERM, add_meeting, add_member, add_resolution, connected_to, own_cell, received_member)


@pytest.fixture
def offline_cell(workspace):
    """Khu phố 9 kept offline: three members, a meeting with a resolution; then the secretary
    logs in as the secretary of Khu phố 3, whose roster the server already sent."""
    own_cell(workspace)
    an = add_member(workspace, "Nguyễn Văn An", card_number="01234567")
    binh = add_member(workspace, "Trần Thị Bình", birth_date="05/06/1975")
    cuong = add_member(workspace, "Lê Văn Cường")
    meeting = add_meeting(workspace)
    add_resolution(workspace, meeting)
    with workspace.unit_of_work() as uow:
        uow.session.get(Meeting, meeting).chair_id = binh
        set_fact(uow, SECRETARY, binh)
    cell = connected_to(workspace)
    server_an = received_member(workspace, cell, "Nguyễn Văn A.", card_number="01234567")
    server_binh = received_member(workspace, cell, "TRẦN THỊ BÌNH", birth_date=date(1975, 6, 5), phone="")
    received_member(workspace, cell, "Lê Văn Cường", birth_date=date(1990, 1, 1))  # another Cường
    with workspace.unit_of_work(record_outbox=False) as uow:
        uow.session.get(Member, binh).phone = "0912000111"
        event = record_model("member_events")
        uow.session.add(event(unit_id=cell, member_id=server_binh, kind=MemberEventKind.ADMITTED,
                              occurred_on=date(2010, 2, 3), version=3))
    return workspace, dict(an=an, binh=binh, cuong=cuong, meeting=meeting, cell=cell, server_an=server_an,
                           server_binh=server_binh)


def _counts(workspace) -> dict[str, int]:
    with workspace.unit_of_work(read_only=True) as uow:
        return {table.name: uow.session.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables if table.name != "outbox"}


def test_the_preview_says_what_will_be_sent_and_who_is_already_there(offline_cell):
    workspace, ids = offline_cell
    with workspace.unit_of_work(read_only=True) as uow:
        assert adoption_pending(uow)
        shown = preview(uow)
    assert (shown.from_cell, shown.to_cell) == ("Chi bộ Khu phố 9", "Chi bộ Khu phố 3")
    counts = dict(shown.counts)
    assert counts["Đảng viên"] == 3 and counts["Cuộc họp"] == 1 and counts["Nghị quyết"] == 1
    assert counts["Điểm danh"] == 3 and "Xung đột" not in counts
    assert [(m.full_name, m.server_id, m.by_card) for m in shown.matches] == [
        ("Nguyễn Văn An", ids["server_an"], True), ("Trần Thị Bình", ids["server_binh"], False)]


def test_adopting_moves_every_row_merges_the_confirmed_members_and_queues_whole_inserts(offline_cell):
    workspace, ids = offline_cell
    before = _counts(workspace)
    with workspace.unit_of_work(user="bithu.demo") as uow:
        adopt(uow)
    assert _counts(workspace) == before  # nothing discarded
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.home_unit_id == ids["cell"] and not adoption_pending(uow)
        session = uow.session
        for model in record_models().values():
            if model.__tablename__ != "sync_conflicts":
                assert session.scalar(select(func.count()).select_from(model).where(
                    model.unit_id != ids["cell"])) == 0, model.__tablename__
        # Merged: references follow the server's member, its blanks take what this device knew.
        assert session.get(Meeting, ids["meeting"]).chair_id == ids["server_binh"]
        assert session.get(WorkspaceFact, SECRETARY).value == ids["server_binh"]
        assert session.get(Member, ids["server_binh"]).phone == "0912000111"
        assert session.get(Member, ids["binh"]).deleted_at is not None
        attendance = record_model("attendance")
        assert set(session.scalars(select(attendance.member_id))) == {ids["server_an"], ids["server_binh"],
                                                                      ids["cuong"]}
        # A repointed mark takes the id another laptop marking the server's member would make.
        assert all(row.id == attendance_id(row.meeting_id, row.member_id)
                   for row in session.scalars(select(attendance)))
        events = record_model("member_events")
        binh_events = list(session.scalars(select(events).where(events.member_id == ids["server_binh"],
                                                                events.deleted_at.is_(None))))
        assert [e.kind for e in binh_events].count(MemberEventKind.ADMITTED) == 1  # not repeated
        # Every adopted row: one unsent entry, a whole insert in the new cell; merged rows: none.
        unsent = {}
        for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.state.in_(UNSENT_STATES))):
            unsent.setdefault(entry.entity_id, []).append(entry)
        for model in record_models().values():
            for row in session.scalars(select(model).where(model.version == 0)):
                kept_here = row.id == ids["binh"] or row.id == ids["an"] or (
                    model.__tablename__ == "member_events" and row.deleted_at is not None)
                if kept_here:
                    assert row.id not in unsent, model.__tablename__
                    continue
                [entry] = unsent[row.id]
                assert entry.op == "insert" and entry.base_version == 0
                assert set(entry.payload) == {c.key for c in row.__mapper__.column_attrs}
                assert entry.payload["unit_id"] == ids["cell"]
        [fill] = unsent[ids["server_binh"]]
        assert (fill.op, fill.base_version, fill.payload["phone"]) == ("update", 3, "0912000111")
        # Numbering goes on in the new cell where the old one stopped.
        assert next_resolution_number(uow, TERM) == 2


def test_a_match_left_unconfirmed_is_sent_as_a_member_of_its_own(offline_cell):
    workspace, ids = offline_cell
    with workspace.unit_of_work() as uow:
        adopt(uow, merge={ids["an"]})
    with workspace.unit_of_work(read_only=True) as uow:
        binh = uow.session.get(Member, ids["binh"])
        assert binh.deleted_at is None and binh.unit_id == ids["cell"]
        assert uow.session.get(Member, ids["an"]).deleted_at is not None
        [entry] = uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == ids["binh"],
                                                                 OutboxEntry.state.in_(UNSENT_STATES)))
        assert entry.op == "insert"


def test_adoption_is_refused_in_words_when_there_is_nothing_to_do_or_no_right(workspace):
    own_cell(workspace)
    with workspace.unit_of_work() as uow, pytest.raises(UserError, match="chưa đăng nhập"):
        adopt(uow)
    connected_to(workspace, role="member")
    with workspace.unit_of_work() as uow, pytest.raises(UserError, match="không phải bí thư"):
        adopt(uow)
    connected_to(workspace)
    with workspace.unit_of_work() as uow:
        adopt(uow)
    with workspace.unit_of_work() as uow, pytest.raises(UserError, match="không có gì phải chuyển"):
        adopt(uow)


def test_no_row_of_any_table_is_left_in_the_old_cell(offline_cell):
    workspace, ids = offline_cell
    with workspace.unit_of_work() as uow:
        old = uow.home_unit_id
    with workspace.unit_of_work() as uow:
        adopt(uow)
    with workspace.unit_of_work(read_only=True) as uow:
        for mapper in Base.registry.mappers:
            model = mapper.class_
            if issubclass(model, Syncable) and model.__tablename__ != "org_units":
                assert uow.session.scalar(select(func.count()).select_from(model).where(model.unit_id == old)) == 0
