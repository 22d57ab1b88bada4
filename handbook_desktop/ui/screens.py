"""The screens a screenshot (and the screen-fit test) looks at: a page of the main window, a tab
of the newest meeting ("meeting-minutes"), or the statistics dialog ("statistics")."""

from PySide6.QtWidgets import QApplication, QWidget

from handbook_desktop.core import meetings, members
from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import _

# The meeting view's tab names; importing it here would cost a plain page's screenshot (the
# start-up benchmark) the whole meetings GUI.
MEETING_TABS = {"meeting-preparation": "PREPARATION", "meeting-attendance": "ATTENDANCE",
                "meeting-minutes": "MINUTES", "meeting-resolution": "RESOLUTION", "meeting-export": "EXPORT"}


def show_screen(window, screen: str, size: tuple[int, int]) -> QWidget:
    """Show `screen` laid out at `size` (the window's, or the dialog's); return what to grab."""
    window.resize(*size)
    window.show()
    if screen == "statistics":
        from handbook_desktop.ui.members.statistics_dialog import StatisticsDialog

        window.show_page("members")
        shown = StatisticsDialog(window.ops.read_now(members.member_statistics), parent=window)
        shown.resize(*size)
        shown.show()
    elif screen in MEETING_TABS:
        from handbook_desktop.ui.meetings import meeting_view

        window.show_page("meetings")
        newest = window.ops.read_now(lambda uow: meetings.meeting_history(uow))
        if not newest:
            raise UserError(_("Chưa có cuộc họp nào để hiển thị."))
        window.meetings_page.open_meeting(newest[0].id, getattr(meeting_view, MEETING_TABS[screen]))
        shown = window
    else:
        window.show_page(screen)
        shown = window
    settle()
    return shown


def settle() -> None:
    """Let the layouts run (a page built on first show lays out in later events)."""
    for _round in range(3):
        QApplication.processEvents()
