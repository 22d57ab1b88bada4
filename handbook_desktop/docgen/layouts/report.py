"""The cell's report for a month or a quarter (báo cáo kết quả hoạt động của chi bộ)."""

from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import (
    Align,
    Column,
    Layout,
    Para,
    Recipients,
    S,
    SignatureRow,
    Table,
    recipient_lines,
)
from handbook_desktop.docgen.content import ReportData
from handbook_desktop.docgen.layouts.common import cell_signature, figures_sentence, header

BLANK_NUMBER = "\u00a0" * 8  # no-break spaces: a paragraph would fold ordinary ones into one


def report_layout(data: ReportData) -> Layout:
    period, c = data.period, data.figures
    meetings = data.meetings
    present, expected = sum(x.present for x in meetings), sum(x.expected for x in meetings)
    rows = tuple((str(n), w.short_date(x.day), x.title, f"{x.present}/{x.expected}", w.pct(x.present, x.expected),
                  x.quality, x.resolution_symbol) for n, x in enumerate(meetings, start=1))
    blocks: list = [
        # Reports have no counter here: the number is left blank for the secretary's pen.
        header(data.issuer, data.issued_on, f"{BLANK_NUMBER}-BC/{data.issuer.code}"),
        Para.of("BÁO CÁO", S.DOC_TYPE),
        Para.of(f"KẾT QUẢ HOẠT ĐỘNG CỦA CHI BỘ {w.caps(period.label)}", S.DOC_SUMMARY),
        Para.of(f"{data.issuer.body} báo cáo kết quả hoạt động của chi bộ {period.label} như sau:", S.BODY),
        Para.of("I. TÌNH HÌNH ĐẢNG VIÊN", S.HEADING),
        Para.of(f"Đến ngày {w.short_date(c.as_of)}, {w.lower_first(figures_sentence(c))}", S.BODY),
        Para.of("II. SINH HOẠT CHI BỘ", S.HEADING),
    ]
    if meetings:
        blocks += [
            Para.of(f"Trong {period.label}, chi bộ tổ chức {len(meetings)} cuộc họp; tỷ lệ đảng viên dự sinh hoạt "
                    f"bình quân {w.pct(present, expected)} ({present}/{expected} lượt).", S.BODY),
            Table((Column("STT", 11, Align.CENTER), Column("Ngày họp", 25, Align.CENTER), Column("Nội dung", 52),
                   Column("Dự/phải dự", 19, Align.CENTER), Column("Tỷ lệ", 16, Align.CENTER),
                   Column("Chất lượng", 18, Align.CENTER), Column("Nghị quyết", 24, Align.CENTER)), rows, size=12),
        ]
    else:
        blocks.append(Para.of(f"Trong {period.label}, chi bộ chưa tổ chức cuộc họp nào.", S.BODY))
    blocks += _absences(data) + _resolutions(data)
    blocks.append(SignatureRow(Recipients(recipient_lines(data.recipients)),
                               cell_signature(data.signer, data.signer_title)))
    return Layout(f"Báo cáo {period.label} — {data.issuer.body}", tuple(blocks))


def _absences(data: ReportData) -> list:
    if not data.unexcused_absences:
        return [Para.of("Không có đảng viên vắng sinh hoạt không có lý do.", S.BODY)]
    listed = "; ".join(f"đồng chí {name} ({times} lần)" for name, times in data.unexcused_absences)
    return [Para.of(f"Đảng viên vắng sinh hoạt không có lý do: {listed}.", S.BODY)]


def _resolutions(data: ReportData) -> list:
    blocks: list = [Para.of("III. NGHỊ QUYẾT VÀ VIỆC THỰC HIỆN", S.HEADING)]
    if not data.resolutions:
        return blocks + [Para.of("Trong kỳ, chi bộ chưa ban hành nghị quyết.", S.BODY)]
    for r in data.resolutions:
        blocks.append(Para.of(
            f"- Nghị quyết số {r.symbol} ngày {w.short_date(r.issued_on)} ({w.without_stop(r.title)}): {r.items} "
            f"điểm, trong đó {r.tasks} nhiệm vụ có người phụ trách hoặc thời hạn; đã hoàn thành {r.done}, quá hạn "
            f"chưa hoàn thành {r.overdue}, đang thực hiện {r.tasks - r.done - r.overdue}.", S.ITEM))
    return blocks
