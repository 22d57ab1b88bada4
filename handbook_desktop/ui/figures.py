"""The cell's figures as screens show them: one wording for home, roster, statistics and
the attendance tab."""

from html import escape

from handbook_desktop.core.members import FIGURE_LABELS, figure_label


def figures_html(figures, separator: str = " · ") -> str:
    """ "Tổng số đảng viên: <b>25</b> · Chính thức: <b>23</b> · …" (labels from core).

    `figures`: the cell's (`CellFigures`) or a meeting's (`AttendanceCounts`): both have
    total, official, probationary, excused, away and expected."""
    return separator.join(f"{escape(figure_label(name))}: <b>{getattr(figures, name)}</b>" for name in FIGURE_LABELS)
