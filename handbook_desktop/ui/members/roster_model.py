"""Table model over the roster: no widget per row, so 5,000 members scroll smoothly."""

from handbook_desktop.core.labels import label
from handbook_desktop.core.members import RosterSort
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import N_
from handbook_desktop.ui.table_model import RowsModel

# column title, how a row shows it, the service's sort for it (None: not sortable)
COLUMNS = (
    (N_("STT"), lambda row, index: str(index + 1), None),
    (N_("Họ và tên"), lambda row, index: row.full_name, RosterSort.NAME),
    (N_("Ngày sinh"), lambda row, index: format_date(row.birth_date), RosterSort.BIRTH_DATE),
    (N_("Giới tính"), lambda row, index: row.sex, None),
    (N_("Ngày vào Đảng"), lambda row, index: format_date(row.admitted_on), RosterSort.ADMITTED_ON),
    (N_("Ngày chính thức"), lambda row, index: format_date(row.official_on), RosterSort.OFFICIAL_ON),
    (N_("Số thẻ"), lambda row, index: row.card_number, RosterSort.CARD_NUMBER),
    (N_("Tình trạng"), lambda row, index: label(row.status), RosterSort.STATUS),
)


class RosterModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__([(title, text) for title, text, _sort in COLUMNS], parent)
