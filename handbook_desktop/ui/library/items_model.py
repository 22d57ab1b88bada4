"""Table model over library items: one row per item, unread rows in bold.

A reload that lists the same items in the same order updates the rows in place (RowsModel),
so the selection, the current row and the scroll position stay where the reader left them.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from handbook_desktop.core.library import ARTICLES, DOCUMENTS, LibraryItem, category_label
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.table_model import RowsModel


def _starred(item: LibraryItem) -> str:
    updated = "  · " + _("Đã cập nhật") if item.revision > 1 else ""  # corrected by its publisher
    return ("★ " if item.favorite else "") + item.title + updated


COLUMNS = {
    DOCUMENTS: ((N_("Số, ký hiệu"), lambda item, _i: item.number),
                (N_("Tiêu đề"), lambda item, _i: _starred(item)),
                (N_("Ngày ban hành"), lambda item, _i: format_date(item.day))),
    ARTICLES: ((N_("Tiêu đề"), lambda item, _i: _starred(item)),
               (N_("Kênh"), lambda item, _i: category_label(ARTICLES, item.category)),
               (N_("Ngày đăng"), lambda item, _i: format_date(item.day))),
}


class ItemsModel(RowsModel):
    def __init__(self, table: str, parent=None):
        super().__init__(COLUMNS[table], parent)
        self.table = table

    def role_data(self, item: LibraryItem, position: int, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.title
        if role == Qt.ItemDataRole.FontRole and item.unread:
            font = QFont()
            font.setBold(True)
            return font
        return None
