"""Đã xóa: deleting documents, members and meetings as tombstones, refusals, and restoring
exactly what one deletion took, through real SQLite files."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from handbook_desktop.core import home, library, meetings, members
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library import Document, ItemFilter, import_files
from handbook_desktop.core.meetings.models import AgendaItem, Attendance, Meeting
from handbook_desktop.core.members import Member, MemberEvent, MemberEventKind, MemberForm
from handbook_desktop.core.models import Attachment, OutboxEntry

from ..meetings.meeting_helpers import act, at, demo_members, new_meeting, small_cell

NOTICE = ("ĐẢNG ỦY PHƯỜNG BẮC SƠN\n*\nSố 58-TB/ĐU\nBắc Sơn, ngày 05 tháng 11 năm 2026\n\nTHÔNG BÁO\n"
          "định hướng nội dung sinh hoạt chi bộ tháng 11 năm 2026\n\nCác chi bộ tập trung đánh giá việc thực hiện "
          "nhiệm vụ tuyên truyền về chuyển đổi xanh ở khu dân cư.\n")


def imported(workspace, tmp_path, name="thong-bao.txt") -> str:
    path = tmp_path / name
    path.write_text(NOTICE, encoding="utf-8")
    [result] = import_files(workspace, [path]).results
    return result.document_id


def found(workspace, query="chuyen doi xanh") -> list[str]:
    return [hit.id for hit in act(workspace, library.search, query)]


def listed(workspace) -> list[str]:
    return [item.id for item in act(workspace, library.list_items, ItemFilter(table=library.DOCUMENTS))]


def deleted_at(workspace, model, *where) -> list:
    with workspace.session() as session:
        return list(session.scalars(select(model.deleted_at).where(*where)))


def outbox_ops(workspace, entity_id: str) -> list[str]:
    with workspace.session() as session:
        return list(session.scalars(select(OutboxEntry.op).where(OutboxEntry.entity_id == entity_id)
                                    .order_by(OutboxEntry.seq)))


# --- Documents ---------------------------------------------------------------------------

def test_a_deleted_document_leaves_lists_and_search_and_comes_back_whole(demo_workspace, tmp_path):
    document_id = imported(demo_workspace, tmp_path)
    act(demo_workspace, library.open_item, library.DOCUMENTS, document_id)  # a read receipt
    assert found(demo_workspace) == [document_id] and document_id in listed(demo_workspace)

    gone = act(demo_workspace, home.delete, home.DOCUMENT, document_id)

    assert (gone.kind, gone.id, gone.title) == (home.DOCUMENT, document_id, "58-TB/ĐU | Thông báo định hướng nội "
                                                "dung sinh hoạt chi bộ tháng 11 năm 2026")
    assert found(demo_workspace) == [] and document_id not in listed(demo_workspace)
    assert deleted_at(demo_workspace, Attachment, Attachment.owner_id == document_id) == [gone.deleted_at]
    assert deleted_at(demo_workspace, library.ReadReceipt, library.ReadReceipt.item_id == document_id) == [
        gone.deleted_at]
    assert outbox_ops(demo_workspace, document_id) == ["insert", "delete"]  # the tombstone will sync
    assert [item.id for item in act(demo_workspace, home.deleted_items)] == [document_id]

    act(demo_workspace, home.restore, home.DOCUMENT, document_id, gone.deleted_at)

    assert found(demo_workspace) == [document_id] and document_id in listed(demo_workspace)
    assert deleted_at(demo_workspace, Attachment, Attachment.owner_id == document_id) == [None]
    assert deleted_at(demo_workspace, library.ReadReceipt, library.ReadReceipt.item_id == document_id) == [None]
    assert outbox_ops(demo_workspace, document_id) == ["insert", "delete", "update"]
    assert act(demo_workspace, home.deleted_items) == []


def test_a_document_imported_again_after_deletion_is_not_restored_beside_its_copy(demo_workspace, tmp_path):
    first = imported(demo_workspace, tmp_path)
    gone = act(demo_workspace, home.delete, home.DOCUMENT, first)
    again = imported(demo_workspace, tmp_path, "lai-lan-nua.txt")  # same bytes: a new document
    assert again != first

    with pytest.raises(ValidationError, match="đã được nhập lại sau khi xóa"):
        act(demo_workspace, home.restore, home.DOCUMENT, first, gone.deleted_at)
    assert found(demo_workspace) == [again]

    act(demo_workspace, home.delete, home.DOCUMENT, again)  # the copy goes: the first may come back
    act(demo_workspace, home.restore, home.DOCUMENT, first, gone.deleted_at)
    assert found(demo_workspace) == [first]


def test_a_meetings_material_cannot_be_deleted(demo_workspace, tmp_path):
    document_id = imported(demo_workspace, tmp_path)
    meeting_id = new_meeting(demo_workspace, at(2027, 1, 20))
    act(demo_workspace, meetings.add_library_material, meeting_id, document_id)
    with pytest.raises(ValidationError, match="tài liệu của cuộc họp .*gỡ khỏi"):
        act(demo_workspace, home.delete, home.DOCUMENT, document_id)
    assert document_id in listed(demo_workspace)


# --- Members -----------------------------------------------------------------------------

def added(workspace, name="Hoàng Thị Ngọc Ánh") -> str:
    form = MemberForm(full_name=name, birth_date="12/03/1990", sex="Nữ", admitted_on="03/02/2020",
                      official_on="03/02/2021")
    return act(workspace, members.create_member, form).member_id


def roster_ids(workspace) -> set[str]:
    return {row.id for row in act(workspace, members.roster, members.RosterQuery()).rows}


def test_a_member_entered_by_mistake_goes_with_the_events_of_their_dates(demo_workspace):
    member_id = added(demo_workspace)
    planned = new_meeting(demo_workspace, at(2027, 1, 20))  # the new member is expected there
    expected = [Attendance.member_id == member_id, Attendance.meeting_id == planned]
    assert deleted_at(demo_workspace, Attendance, *expected) == [None]

    gone = act(demo_workspace, home.delete, home.MEMBER, member_id)

    assert gone.title == "Hoàng Thị Ngọc Ánh (sinh 12/03/1990)"
    assert member_id not in roster_ids(demo_workspace)
    assert deleted_at(demo_workspace, MemberEvent, MemberEvent.member_id == member_id) == [gone.deleted_at] * 2
    assert deleted_at(demo_workspace, Attendance, *expected) == [gone.deleted_at]
    assert outbox_ops(demo_workspace, member_id)[-1] == "delete"

    act(demo_workspace, home.restore, home.MEMBER, member_id, gone.deleted_at)
    assert member_id in roster_ids(demo_workspace)
    assert len(act(demo_workspace, members.member_timeline, member_id)) == 2
    assert deleted_at(demo_workspace, Attendance, *expected) == [None]


def test_a_member_with_attendance_or_a_status_history_is_kept(demo_workspace):
    someone = next(m for m in demo_members(demo_workspace).values() if m.status == "official")
    with pytest.raises(ValidationError, match="có tên trong cuộc họp .*Ra khỏi Đảng, Chuyển sinh hoạt đi"):
        act(demo_workspace, home.delete, home.MEMBER, someone.id)

    member_id = added(demo_workspace)
    act(demo_workspace, members.change_status, member_id, MemberEventKind.EXCUSED, "01/06/2026", "Tuổi cao")
    with pytest.raises(ValidationError, match="sự kiện “Miễn công tác và sinh hoạt đảng” ngày 01/06/2026.*"
                                              "Thay đổi tình trạng"):
        act(demo_workspace, home.delete, home.MEMBER, member_id)
    assert {someone.id, member_id} <= roster_ids(demo_workspace)


def test_a_member_entered_again_since_the_deletion_is_not_restored_twice(demo_workspace):
    first = added(demo_workspace)
    gone = act(demo_workspace, home.delete, home.MEMBER, first)
    added(demo_workspace)
    with pytest.raises(ValidationError, match="đã được nhập lại sau khi xóa"):
        act(demo_workspace, home.restore, home.MEMBER, first, gone.deleted_at)


# --- Meetings ----------------------------------------------------------------------------

def test_a_meeting_that_never_took_place_goes_with_its_parts_and_comes_back_as_it_was(workspace):
    cell = small_cell(workspace)
    meeting_id = new_meeting(workspace, at(2026, 12, 18), cell)
    act(workspace, meetings.set_agenda, meeting_id, [meetings.AgendaEntry(title="Kiểm điểm"),
                                                     meetings.AgendaEntry(title="Bỏ đi")])
    shown = act(workspace, meetings.agenda, meeting_id)
    act(workspace, meetings.set_agenda, meeting_id, [meetings.AgendaEntry(id=shown[0].id, title="Kiểm điểm")],
        loaded=[item.id for item in shown])  # removed before
    removed_before = deleted_at(workspace, AgendaItem, AgendaItem.title == "Bỏ đi")

    gone = act(workspace, meetings.delete_meeting, meeting_id)

    assert gone.title == "Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026 (ngày 18/12/2026)"
    assert act(workspace, meetings.month_calendar, 2026, 12) == []
    assert set(deleted_at(workspace, Attendance, Attendance.meeting_id == meeting_id)) == {gone.deleted_at}
    assert deleted_at(workspace, AgendaItem, AgendaItem.title == "Kiểm điểm") == [gone.deleted_at]

    act(workspace, home.restore, home.MEETING, meeting_id, gone.deleted_at)

    assert [entry.id for entry in act(workspace, meetings.month_calendar, 2026, 12)] == [meeting_id]
    assert [item.title for item in act(workspace, meetings.agenda, meeting_id)] == ["Kiểm điểm"]
    assert deleted_at(workspace, AgendaItem, AgendaItem.title == "Bỏ đi") == removed_before != [None]
    assert set(deleted_at(workspace, Attendance, Attendance.meeting_id == meeting_id)) == {None}


def test_an_approved_meeting_stays(demo_workspace):
    with demo_workspace.session() as session:
        approved = session.scalar(select(Meeting.id).where(Meeting.state == "approved").limit(1))
    with pytest.raises(ValidationError, match="đã được thông qua: cuộc họp và nghị quyết của nó là hồ sơ"):
        act(demo_workspace, home.delete, home.MEETING, approved)


# --- The list, the window, undo's guards -------------------------------------------------

def test_the_list_offers_thirty_days_then_no_more(demo_workspace):
    member_id = added(demo_workspace)
    gone = act(demo_workspace, home.delete, home.MEMBER, member_id)
    later = gone.deleted_at + timedelta(days=home.TRASH_DAYS - 1)
    too_late = gone.deleted_at + timedelta(days=home.TRASH_DAYS, seconds=1)

    assert [item.id for item in act(demo_workspace, home.deleted_items, now=later)] == [member_id]
    assert act(demo_workspace, home.deleted_items, now=too_late) == []
    with pytest.raises(ValidationError, match="quá 30 ngày"):
        act(demo_workspace, home.restore, home.MEMBER, member_id, gone.deleted_at, now=too_late)
    assert member_id not in roster_ids(demo_workspace)  # still a tombstone: nothing was purged


def test_restore_refuses_what_changed_since(demo_workspace):
    member_id = added(demo_workspace)
    first = act(demo_workspace, home.delete, home.MEMBER, member_id)
    act(demo_workspace, home.restore, home.MEMBER, member_id)
    with pytest.raises(ValidationError, match="không còn bị xóa"):
        act(demo_workspace, home.restore, home.MEMBER, member_id, first.deleted_at)
    act(demo_workspace, home.delete, home.MEMBER, member_id)
    with pytest.raises(ValidationError, match="đã bị xóa lại sau đó"):
        act(demo_workspace, home.restore, home.MEMBER, member_id, first.deleted_at)


def test_undoing_an_addition_refuses_a_record_edited_since(demo_workspace):
    member_id = added(demo_workspace)
    kept = added(demo_workspace, "Lò Văn Páo")
    act(demo_workspace, members.update_member, kept, MemberForm(
        full_name="Lò Văn Páo", birth_date="12/03/1990", admitted_on="03/02/2020", official_on="03/02/2021",
        phone="0912345678"))
    with pytest.raises(ValidationError, match="đã được sửa sau khi tạo"):
        act(demo_workspace, home.undo_creation, home.MEMBER, [member_id, kept])
    assert {member_id, kept} <= roster_ids(demo_workspace)  # all or nothing
    [undone] = act(demo_workspace, home.undo_creation, home.MEMBER, [member_id])
    assert undone.id == member_id and member_id not in roster_ids(demo_workspace)
    assert act(demo_workspace, home.undo_creation, home.MEMBER, [member_id]) == []  # gone already: nothing to undo
