"""An honest page for a section whose capability has not been built yet."""

from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from handbook_desktop.i18n import _


class ComingSoonPage(QWidget):
    def __init__(self, title: str, plan: str, fact: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(f"<h1>{escape(title)}</h1>"))
        layout.addWidget(QLabel("<h3>%s</h3>" % escape(_("Sắp có"))))
        layout.addWidget(QLabel(plan, wordWrap=True))
        if fact:
            layout.addWidget(QLabel(fact, wordWrap=True))
        layout.addStretch(1)
