"""The real server of tests/sync (a uvicorn thread on loopback, seeded with the demo
organisation) for the GUI's sync and editor tests; fixtures of another folder's conftest are
not visible here, so they are imported."""

import pytest

from handbook_desktop.app import build_main_window
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.workspace import open_workspace
from tests.sync.conftest import *  # noqa: F401,F403 - live_server, memory_keyring and what they use


@pytest.fixture
def window_on(qapp, qtbot):
    """A main window on a workspace, with the inline task runner; not started in the background."""
    def make(workspace):
        window = build_main_window(qapp, workspace, DataDirChoice(workspace.data_dir, fixed=True), inline_tasks=True)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


@pytest.fixture
def blank_window(window_on, workspace):
    return window_on(workspace)


@pytest.fixture
def laptop(tmp_path, window_on):
    """Another blank laptop: `laptop("member")` is a main window on a workspace of its own."""
    opened = []

    def make(name: str):
        opened.append(open_workspace(tmp_path / name))
        return window_on(opened[-1])

    yield make
    for workspace in opened:
        workspace.close()


def log_in(window, server_url: str, username: str, password: str = "demo"):
    window.show_page("sync")
    box = window.sync_page.account_box
    box.fields.server.setText(server_url)
    box.fields.username.setText(username)
    box.fields.password.setText(password)
    box.login_button.click()
    return box
