"""The demo cell's figures read off every place that shows them: the home page, the roster,
the statistics, the November minutes (DOCX, read back with python-docx) and the November
report (PDF, read back with pypdf). Same labels, same numbers."""

import re

from docx import Document
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from handbook_desktop.core import members
from handbook_desktop.core.members import FIGURE_LABELS
from handbook_desktop.docgen.render import render_document
from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.ui.members.statistics_dialog import StatisticsDialog

DEMO = {"total": 25, "official": 23, "probationary": 2, "excused": 3, "away": 1, "expected": 21}


def read_figures(text: str) -> dict[str, int]:
    """Each figure by its label, wherever the label stands (a heading or inside a sentence)."""
    plain = " ".join(re.sub(r"<[^>]+>", "", text).split())
    found = {}
    for name, label in FIGURE_LABELS.items():
        match = re.search(rf"{re.escape(label)}: (\d+)", plain, re.IGNORECASE)
        assert match, (label, plain[:400])
        found[name] = int(match[1])
    return found


def home_text(window) -> str:
    window.show_page("home")
    return next(label.text() for label in window.ensure_page("home").findChildren(QLabel)
                if label.text().startswith(FIGURE_LABELS["total"]))


def test_home_roster_statistics_minutes_and_report_show_the_same_figures(main_window, demo_workspace, tmp_path):
    shown = {"home": home_text(main_window)}
    main_window.show_page("members")
    shown["roster"] = main_window.roster_page.counts.text()
    dialog = StatisticsDialog(main_window.ops.read_now(members.member_statistics), parent=main_window)
    shown["statistics"] = dialog.figures.text()
    november = demo_workspace.perform(latest_meeting_id)
    render_document(demo_workspace, "minutes", tmp_path / "bien_ban.docx", meeting_id=november)
    shown["minutes"] = "\n".join(p.text for p in Document(str(tmp_path / "bien_ban.docx")).paragraphs)
    render_document(demo_workspace, "report", tmp_path / "bao_cao.pdf", period="2026-11")
    shown["report"] = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "bao_cao.pdf").pages)
    assert {place: read_figures(text) for place, text in shown.items()} == dict.fromkeys(shown, DEMO)
    assert "Đến ngày 30/11/2026" in " ".join(shown["report"].split())  # the period's end
