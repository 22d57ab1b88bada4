"""Look and size: the global font scale (large-text mode) and the restrained red accent."""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 11.0  # the design asks for >= 11 pt at scale 1.0
ACCENT = "#b3261e"

STYLESHEET = f"""
#banner {{ background: {ACCENT}; color: white; }}
#banner QLabel {{ color: white; }}
#sidebar {{ border: none; background: palette(alternate-base); outline: 0; }}
#sidebar::item {{ padding: 0.6em 1em; }}
#sidebar::item:selected {{ background: {ACCENT}; color: white; }}
QFrame#card {{ border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }}
QFrame#demoNotice, QFrame#backupNotice {{ border: 1px solid #e0b000; border-radius: 6px; background: #fff8dc; }}
"""


def apply_look(app: QApplication, font_scale: float) -> None:
    """Every widget inherits the application font, so one call rescales every screen."""
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * font_scale)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
