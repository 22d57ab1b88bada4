"""Layouts of the invitation, the attendance sheet, the member roster and the cell's report.

These have no user templates, so their data goes straight into the blocks (the context
stays empty); the blocks and styles are the same as the minutes'.
"""

from handbook_desktop.core.members.labels import STATUS_LABELS
from handbook_desktop.core.members.models import MemberStatus
from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import (
    Align,
    Column,
    Header,
    Layout,
    PageBreak,
    Para,
    Recipients,
    Run,
    S,
    SignatureRow,
    SignBlock,
    Table,
    recipient_lines,
    text,
)
from handbook_desktop.docgen.content import (
    AttendanceSheetData,
    InvitationData,
    Issuer,
    ReportData,
    RosterData,
    Signer,
)

BLANK_NUMBER = "\u00a0" * 8  # no-break spaces: a paragraph would fold ordinary ones into one


def header(issuer: Issuer, day, number: str | None = None, corner: str = "") -> Header:
    return Header(text(w.caps(issuer.higher_body)), text(w.caps(issuer.body)),
                  text(f"Số {number}") if number is not None else None, text(w.place_date(issuer.place, day)),
                  corner)


def cell_signature(signer: Signer | None, title: str) -> SignBlock:
    return SignBlock((text("T/M CHI BỘ"), text(title)), text(signer.name if signer else ""))


def labelled(label: str, value: str, style=S.TEXT) -> Para:
    return Para(text(Run(label, bold=True), value), style)


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
            f"Tổng số: {c.total} đồng chí; miễn sinh hoạt: {c.excused}; phải dự: {c.expected}; có mặt: {c.present} "
            f"({w.pct(c.present, c.expected)}); vắng có lý do: {c.absent_with_reason}; vắng không lý do: "
            f"{c.absent_without_reason}.", S.BODY))
    blocks.append(SignatureRow(SignBlock((text("THƯ KÝ"),), text(data.recorder.name if data.recorder else "")),
                               SignBlock((text("CHỦ TRÌ"),), text(data.chair.name if data.chair else ""))))
    return Layout(f"Danh sách điểm danh — {data.title}", tuple(blocks))


# Widths in millimetres of the landscape text width (252 mm): a date at 8.5 pt needs 17.
ROSTER_COLUMNS = (
    Column("STT", 9, Align.CENTER), Column("Họ và tên", 28), Column("Ngày sinh", 18, Align.CENTER),
    Column("Giới tính", 10, Align.CENTER), Column("Dân tộc", 10, Align.CENTER), Column("Tôn giáo", 11, Align.CENTER),
    Column("Quê quán", 27), Column("Phổ thông", 11, Align.CENTER), Column("Chuyên môn", 19),
    Column("Lý luận chính trị", 13, Align.CENTER), Column("Nghề nghiệp, chức vụ", 32),
    Column("Ngày vào Đảng", 18, Align.CENTER), Column("Ngày chính thức", 18, Align.CENTER),
    Column("Số thẻ đảng viên", 15, Align.CENTER), Column("Ghi chú", 13),
)


def roster_layout(data: RosterData) -> Layout:
    """Mẫu 7-HSĐV: landscape A4, one row per member on roll."""
    def status(row) -> str:
        return "" if row.status == MemberStatus.OFFICIAL else STATUS_LABELS[row.status]

    rows = tuple((str(n), r.full_name, w.short_date(r.birth_date), r.sex, r.ethnicity, r.religion, r.hometown,
                  r.education, r.specialist_level, r.theory_level, r.occupation, w.short_date(r.admitted_on),
                  w.short_date(r.official_on), r.card_number, status(r)) for n, r in enumerate(data.rows, start=1))
    c = data.counts
    blocks = (
        header(data.issuer, data.as_of, corner="Mẫu 7-HSĐV"),
        Para.of("DANH SÁCH ĐẢNG VIÊN", S.DOC_TYPE),
        Para.of(f"{w.caps(data.issuer.body)} — ĐẾN NGÀY {w.short_date(data.as_of)}", S.DOC_SUMMARY),
        Table(ROSTER_COLUMNS, rows, size=8.5, padding_mm=0.8),
        Para.of(f"Tổng số: {c.on_roll} đảng viên (chính thức: {c.official}, dự bị: {c.probationary}); miễn công "
                f"tác và sinh hoạt đảng: {c.excused}; sinh hoạt tạm thời nơi khác: {c.temporary}; số đảng viên "
                f"phải dự sinh hoạt: {c.expected}.", S.BODY),
        SignatureRow(None, cell_signature(data.signer, data.signer_title)),
    )
    return Layout(f"Danh sách đảng viên — {data.issuer.body}", blocks, landscape=True)


def report_layout(data: ReportData) -> Layout:
    period, c = data.period, data.counts
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
        Para.of(f"Đến ngày {w.short_date(data.issued_on)}, chi bộ có {c.on_roll} đảng viên (chính thức: {c.official}, "
                f"dự bị: {c.probationary}); miễn công tác và sinh hoạt đảng: {c.excused}; sinh hoạt tạm thời nơi "
                f"khác: {c.temporary}; số đảng viên phải dự sinh hoạt: {c.expected}.", S.BODY),
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
