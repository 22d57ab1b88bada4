"""The attendance sheet (danh sách điểm danh): one row per member to sign."""

from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import Align, Column, Layout, Para, S, SignatureRow, SignBlock, Table, text
from handbook_desktop.docgen.content import AttendanceSheetData
from handbook_desktop.docgen.layouts.common import figures_sentence, header, labelled


def attendance_layout(data: AttendanceSheetData) -> Layout:
    start, c = data.starts_at, data.counts
    rows = tuple((str(n), line.name, line.standing, line.note, "") for n, line in enumerate(data.lines, start=1))
    blocks = [
        header(data.issuer, start.date()),
        Para.of("DANH SÁCH ĐIỂM DANH", S.DOC_TYPE),
        Para.of(w.caps(w.without_stop(data.title)), S.DOC_SUMMARY),
        labelled("Thời gian: ", f"{w.clock(start)}, {w.weekday(start.date())}, ngày {w.short_date(start.date())}."),
        labelled("Địa điểm: ", w.sentence(data.place) or "…"),
        Table((Column("STT", 12, Align.CENTER), Column("Họ và tên", 50), Column("Đảng viên", 24, Align.CENTER),
               Column("Ghi chú", 44), Column("Ký tên", 35)), rows, size=12, padding_mm=2.5),
    ]
    if data.held:
        blocks.append(Para.of(
            f"{figures_sentence(c)} Có mặt: {c.present} ({w.pct(c.present, c.expected)}); vắng có lý do: "
            f"{c.absent_with_reason}; vắng không lý do: {c.absent_without_reason}.", S.BODY))
    blocks.append(SignatureRow(SignBlock((text("THƯ KÝ"),), text(data.recorder.name if data.recorder else "")),
                               SignBlock((text("CHỦ TRÌ"),), text(data.chair.name if data.chair else ""))))
    return Layout(f"Danh sách điểm danh — {data.title}", tuple(blocks))
