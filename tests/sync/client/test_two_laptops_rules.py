"""The conflict rules end to end: two laptops of one cell, the real server, the Xung đột list.

Both laptops issue the same resolution number offline; both edit the conclusions of one
meeting; one approves a meeting while the other still adds to its minutes; a laptop whose
clock is a day ahead; a member moved to another cell. Each ends with both laptops agreeing
and nothing anyone typed lost.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

import handbook_desktop.core.models.base as model_base
import handbook_desktop.core.outbox as outbox
from handbook_desktop.core.meetings.models import Meeting, MeetingState, Resolution, Speech
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.models import SyncConflict
from handbook_desktop.core.workspace import open_workspace
from sync.account import connect
from sync.conflicts import open_conflicts, resolve
from sync.engine import sync_once
from sync.server.services import admin

from .cells import TERM, add_meeting, add_member, add_resolution
from .conftest import PASSWORD


def _get(workspace, model, row_id):
    with workspace.unit_of_work(read_only=True) as uow:
        row = uow.session.get(model, row_id)
        if row is not None:
            uow.session.expunge(row)
        return row


def _edit(workspace, model, row_id, **values):
    def edit(uow):
        row = uow.session.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)

    workspace.perform(edit)


def _conflicts(workspace):
    with workspace.unit_of_work(read_only=True) as uow:
        return open_conflicts(uow)


def _resolve(workspace, key, choice, text=None):
    workspace.perform(lambda uow: resolve(uow, key, choice, text))


def _live_numbers(workspace) -> list[int]:
    with workspace.unit_of_work(read_only=True) as uow:
        return sorted(uow.session.scalars(select(Resolution.number).where(Resolution.term == TERM,
                                                                          Resolution.deleted_at.is_(None))))


def test_both_laptops_issue_the_same_number_offline_and_one_click_renumbers(laptops):
    a, b = laptops
    first, second = add_meeting(a, day=5), add_meeting(a, day=20)
    sync_once(a)
    sync_once(b)
    add_resolution(a, first)  # offline, both take the next number of the term: 1
    add_resolution(b, second)
    assert _live_numbers(a) == _live_numbers(b) == [1]
    sync_once(a)
    report = sync_once(b)
    assert report.conflicts == 1  # the server confirmed A's 1, B's is a conflict, not renumbered silently
    [clash] = [view for view in _conflicts(b) if view.kind == "number"]
    assert "renumber" in clash.choices and clash.new_number == "02-NQ/CB"
    _resolve(b, clash.key, "renumber")
    sync_once(b)
    sync_once(a)
    assert _live_numbers(a) == _live_numbers(b) == [1, 2]
    assert [view for view in _conflicts(a) if view.kind == "number"] == []  # settled on both


def test_conclusions_written_on_both_keep_both_texts_until_the_secretary_merges(laptops):
    a, b = laptops
    meeting = add_meeting(a)
    sync_once(a)
    sync_once(b)
    _edit(a, Meeting, meeting, conclusions="Chi bộ thống nhất thu quỹ trước ngày 15.")
    _edit(b, Meeting, meeting, conclusions="Giao đồng chí Hương vận động hộ gia đình.")
    sync_once(a)
    sync_once(b)
    sync_once(a)
    for laptop in (a, b):  # the first text stays; the second waits in the list on both laptops
        assert _get(laptop, Meeting, meeting).conclusions == "Chi bộ thống nhất thu quỹ trước ngày 15."
        [text] = [view for view in _conflicts(laptop) if view.kind == "text"]
        assert "hộ gia đình" in text.other and "merged" in text.choices
    merged = "Chi bộ thống nhất thu quỹ trước ngày 15.\nGiao đồng chí Hương vận động hộ gia đình."
    _resolve(b, text.key, "merged", merged)
    sync_once(b)
    sync_once(a)
    assert _get(a, Meeting, meeting).conclusions == _get(b, Meeting, meeting).conclusions == merged
    assert _conflicts(a) == _conflicts(b) == []


def test_a_speech_added_after_approval_elsewhere_is_refused_and_kept_in_the_list(laptops):
    a, b = laptops
    meeting = add_meeting(a)
    sync_once(a)
    sync_once(b)
    _edit(a, Meeting, meeting, state=MeetingState.APPROVED, locked_at=datetime.now(UTC), content_hash="a" * 64)
    sync_once(a)

    def speak(uow):
        row = Speech(unit_id=uow.home_unit_id, meeting_id=meeting, position=1,
                     text="Đề nghị bổ sung ý kiến về quỹ khuyến học.")
        uow.session.add(row)
        uow.session.flush()
        return row.id

    speech = b.perform(speak)
    report = sync_once(b)
    assert report.rejected == 1
    assert _get(b, Meeting, meeting).state == MeetingState.APPROVED  # the server's state, shown at once
    assert _get(b, Speech, speech).deleted_at is not None  # not in the approved minutes …
    assert any("quỹ khuyến học" in view.other for view in _conflicts(b))  # … nor lost
    assert _get(a, Speech, speech) is None or _get(a, Speech, speech).deleted_at is not None


def test_a_laptop_whose_clock_is_a_day_ahead_does_not_win_by_its_clock(laptops, monkeypatch):
    a, b = laptops
    member = add_member(a, "Hoàng Văn Sơn")
    sync_once(a)
    sync_once(b)
    ahead = lambda: datetime.now(UTC) + timedelta(days=1)  # noqa: E731
    monkeypatch.setattr(outbox, "utcnow", ahead)
    monkeypatch.setattr(model_base, "utcnow", ahead)
    _edit(b, Member, member, phone="0911111111")  # stamped tomorrow, sent first
    sync_once(b)
    monkeypatch.undo()
    _edit(a, Member, member, phone="0922222222")  # stamped today, reaches the server later
    sync_once(a)
    sync_once(b)
    assert _get(a, Member, member).phone == _get(b, Member, member).phone == "0922222222"  # server order
    assert _get(a, Member, member).version == _get(b, Member, member).version


@pytest.fixture
def kp4_laptop(live_server, memory_keyring, tmp_path):
    laptop = open_workspace(tmp_path / "kp4")
    connect(laptop, live_server.url, "bithu4.demo", PASSWORD)
    sync_once(laptop)
    yield laptop
    laptop.close()


def test_a_member_moved_to_another_cell_leaves_this_cells_laptops_and_reaches_the_other(laptops, kp4_laptop,
                                                                                          live_server):
    a, b = laptops
    member = add_member(a, "Đinh Thị Chuyển")
    sync_once(a)
    sync_once(b)
    with live_server.session() as session:
        admin.move_member(session, member, "TN-SC-BS-KP4")
        session.commit()
    for laptop in (a, b):
        sync_once(laptop)
        assert _get(laptop, Member, member).deleted_at is not None
    sync_once(kp4_laptop)
    moved = _get(kp4_laptop, Member, member)
    assert moved.deleted_at is None and moved.full_name == "Đinh Thị Chuyển"
    with kp4_laptop.unit_of_work(read_only=True) as uow:
        assert moved.unit_id == uow.home_unit_id
        assert uow.session.scalars(select(SyncConflict)).all() == []
