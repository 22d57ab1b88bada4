"""Rendering a document to a file: the one entry point of the GUI and the CLI.

`build_layout(uow, …)` gives the backend-free layout (a preview can draw it too);
`render_document` fills it from the database in one unit of work and, once that read has
ended (the database is never held while a file is written), writes DOCX or PDF, chosen by
the file's extension, or fills the user's DOCX template instead when one is chosen for
minutes or resolutions. Files are written beside the target under a temporary name and
renamed at the end: an error never leaves half a file, and an older file of that name stays
as it was. `try_template` tries a user's template on the latest meeting when it is chosen.
"""

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.workspace import UnitOfWork, Workspace
from handbook_desktop.docgen.blocks import Layout, S, resolve
from handbook_desktop.docgen.settings import (
    DEFAULT_MARGINS,
    MINUTES_TEMPLATE,
    RESOLUTION_TEMPLATE,
    Margins,
    margins_of,
)
from handbook_desktop.i18n import N_, _


class DocumentKind(StrEnum):
    MINUTES = "minutes"  # Biên bản họp chi bộ
    RESOLUTION = "resolution"  # Nghị quyết chi bộ
    INVITATION = "invitation"  # Giấy mời
    ATTENDANCE = "attendance"  # Danh sách điểm danh
    ROSTER = "roster"  # Danh sách đảng viên (Mẫu 7-HSĐV)
    REPORT = "report"  # Báo cáo tháng / quý


class OutputFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


MEETING_DOCUMENTS = frozenset({DocumentKind.MINUTES, DocumentKind.RESOLUTION, DocumentKind.INVITATION,
                               DocumentKind.ATTENDANCE})
TEMPLATE_SETTINGS = {DocumentKind.MINUTES: MINUTES_TEMPLATE, DocumentKind.RESOLUTION: RESOLUTION_TEMPLATE}
DOCUMENT_NAMES = {  # for messages; translated where shown
    DocumentKind.MINUTES: N_("biên bản họp chi bộ"),
    DocumentKind.RESOLUTION: N_("nghị quyết chi bộ"),
    DocumentKind.INVITATION: N_("giấy mời"),
    DocumentKind.ATTENDANCE: N_("danh sách điểm danh"),
    DocumentKind.ROSTER: N_("danh sách đảng viên"),
    DocumentKind.REPORT: N_("báo cáo hoạt động của chi bộ"),
}


@dataclass(frozen=True)
class Rendered:
    path: Path
    kind: DocumentKind
    format: OutputFormat
    pages: int | None  # known for PDFs made here; None for DOCX
    template: Path | None  # the user's template used, if any


def document_name(kind: DocumentKind) -> str:
    return _(DOCUMENT_NAMES[DocumentKind(kind)])


def output_format(path: Path) -> OutputFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in (OutputFormat.PDF, OutputFormat.DOCX):
        raise ValidationError(_("Tệp “{name}”: chỉ xuất được .pdf hoặc .docx.").format(name=Path(path).name))
    return OutputFormat(suffix)


def build_layout(uow: UnitOfWork, kind: DocumentKind, meeting_id: str | None = None,
                 period: str | None = None, today: date | None = None) -> Layout:
    """The document's layout with its data (not resolved: `blocks.resolve` before drawing).
    A report without a period is the one of the meeting's month, else of this month (`cell.report_period`)."""
    from handbook_desktop.docgen import layouts
    from handbook_desktop.docgen.sources import cell, meeting

    kind = DocumentKind(kind)
    if kind in MEETING_DOCUMENTS and not meeting_id:
        raise ValidationError(_("Hãy chọn cuộc họp cho {document}.").format(document=document_name(kind)))
    if kind == DocumentKind.MINUTES:
        return layouts.minutes_layout(meeting.minutes_data(uow, meeting_id))
    if kind == DocumentKind.RESOLUTION:
        return layouts.resolution_layout(meeting.resolution_data(uow, meeting_id))
    if kind == DocumentKind.INVITATION:
        return layouts.invitation_layout(meeting.invitation_data(uow, meeting_id, today))
    if kind == DocumentKind.ATTENDANCE:
        return layouts.attendance_layout(meeting.attendance_sheet_data(uow, meeting_id))
    if kind == DocumentKind.ROSTER:
        return layouts.roster_layout(cell.roster_data(uow, today))
    chosen = cell.parse_period(period) if period else cell.report_period(uow, meeting_id, today)
    return layouts.report_layout(cell.report_data(uow, chosen, today))


