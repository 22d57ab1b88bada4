"""The minutes of a cell meeting (FORMATS.md "Minutes of a cell meeting", appendix A).

`MINUTES` is the layout definition; its data parts are `Field`s and `Fill`s named in
Vietnamese without tones, because the same names are the placeholders a secretary sees in
the DOCX template made from it (`docgen.templates`). `minutes_context` fills them.
"""

from handbook_desktop.core.text import fold
from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import (
    Field,
    Fill,
    Header,
    Layout,
    Para,
    Recipients,
    Run,
    S,
    SignatureRow,
    SignBlock,
    text,
)
from handbook_desktop.docgen.content import MinutesData, Signer, VoteLine
from handbook_desktop.docgen.layouts.common import figures_sentence, issuer_context, recipients, vote_sentence

ISSUER_FIELDS = Header(text(Field("cap_tren")), text(Field("chi_bo")), None, text(Field("dia_danh_ngay")))

MINUTES = (
    ISSUER_FIELDS,
    Para.of("BIÊN BẢN", S.DOC_TYPE),
    Para(text(Field("tieu_de")), S.DOC_SUMMARY),
    Para(text(Run("Thời gian: ", bold=True), Field("thoi_gian")), S.TEXT),
    Para(text(Run("Địa điểm: ", bold=True), Field("dia_diem")), S.TEXT),
    Para(text(Run("Thành phần:", bold=True)), S.TEXT),
    Fill("thanh_phan", S.BODY),
    Para(text(Run("Chủ trì: ", bold=True), Field("chu_tri")), S.TEXT),
    Para(text(Run("Thư ký: ", bold=True), Field("thu_ky")), S.TEXT),
    Fill("dai_bieu", S.TEXT),
    Para.of("NỘI DUNG", S.SECTION),
    Fill("noi_dung", S.BODY),
    Fill("ket_luan", S.BODY),
    Fill("bieu_quyet", S.BODY),
    Fill("chat_luong", S.TEXT),
    Fill("ket_thuc", S.BODY),
    SignatureRow(SignBlock((text("THƯ KÝ"),), text(Field("ten_thu_ky"))),
                 SignBlock((text("CHỦ TRÌ"),), text(Field("ten_chu_tri")))),
    SignatureRow(Recipients("noi_nhan"), None),
)

def minutes_layout(data: MinutesData) -> Layout:
    return Layout(f"Biên bản {data.title}", MINUTES, minutes_context(data))


def minutes_context(data: MinutesData) -> dict:
    counts = data.counts
    return issuer_context(data.issuer, data.day) | {
        "tieu_de": w.caps(data.title),  # "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026"
        "thoi_gian": f"bắt đầu lúc {w.clock(data.started_at)}, {w.weekday(data.day)}, ngày {w.short_date(data.day)}.",
        "dia_diem": w.sentence(data.place) or "…",
        "thanh_phan": _attendance(data),
        "chu_tri": _person(data.chair), "thu_ky": _person(data.recorder),
        "dai_bieu": _guests(data),
        "noi_dung": _contents(data),
        "ket_luan": _conclusions(data.conclusions),
        "bieu_quyet": _votes(data.votes, counts.voters),
        "chat_luong": ((Para(text(Run("Đánh giá chất lượng buổi sinh hoạt: ", bold=True), w.sentence(data.quality)),
                             S.TEXT),) if data.quality else ()),
        "ket_thuc": (Para.of(_closing(data), S.BODY),),
        "ten_chu_tri": data.chair.name if data.chair else "", "ten_thu_ky": data.recorder.name if data.recorder else "",
        "noi_nhan": recipients(data.recipients),
        # Not in the built-in layout; offered to custom templates.
        "ngay_hop": w.short_date(data.day), "gio_bat_dau": w.clock(data.started_at),
        "gio_ket_thuc": w.clock(data.ended_at) if data.ended_at else "",
        "co_mat": str(counts.present), "phai_du": str(counts.expected), "ty_le": w.pct(counts.present, counts.expected),
        "so_nghi_quyet": data.resolution_symbol,
    }


def _person(signer: Signer | None) -> str:
    if signer is None:
        return "…"
    return w.sentence(f"đồng chí {signer.name}" + (f", {signer.role}" if signer.role else ""))


