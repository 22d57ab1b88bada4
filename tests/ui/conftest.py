import pytest

from handbook_desktop.app import build_main_window
from handbook_desktop.core.paths import DataDirChoice


@pytest.fixture
def main_window(qtbot, qapp, demo_workspace):
    window = build_main_window(qapp, demo_workspace, DataDirChoice(demo_workspace.data_dir, fixed=True),
                               inline_tasks=True)
    qtbot.addWidget(window)
    window.show()
    return window
