"""A member's or committee's device shows the cell's records read only ("Chỉ xem"); the
secretary's and an offline cell's stay editable. The account's facts are written as
connecting writes them."""

import json

from PySide6.QtWidgets import QPushButton

from handbook_desktop.core.access import GRANTS_FACT, SERVER_FACT, UNIT_FACT, can_edit_cell
from sync import account
from sync.account import set_fact
from tests.sync.client.cells import add_meeting, add_member, connected_to, own_cell


def test_the_fact_names_are_the_accounts():
    assert (SERVER_FACT, UNIT_FACT, GRANTS_FACT) == (account.SERVER, account.UNIT_ID, account.GRANTS)


def _editable(workspace) -> bool:
    with workspace.unit_of_work(read_only=True) as uow:
        return can_edit_cell(uow)


def test_who_may_edit_follows_the_grants(workspace):
    own = own_cell(workspace, "Chi bộ Khu phố 3")
    assert _editable(workspace)  # offline: the secretary's own notebook
    connected_to(workspace, cell_id=own, role="member")
    assert not _editable(workspace)
    for grants, editable in (([[own, "committee"]], False), ([["party-bs", "committee"]], False),
                             ([[own, "deputy_secretary"]], True), ([["root", "admin"]], True)):
        with workspace.unit_of_work(record_outbox=False) as uow:
            set_fact(uow, account.GRANTS, json.dumps(grants))
        assert _editable(workspace) == editable, grants


def test_a_cell_not_yet_adopted_stays_editable(workspace):
    own_cell(workspace)
    connected_to(workspace, role="member")  # another cell's account
    assert _editable(workspace)


def test_a_members_device_shows_the_roster_and_meetings_read_only(workspace, window_on):
    own = own_cell(workspace, "Chi bộ Khu phố 3")
    add_member(workspace, "Nguyễn Văn An")
    meeting_id = add_meeting(workspace)
    connected_to(workspace, cell_id=own, role="member")
    window = window_on(workspace)
    window.show_page("members")
    roster = window.pages.currentWidget()
    assert roster.read_only_note.isVisible() and "Chỉ xem" in roster.read_only_note.text()
    assert roster.edit_buttons and not any(button.isEnabled() for button in roster.edit_buttons)
    window.show_page("meetings")
    page = window.pages.currentWidget()
    assert page.read_only_note.isVisible()
    planning = [b for b in page.calendar.findChildren(QPushButton) if b.text() == "Lên lịch cuộc họp…"]
    assert planning and not planning[0].isEnabled()
    assert not page.calendar.delete_action.isEnabled() and not page.history.delete_action.isEnabled()
    page.open_meeting(meeting_id)
    view = page.meeting
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled() and view.back_button.isEnabled()
    assert not any(b.isEnabled() for b in view.preparation.findChildren(QPushButton))
    view.tabs.setCurrentWidget(view.minutes)  # a tab reloads its widgets: still read only
    assert not any(b.isEnabled() for b in view.minutes.findChildren(QPushButton))
    # The secretary logs in instead: editing comes back at once.
    window.ops.write(lambda uow: set_fact(uow, account.GRANTS, json.dumps([[own, "secretary"]])), title="Đăng nhập")
    assert not page.read_only_note.isVisible() and view.edit_button.isEnabled()
    assert page.calendar.delete_action.isEnabled() and page.history.delete_action.isEnabled()
    window.show_page("members")
    assert all(button.isEnabled() for button in roster.edit_buttons)