def _attendance(data: MinutesData) -> tuple[Para, ...]:
    c = data.counts
    total = figures_sentence(c, data.excused, data.away)
    present = (f"Có mặt: {c.present}/{c.expected} đồng chí ({w.pct(c.present, c.expected)}), trong đó đảng viên "
               f"chính thức: {c.present_official}, đảng viên dự bị: {c.present_probationary}.")
    reasons = "; ".join(f"đồng chí {a.name}" + (f": {w.lower_first(w.without_stop(a.reason))}" if a.reason else "")
                        for a in data.absent_with_reason)
    absent = (f"Vắng mặt: {c.absent} đồng chí (có lý do: {c.absent_with_reason}"
              + (f" — {reasons}" if reasons else "")
              + f"; không có lý do: {c.absent_without_reason}"
              + (f" — {w.comrades(data.absent_without_reason)}" if data.absent_without_reason else "") + ").")
    paragraphs = [total, present, absent]
    if c.pending:
        paragraphs.append(f"Chưa điểm danh: {c.pending} đồng chí.")
    return tuple(Para.of(p, S.BODY) for p in paragraphs)


def _guests(data: MinutesData) -> tuple[Para, ...]:
    if not data.guests:
        return (Para(text(Run("Đại biểu dự: ", bold=True), "không có."), S.TEXT),)
    described = "; ".join(", ".join(part for part in (f"đồng chí {g.name}", g.title, g.unit) if part)
                          for g in data.guests)
    return (Para(text(Run("Đại biểu dự: ", bold=True), w.sentence(described)), S.TEXT),)


def _contents(data: MinutesData) -> tuple[Para, ...]:
    paragraphs: list[Para] = []
    for number, section in enumerate(data.agenda, start=1):
        heading = f"{w.ROMAN[number - 1] if number <= len(w.ROMAN) else number}. {w.without_stop(section.title)}"
        paragraphs.append(Para.of(heading, S.HEADING))
        if section.presenter:
            paragraphs.append(Para.of(f"Đồng chí {section.presenter} trình bày.", S.BODY))
        paragraphs += _opinions(section.opinions)
    if data.other_opinions:
        paragraphs.append(Para.of("Ý kiến khác", S.HEADING))
        paragraphs += _opinions(data.other_opinions)
    return tuple(paragraphs) or (Para.of("(Chưa ghi nội dung.)", S.BODY),)


def _opinions(opinions) -> list[Para]:
    if not opinions:
        return []
    return [Para(text(Run("Ý kiến thảo luận:", italic=True)), S.TEXT)] + [
        Para(text(Run(f"- Đồng chí {o.speaker}: " if o.speaker else "- ", bold=False), w.sentence(o.text)), S.ITEM)
        for o in opinions]


def _conclusions(conclusions: str) -> tuple[Para, ...]:
    parts = [" ".join(p.split()) for p in conclusions.split("\n") if p.strip()]
    if not parts:
        return ()
    # The recorder often starts with "Đồng chí chủ trì kết luận:" already; no second heading then.
    heading = () if fold(parts[0]).startswith("dong chi chu tri ket luan") else (
        Para.of("Kết luận của đồng chí chủ trì:", S.HEADING),)
    return heading + tuple(Para.of(p, S.BODY) for p in parts)


def _votes(votes: tuple[VoteLine, ...], voters: int) -> tuple[Para, ...]:
    if not votes:
        return ()
    heading = Para(text(Run("Biểu quyết", bold=True), f" ({voters} đảng viên chính thức có mặt biểu quyết; "
                                                        "đảng viên dự bị không biểu quyết):"), S.TEXT)
    return (heading,) + tuple(Para.of(f"- {w.without_stop(v.matter)}: {vote_sentence(v)}", S.ITEM) for v in votes)


def _closing(data: MinutesData) -> str:
    end = (f"Buổi sinh hoạt kết thúc lúc {w.clock(data.ended_at)} cùng ngày." if data.ended_at
           else "Buổi sinh hoạt kết thúc lúc …… giờ …… phút cùng ngày.")
    approval = next((v for v in data.votes if "bien ban" in fold(v.matter)), None)
    if approval is None:
        return f"{end} Biên bản đã được đọc lại cho chi bộ nghe và nhất trí thông qua."
    return (f"{end} Biên bản đã được đọc lại trước chi bộ và được {approval.agree}/{approval.voters} đồng chí "
            f"đảng viên chính thức có mặt nhất trí thông qua ({w.pct(approval.agree, approval.voters)}).")