def render_document(workspace: Workspace, kind: DocumentKind, out: Path, *, meeting_id: str | None = None,
                    period: str | None = None, template: Path | None = None, today: date | None = None) -> Rendered:
    """Write the document to `out` (.pdf or .docx). `template`: a DOCX template to fill instead of
    the built-in layout (minutes and resolutions); None takes the one chosen in the settings."""
    out, kind = Path(out), DocumentKind(kind)
    fmt = output_format(out)
    template = template if template is not None else _template_setting(workspace, kind)
    if template is not None and kind not in TEMPLATE_SETTINGS:
        raise ValidationError(_("Chỉ biên bản và nghị quyết có mẫu DOCX riêng."))
    layout = workspace.perform(lambda uow: build_layout(uow, kind, meeting_id, period, today))
    return _write(layout, kind, out, fmt, template, margins_of(workspace.settings))


def try_template(workspace: Workspace, kind: DocumentKind, template: Path) -> None:
    """Fill a user's DOCX template once with the latest meeting, into a scratch file: a broken
    placeholder is named when the template is chosen, not on the day the minutes must be
    printed. Raises the template's own clear error; with no meeting yet there is nothing to try."""
    from handbook_desktop.docgen.sources.meeting import latest_meeting_or_none

    if not template.is_file():
        raise ValidationError(_("Không tìm thấy tệp mẫu {path}.").format(path=template))

    def latest_layout(uow: UnitOfWork) -> Layout | None:
        meeting_id = latest_meeting_or_none(uow)
        return build_layout(uow, kind, meeting_id) if meeting_id else None

    layout = workspace.perform(latest_layout)
    if layout is not None:
        with tempfile.TemporaryDirectory() as folder:
            _write(layout, DocumentKind(kind), Path(folder) / "thu.docx", OutputFormat.DOCX, template,
                   margins_of(workspace.settings))


def _write(layout: Layout, kind: DocumentKind, out: Path, fmt: OutputFormat, template: Path | None,
           margins: Margins) -> Rendered:
    if template is not None:
        from handbook_desktop.docgen.templates import render_template

        write_atomically(out, lambda tmp: render_template(Path(template), layout.context, tmp, fmt))
        return Rendered(out, kind, fmt, None, Path(template))
    pages = write_atomically(out, lambda tmp: write_layout(layout, tmp, fmt, margins))
    return Rendered(out, kind, fmt, pages, None)


def write_layout(layout: Layout, path: Path, fmt: OutputFormat, margins: Margins = DEFAULT_MARGINS) -> int | None:
    """Draw a layout with either back end; returns the page count of a PDF."""
    resolved = resolve(layout)
    if fmt == OutputFormat.PDF:
        from handbook_desktop.docgen.to_pdf import write_pdf

        return write_pdf(resolved, path, margins)
    from handbook_desktop.docgen.to_docx import write_docx

    write_docx(resolved, path, margins)
    return None


def warm_up(margins: Margins = DEFAULT_MARGINS) -> None:
    """Pay the first document's extra cost ahead (≈ 0.4 s: importing reportlab and python-docx,
    reading the fonts, building the base DOCX) by drawing a tiny sample into memory; the GUI
    may run it in the background once the window is up."""
    import io

    from handbook_desktop.docgen.blocks import Column, Header, Para, SignatureRow, SignBlock, Table, text
    from handbook_desktop.docgen.to_docx import write_docx
    from handbook_desktop.docgen.to_pdf import write_pdf

    sample = Layout("", (Header(text("Đ"), text("C"), text("S"), text("N")), Para.of("Đảng", S.BODY),
                         Table((Column("STT", 1),), (("1",),)), SignatureRow(None, SignBlock((text("T"),), text("N")))))
    write_pdf(sample, io.BytesIO(), margins)
    write_docx(sample, io.BytesIO(), margins)


def _template_setting(workspace: Workspace, kind: DocumentKind) -> Path | None:
    setting = TEMPLATE_SETTINGS.get(kind)
    value = workspace.settings.get(setting).strip() if setting else ""
    return Path(value) if value else None


def write_atomically(out: Path, write):
    """Run `write(tmp)` on a temporary file beside `out`, then put it in place."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        result = write(tmp)
        os.replace(tmp, out)
        return result
    except OSError as exc:
        raise UserError(_("Không ghi được tệp {path} ({error}).").format(
            path=out, error=exc.strerror or exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
