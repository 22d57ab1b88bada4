"""The invitation (giấy mời): one letter per invitee, a page each."""

from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import (
    Layout,
    PageBreak,
    Para,
    Recipients,
    Run,
    S,
    SignatureRow,
    recipient_lines,
    text,
)
from handbook_desktop.docgen.content import InvitationData
from handbook_desktop.docgen.layouts.common import cell_signature, header, labelled


def invitation_layout(data: InvitationData) -> Layout:
    """One letter per invitee (a page each); with nobody invited, one letter with blanks to fill in."""
    letters = data.invitees or (None,)
    blocks: list = []
    for index, invitee in enumerate(letters):
        if index:
            blocks.append(PageBreak())
        blocks += _letter(data, invitee)
    return Layout(f"Giấy mời — {data.title}", tuple(blocks))


def _letter(data: InvitationData, invitee) -> list:
    start = data.starts_at
    blank = "…………………………………………………"
    agenda = [Para.of(f"- {w.sentence(item)}", S.ITEM) for item in data.agenda]
    return [
        header(data.issuer, data.issued_on),
        Para.of("GIẤY MỜI", S.DOC_TYPE),
        Para.of(f"Dự {w.without_stop(data.title).lower()}", S.DOC_SUMMARY) if data.title else Para.of("", S.TEXT),
        Para.of(f"{data.issuer.body} trân trọng kính mời:", S.BODY),
        Para(text(Run("Đồng chí: ", bold=True), Run(invitee.name, bold=True) if invitee else blank), S.TEXT),
        labelled("Chức vụ: ", (invitee.title if invitee else blank) or "…"),
        labelled("Đơn vị: ", (invitee.unit if invitee else blank) or data.issuer.body),
        labelled("Tới dự: ", w.sentence(data.title)),
        labelled("Thời gian: ", f"{w.clock(start)}, {w.weekday(start.date())}, ngày {w.short_date(start.date())} "
                                f"(dự kiến {data.planned_minutes} phút)."),
        labelled("Địa điểm: ", w.sentence(data.place) or "…"),
        *([labelled("Nội dung:", "")] + agenda if agenda else []),
        Para.of("Rất mong đồng chí đến dự đúng giờ.", S.BODY),
        SignatureRow(Recipients(recipient_lines(("Như trên", "Lưu chi bộ"))),
                     cell_signature(data.signer, data.signer_title)),
    ]
