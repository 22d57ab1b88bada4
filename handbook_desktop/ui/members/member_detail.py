"""A member's record and history (the status timeline), beside the roster."""

from html import escape

from PySide6.QtWidgets import QTextBrowser

from handbook_desktop.core.text import format_date
from handbook_desktop.core.labels import label
from handbook_desktop.core.members import FIELD_LABELS, MemberRow, TimelineEntry, field_label
from handbook_desktop.i18n import _

DATE_FIELDS = {"birth_date", "admitted_on", "official_on"}


def detail_html(row: MemberRow, timeline: list[TimelineEntry]) -> str:
    lines = [f"<h2>{escape(row.full_name)}</h2>", f"<p><b>{escape(label(row.status))}</b></p>", "<table>"]
    for name in FIELD_LABELS:
        if not hasattr(row, name) or name in ("full_name", "status"):
            continue
        value = getattr(row, name)
        shown = format_date(value) if name in DATE_FIELDS else str(value or "")
        if shown:
            lines.append(f"<tr><td style='color:#666; padding-right:12px'>{escape(field_label(name))}</td>"
                         f"<td>{escape(shown)}</td></tr>")
    lines.append("</table>")
    lines.append("<h3>%s</h3>" % escape(_("Quá trình")))
    lines.append("<ul>" + "".join(
        f"<li><b>{format_date(entry.occurred_on)}</b> — {escape(entry.label)}"
        + (f": {escape(entry.reason)}" if entry.reason else "") + "</li>" for entry in timeline) + "</ul>")
    return "\n".join(lines)


class MemberDetail(QTextBrowser):
    def show_member(self, row: MemberRow | None, timeline: list[TimelineEntry]) -> None:
        if row is None:
            self.setHtml("<p>%s</p>" % escape(_("Chọn một đồng chí trong danh sách để xem hồ sơ.")))
        else:
            self.setHtml(detail_html(row, timeline))
