"""`main.py render KIND --meeting ID|latest --out FILE.pdf|FILE.docx [--period 2026-11|2026-Q4]`.

KIND is minutes, resolution, invitation, attendance (meeting documents: --meeting is
needed), roster or report (--period; default the month of --meeting, else this month).
The format follows the extension. `--template FILE.docx` fills a custom DOCX template
instead of the built-in layout (minutes and resolution; the settings may name one too).
Document text is Vietnamese whatever the interface language; messages are translated.
"""

import argparse
from pathlib import Path

from handbook_desktop.commands.common import existing_workspace
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.i18n import _

KINDS = ("minutes", "resolution", "invitation", "attendance", "roster", "report")
MEETING_KINDS = ("minutes", "resolution", "invitation", "attendance")


def register(commands, common: argparse.ArgumentParser) -> None:
    render = commands.add_parser("render", parents=[common],
                                 help="xuất biên bản, nghị quyết, giấy mời, danh sách, báo cáo ra DOCX/PDF")
    render.set_defaults(handler=run)
    render.add_argument("kind", choices=KINDS, metavar="|".join(KINDS), help="loại văn bản")
    render.add_argument("--meeting", metavar="ID|latest", help="mã cuộc họp, hoặc latest: cuộc họp gần nhất")
    render.add_argument("--out", metavar="FILE.pdf|FILE.docx", help="tệp sẽ ghi; định dạng theo đuôi tệp")
    render.add_argument("--period", metavar="2026-11|2026-Q4", help="kỳ báo cáo: tháng hoặc quý")
    render.add_argument("--template", metavar="FILE.docx", help="mẫu DOCX riêng cho biên bản hoặc nghị quyết")


def run(args: argparse.Namespace) -> int:
    from handbook_desktop.docgen.render import document_name, output_format

    if not args.out:
        raise ValidationError(_("Hãy cho biết tệp sẽ ghi: --out FILE.pdf hoặc --out FILE.docx."))
    out = Path(args.out)
    output_format(out)  # a wrong extension is refused before anything is read
    if args.kind in MEETING_KINDS and not args.meeting:
        raise ValidationError(_("Hãy cho biết cuộc họp: --meeting ID, hoặc --meeting latest cho cuộc họp gần nhất."))
    template = Path(args.template) if args.template else None
    if template is not None and not template.is_file():
        raise ValidationError(_("Không tìm thấy mẫu {path}.").format(path=template))
    with existing_workspace(args) as workspace:
        rendered = _render(workspace, args, out, template)
    document = document_name(rendered.kind)
    if rendered.pages:
        print(_("Đã xuất {document} ra {path} ({pages} trang).").format(document=document, path=out,
                                                                         pages=rendered.pages))
    else:
        print(_("Đã xuất {document} ra {path}.").format(document=document, path=out))
    return 0


def _render(workspace, args: argparse.Namespace, out: Path, template: Path | None):
    from handbook_desktop.docgen.render import render_document

    meeting_id = workspace.perform(lambda uow: _meeting_of(uow, args.meeting.strip())) if args.meeting else None
    return render_document(workspace, args.kind, out, meeting_id=meeting_id, period=args.period, template=template)


def _meeting_of(uow, wanted: str) -> str:
    """The meeting named by --meeting: an id, or "latest"."""
    from handbook_desktop.docgen.sources.meeting import latest_meeting_id, meeting_exists

    meeting_id = latest_meeting_id(uow) if wanted == "latest" else wanted
    if not meeting_exists(uow, meeting_id):
        raise UserError(_("Không tìm thấy cuộc họp “{id}”; dùng --meeting latest cho cuộc họp gần nhất.").format(
            id=meeting_id))
    return meeting_id
