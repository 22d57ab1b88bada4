"""Every screen fits a secretary's 1366×768 laptop at every text size (issue #12 §5).

Each screen is shown the way `main.py --screenshot --page NAME` shows it. At 100 % and 125 %
nothing scrolls sideways; at 150 % and 200 % pages may scroll down, but the window never grows
wider (or taller) than the screen, which would push its right (or bottom) edge off it.
"""

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from handbook_desktop.app import build_main_window
from handbook_desktop.commands.gui import SCREENS
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.settings import FONT_SCALE
from handbook_desktop.ui.screens import show_screen
from handbook_desktop.ui.style import apply_look

SCREEN = (1366, 768)
WITHOUT_SIDEWAYS_SCROLL = (1.0, 1.25)


@pytest.fixture(params=FONT_SCALE.choices, ids=lambda scale: f"{scale:.0%}")
def window(request, qapp, qtbot, demo_workspace):
    window = build_main_window(qapp, demo_workspace, DataDirChoice(demo_workspace.data_dir, fixed=True),
                               inline_tasks=True, font_scale=request.param)
    window.font_scale = request.param
    qtbot.addWidget(window)
    yield window
    apply_look(qapp, 1.0)  # the next test starts at the usual size


def sideways_scrolled(widget: QWidget) -> list[str]:
    return [f"{type(area).__name__} in {type(area.parentWidget()).__name__}"
            for area in widget.findChildren(QAbstractScrollArea)
            if area.isVisible() and area.horizontalScrollBar().isVisible()]


def misfits(window, screen: str) -> list[str]:
    shown = show_screen(window, screen, SCREEN)
    found = []
    for widget in {window, shown}:
        size, hint = widget.size(), widget.minimumSizeHint()
        if max(size.width(), hint.width()) > SCREEN[0] or max(size.height(), hint.height()) > SCREEN[1]:
            found.append(f"{screen}: {type(widget).__name__} {size.width()}×{size.height()}, "
                         f"at least {hint.width()}×{hint.height()}")
    if window.font_scale in WITHOUT_SIDEWAYS_SCROLL:
        page = shown if shown is not window else window.pages.currentWidget()
        found += [f"{screen}: {area} scrolls sideways" for area in sideways_scrolled(page)]
    return found


def test_every_screen_fits_an_old_laptop(window):
    """One window per text size, every screen in turn (the order a user might visit them)."""
    problems = [problem for screen in SCREENS for problem in misfits(window, screen)]
    assert not problems, "\n".join(problems)
