"""The sync page's fixtures: the real server and a main window on a workspace."""

from tests.ui.sync.conftest import *  # noqa: F401,F403
