"""The resolution of a cell (FORMATS.md "Resolution of a cell", appendix B).

Like the minutes, `RESOLUTION` is made of `Field`s and `Fill`s named as the placeholders
of its DOCX template; `resolution_context` fills them.
"""

from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import (
    Field,
    Fill,
    Header,
    Layout,
    Para,
    Recipients,
    S,
    SignatureRow,
    SignBlock,
    text,
)
from handbook_desktop.docgen.content import ResolutionData
from handbook_desktop.docgen.layouts.common import figure_name, issuer_context, recipients, vote_sentence

RESOLUTION = (
    Header(text(Field("cap_tren")), text(Field("chi_bo")), text("Số ", Field("so")), text(Field("dia_danh_ngay"))),
    Para.of("NGHỊ QUYẾT", S.DOC_TYPE),
    Para(text(Field("trich_yeu")), S.DOC_SUMMARY),
    Para.of("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", S.BODY),
    Fill("mo_dau", S.BODY),
    Para.of("QUYẾT NGHỊ:", S.SECTION),
    Fill("quyet_nghi", S.BODY),
    Fill("bieu_quyet", S.BODY),
    Para.of("Chi ủy có trách nhiệm tổ chức, theo dõi, đôn đốc việc thực hiện nghị quyết; các đồng chí đảng "
            "viên trong chi bộ nghiêm túc thực hiện.", S.BODY),
    SignatureRow(Recipients("noi_nhan"), SignBlock((text("T/M CHI BỘ"), text(Field("chuc_vu_ky"))),
                                                   text(Field("ten_nguoi_ky")))),
)


def resolution_layout(data: ResolutionData) -> Layout:
    return Layout(f"Nghị quyết số {data.symbol}", RESOLUTION, resolution_context(data))


def resolution_context(data: ResolutionData) -> dict:
    c, day = data.counts, data.meeting_day
    kind = "thường kỳ" if data.meeting_kind == "regular" else (
        "chuyên đề" if data.meeting_kind == "thematic" else "bất thường")
    place = f" tại {w.without_stop(data.meeting_place)}" if data.meeting_place else ""
    apart = [f"{n} đồng chí {figure_name(name)}" for name, n in (("excused", c.excused), ("away", c.away)) if n]
    excused = f" (trừ {', '.join(apart)})" if apart else ""
    opening = (f"{w.long_date(day).capitalize()}, {data.issuer.body} họp hội nghị {kind} tháng {day.month} năm "
               f"{day.year}{place}; có {c.present}/{c.expected} đồng chí đảng viên dự{excused}. Sau khi nghe báo "
               f"cáo và thảo luận, Chi bộ thống nhất")
    approval = data.approval
    return issuer_context(data.issuer, data.issued_on) | {
        "so": data.symbol, "trich_yeu": w.caps(data.title),
        "mo_dau": (Para.of(opening, S.BODY),),
        "quyet_nghi": tuple(Para.of(f"{n}. {_item(item)}", S.BODY) for n, item in enumerate(data.items, start=1))
        or (Para.of("(Chưa ghi nội dung.)", S.BODY),),
        "bieu_quyet": (Para.of(f"Nghị quyết được biểu quyết thông qua: {vote_sentence(approval)}", S.BODY),)
        if approval else (),
        "chuc_vu_ky": data.signer_title, "ten_nguoi_ky": data.signer.name if data.signer else "",
        "noi_nhan": recipients(data.recipients),
        "ngay_ban_hanh": w.short_date(data.issued_on), "nhiem_ky": data.term,
        "co_mat": str(c.present), "phai_du": str(c.expected),
    }


def _item(item) -> str:
    if not (item.owner or item.due_on):
        return w.sentence(item.text)
    who = f"đồng chí {item.owner} phụ trách" if item.owner else ""
    when = f"hoàn thành trước ngày {w.short_date(item.due_on)}" if item.due_on else ""
    return f"{w.without_stop(item.text)} ({', '.join(part for part in (who, when) if part)})."
