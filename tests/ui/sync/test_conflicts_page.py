"""The "Xung đột" list and the adoption dialog on the Đồng bộ page, on a real workspace with
conflict rows as a pull stores them (no server needed: the account's facts are written as
connecting writes them)."""

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from handbook_desktop.core.meetings import Meeting
from handbook_desktop.core.members import Member
from handbook_desktop.core.models import OutboxEntry, OutboxState, SyncConflict
from sync.conflicts import KEPT, MERGED, OTHER
from sync.protocol import ConflictKind
from tests.sync.client.cells import (add_meeting, add_member, as_synced, connected_to, own_cell, pulled_conflict,
                                     received_member)


def _synced_cell(workspace):
    """A cell whose account is its own secretary's (connected, adopted)."""
    own = own_cell(workspace, "Chi bộ Khu phố 3")
    connected_to(workspace, cell_id=own)
    return own


def _sidebar_text(window) -> str:
    return window.sidebar.item(list(window_sections()).index("sync")).text()


def window_sections():
    from handbook_desktop.ui.main_window import SECTIONS

    return SECTIONS


def test_conflicts_side_by_side_one_click_each_and_a_count(workspace, window_on):
    _synced_cell(workspace)
    member_id = add_member(workspace, "Nguyễn Văn An", phone="0912000111")
    meeting_id = add_meeting(workspace)
    as_synced(workspace)
    pulled_conflict(workspace, member_id, "members", ConflictKind.FIELD, "phone", "0912000111", "0987000222")
    pulled_conflict(workspace, meeting_id, "meetings", ConflictKind.TEXT, "conclusions", "Làm đường.", "Làm đường trước Tết.")
    window = window_on(workspace)
    assert _sidebar_text(window) == "Đồng bộ (2)"
    window.show_page("sync")
    box = window.sync_page.conflicts
    assert box.title() == "Xung đột (2)" and not box.empty.isVisible()
    field, text = box.cards
    assert "Nguyễn Văn An" in field.view.what
    assert (field.kept.toPlainText(), field.other.toPlainText()) == ("0912000111", "0987000222")
    assert set(field.buttons) == {KEPT, OTHER} and field.merged is None
    assert text.merged.toPlainText() == "Làm đường.\n\nLàm đường trước Tết."  # both, to edit
    field.buttons[OTHER].click()
    assert window.ops.read_now(lambda uow: uow.session.get(Member, member_id).phone) == "0987000222"
    assert box.title() == "Xung đột (1)" and _sidebar_text(window) == "Đồng bộ (1)"
    text = box.cards[0]
    text.merged.setPlainText("Làm đường, xong trước Tết.")
    text.buttons[MERGED].click()
    assert window.ops.read_now(lambda uow: uow.session.get(Meeting, meeting_id).conclusions) == \
        "Làm đường, xong trước Tết."
    assert box.cards == [] and box.empty.isVisible() and _sidebar_text(window) == "Đồng bộ"
    resolved = window.ops.read_now(lambda uow: [c.resolution for c in uow.session.scalars(select(SyncConflict))])
    assert sorted(resolved) == ["merged", "other"]


def test_a_refused_change_can_be_copied_then_let_go(workspace, window_on):
    _synced_cell(workspace)
    member_id = add_member(workspace, "Trần Thị Bình")
    as_synced(workspace)
    with workspace.unit_of_work() as uow:
        uow.session.get(Member, member_id).notes = "Ghi chú bị từ chối"
    with workspace.unit_of_work(record_outbox=False) as uow:
        entry = uow.session.scalars(select(OutboxEntry).where(OutboxEntry.state == OutboxState.PENDING)).one()
        entry.state, entry.last_error = OutboxState.REJECTED, "Không có quyền."
    window = window_on(workspace)
    window.show_page("sync")
    [card] = window.sync_page.conflicts.cards
    card.buttons["copy"].click()
    assert "Ghi chú bị từ chối" in QApplication.clipboard().text()
    card.buttons["dismiss"].click()
    assert window.sync_page.conflicts.cards == []


def test_the_adoption_dialog_previews_and_moves_the_cell(workspace, window_on):
    own_cell(workspace)  # Khu phố 9, set up offline
    add_member(workspace, "Nguyễn Văn An", card_number="01234567")
    cell = connected_to(workspace)
    server_an = received_member(workspace, cell, "Nguyễn Văn A.", card_number="01234567")
    window = window_on(workspace)
    window.show_page("sync")
    page = window.sync_page
    assert page.adopt_button.isVisible() and "chưa gửi lên máy chủ" in page.adoption.text()
    page.offer_adoption()
    dialog = page.adopt_dialog
    assert list(dialog.merges) and dialog.merged() == set(dialog.merges)
    assert "Nguyễn Văn An (thẻ 01234567) = Nguyễn Văn A. trên máy chủ" in dialog.merges[next(iter(dialog.merges))].text()
    window.sync.sync_now = lambda on_demand=True: None  # no server here: the round after moving is not the point
    dialog.move()
    assert not dialog.isVisible() and not page.adopt_button.isVisible()
    assert window.ops.read_now(lambda uow: uow.home_unit_id) == cell
    assert window.ops.read_now(lambda uow: uow.session.get(Member, server_an).deleted_at) is None


def test_logging_in_on_a_cell_set_up_offline_offers_the_move_after_the_round(live_server, memory_keyring, workspace,
                                                                            window_on):
    from tests.ui.sync.conftest import log_in

    own_cell(workspace)
    window = window_on(workspace)
    log_in(window, live_server.url, "bithu.demo")
    page = window.sync_page
    assert page.history.rows and page.history.rows[0].ok  # the round ran first: the server's roster is here
    assert page.adopt_dialog.isVisible() and "Chi bộ Khu phố 3" in page.adoption.text()
    offered = page.adopt_dialog
    offered.reject()
    page.show_state()  # once only: declined, it waits for the button
    assert page.adopt_dialog is offered and not offered.isVisible() and page.adopt_button.isVisible()
