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


@pytest.fixture(autouse=True)
def no_writes_on_the_gui_thread():
    """Any service write a screen makes inline (not through ui/ops.py) fails the test."""
    from handbook_desktop.ui import write_guard

    write_guard.install()
    yield
    write_guard.uninstall()
