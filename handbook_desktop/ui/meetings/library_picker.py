"""Choosing a document of the library as meeting material."""

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from handbook_desktop.core.text import format_date
from handbook_desktop.core import library
from handbook_desktop.core.text import fold
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.dialogs import accept_buttons
from handbook_desktop.ui.meetings.common import current_row, rows_table
from handbook_desktop.ui.table_model import RowsModel
COLUMNS = (
    (N_("Số hiệu"), lambda item, i: item.number),
    (N_("Trích yếu"), lambda item, i: item.title),
    (N_("Ngày"), lambda item, i: format_date(item.day)),
)


class LibraryPickerDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Chọn văn bản trong thư viện"))
        self.chosen: library.LibraryItem | None = None
        self.items = workspace.perform(lambda uow: library.list_items(uow, library.ItemFilter(table=library.DOCUMENTS)))
        self.model = RowsModel(COLUMNS, self)
        self.table = rows_table(self.model, stretch_column=1)
        self.table.activated.connect(lambda _index: self.choose())
        self.search = QLineEdit(clearButtonEnabled=True, placeholderText=_("Lọc theo số hiệu hoặc trích yếu "
                                                                            "(gõ không dấu cũng được)"))
        self.search.textChanged.connect(self.filter)
        buttons = accept_buttons(self, _("Thêm vào tài liệu"), self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Tài liệu đăng lên Sổ tay để đảng viên đọc trước cuộc họp.")))
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.filter("")

    def filter(self, text: str) -> None:
        wanted = fold(text).split()
        shown = [item for item in self.items if all(word in fold(f"{item.number} {item.title}") for word in wanted)]
        self.model.set_rows(shown)
        if shown:
            self.table.selectRow(0)

    def choose(self) -> None:
        row = current_row(self.table)
        if row >= 0:
            self.chosen = self.model.rows[row]
            self.accept()
