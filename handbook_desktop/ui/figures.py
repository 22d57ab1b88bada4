"""The cell's figures as screens show them: one wording for home, roster and statistics."""

from html import escape

from handbook_desktop.core.members import CellFigures


def figures_html(figures: CellFigures, separator: str = " · ") -> str:
    """ "Tổng số đảng viên: <b>25</b> · Chính thức: <b>23</b> · …" (labels from core)."""
    return separator.join(f"{escape(name)}: <b>{number}</b>" for name, number in figures.labelled())
