"""The member roster (danh sách đảng viên, Mẫu 7-HSĐV)."""

from handbook_desktop.core.members import STATUS_LABELS
from handbook_desktop.core.members import MemberStatus
from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import Align, Column, Layout, Para, S, SignatureRow, Table
from handbook_desktop.docgen.content import RosterData
from handbook_desktop.docgen.layouts.common import cell_signature, figures_sentence, header


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
    """Mẫu 7-HSĐV: landscape A4, one row per member in the cell's total."""
    def status(row) -> str:
        return "" if row.status == MemberStatus.OFFICIAL else STATUS_LABELS[row.status]

    rows = tuple((str(n), r.full_name, w.short_date(r.birth_date), r.sex, r.ethnicity, r.religion, r.hometown,
                  r.education, r.specialist_level, r.theory_level, r.occupation, w.short_date(r.admitted_on),
                  w.short_date(r.official_on), r.card_number, status(r)) for n, r in enumerate(data.rows, start=1))
    c = data.figures
    blocks = (
        header(data.issuer, c.as_of, corner="Mẫu 7-HSĐV"),
        Para.of("DANH SÁCH ĐẢNG VIÊN", S.DOC_TYPE),
        Para.of(f"{w.caps(data.issuer.body)} — ĐẾN NGÀY {w.short_date(c.as_of)}", S.DOC_SUMMARY),
        Table(ROSTER_COLUMNS, rows, size=8.5, padding_mm=0.8),
        Para.of(figures_sentence(c), S.BODY),
        SignatureRow(None, cell_signature(data.signer, data.signer_title)),
    )
    return Layout(f"Danh sách đảng viên — {data.issuer.body}", blocks, landscape=True)
