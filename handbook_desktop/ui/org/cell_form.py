"""The cell's form: its name, upper levels, place, term, secretary and deputy.

One set of fields serves the first start (`CellSetupDialog`, before the window exists: it
only checks the input, the caller writes) and Cài đặt → Chi bộ (`CellSettingsBox`, which
sets the cell up when there is none yet and edits it afterwards, through the operations).
"""

from collections.abc import Sequence

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from handbook_desktop.core import org
from handbook_desktop.core.clock import vietnam_today
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.org import CellSetup
from handbook_desktop.i18n import _
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.dialogs import accept_buttons
from handbook_desktop.ui.meetings.common import Notice, member_choices, select_data
from handbook_desktop.ui.ops import Operations

Choices = Sequence[tuple[str, str]]  # (member id, full name)


class CellFields(QWidget):
    def __init__(self, choices: Choices = (), parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit(placeholderText=_("Ví dụ: Chi bộ Khu phố 5"))
        self.grassroots = QLineEdit(placeholderText=_("Ví dụ: Đảng bộ phường Bắc Sơn"))
        self.district = QLineEdit(placeholderText=_("Ví dụ: Thành ủy Sông Công (bỏ trống nếu không có)"))
        self.province = QLineEdit(placeholderText=_("Ví dụ: Tỉnh ủy Thái Nguyên"))
        self.place = QLineEdit(placeholderText=_("theo tên đảng bộ cơ sở"))
        self.term = QLineEdit(placeholderText=org.default_term(vietnam_today()))
        self.term.setMaximumWidth(self.term.fontMetrics().horizontalAdvance("2025-2030 ") * 2)
        self.secretary, self.deputy = QComboBox(maxVisibleItems=20), QComboBox(maxVisibleItems=20)
        for label, widget in ((_("Tên chi bộ"), self.name), (_("Đảng bộ cơ sở"), self.grassroots),
                              (_("Cấp huyện, thành phố"), self.district), (_("Cấp tỉnh"), self.province),
                              (_("Địa danh ghi trên văn bản"), self.place), (_("Nhiệm kỳ"), self.term),
                              (_("Bí thư chi bộ"), self.secretary), (_("Phó bí thư"), self.deputy)):
            form.addRow(label, widget)
        self.set_choices(choices)

    def set_choices(self, choices: Choices) -> None:
        """The roster's members; before any is imported the pickers say so and wait."""
        for combo in (self.secretary, self.deputy):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(_("(chưa chọn)") if choices else _("chọn sau khi nhập danh sách"), None)
            for member_id, name in choices:
                combo.addItem(name, member_id)
            combo.setEnabled(bool(choices))
            select_data(combo, chosen)

    def load(self, setup: CellSetup) -> None:
        self.name.setText(setup.name)
        grassroots, *above = setup.parents or ("",)  # two levels: the grassroots body and the province
        self.grassroots.setText(grassroots)
        self.district.setText(above[0] if len(above) > 1 else "")
        self.province.setText(above[-1] if above else "")
        self.place.setText(setup.place)
        self.term.setText(setup.term)
        select_data(self.secretary, setup.secretary_id)
        select_data(self.deputy, setup.deputy_id)

    def setup(self) -> CellSetup:
        """As typed; the service cleans and checks it."""
        return CellSetup(self.name.text(), (self.grassroots.text(), self.district.text(), self.province.text()),
                         self.place.text(), self.term.text(), self.secretary.currentData(), self.deputy.currentData())


class CellSetupDialog(QDialog):
    """"Thiết lập chi bộ của tôi" at the first start: a new cell has no roster yet."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Thiết lập chi bộ của tôi"))
        self.chosen: CellSetup | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Ghi tên chi bộ và các cấp trên như trên văn bản của chi bộ. Tất cả có thể "
                                  "sửa sau trong Cài đặt → Chi bộ."), wordWrap=True))
        self.fields = CellFields()
        self.fields.term.setText(org.default_term(vietnam_today()))
        layout.addWidget(self.fields)
        self.problem = Notice()
        layout.addWidget(self.problem)
        layout.addWidget(accept_buttons(self, _("Thiết lập"), self.submit))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)

    def submit(self) -> None:
        try:
            self.chosen = org.check_cell_setup(self.fields.setup(), vietnam_today())
        except UserError as exc:
            self.problem.show_text(exc.message, "error")
            self.adjustSize()  # room for the wrapped lines
            return
        self.accept()


class CellSettingsBox(QGroupBox):
    """Cài đặt → Chi bộ: sets the cell up when the workspace keeps none, edits it afterwards."""

    def __init__(self, ops: Operations, parent: QWidget | None = None):
        super().__init__(_("Chi bộ"), parent)
        self.ops = ops
        layout = QVBoxLayout(self)
        self.fields = CellFields()
        layout.addWidget(self.fields)
        self.notice = Notice()
        layout.addWidget(self.notice)
        self.save = QPushButton()
        self.save.clicked.connect(self.submit)
        layout.addWidget(self.save)
        self._loaded: CellSetup | None = None
        self.reload()
        keep_fresh(self, ops.changes, {"org_units", "workspace_facts", "members"}, self.reload)

    def reload(self) -> None:
        """Fresh roster choices; fresh values unless the secretary is editing them."""
        unchanged = self._loaded is None or self.fields.setup() == self._loaded
        self.fields.set_choices(member_choices(self.ops.workspace))
        current = self.ops.read_now(org.cell_setup)
        self.save.setText(_("Lưu thông tin chi bộ") if current else _("Thiết lập chi bộ"))
        if current is None:
            self.fields.term.setText(self.fields.term.text() or org.default_term(vietnam_today()))
        elif unchanged:
            self.fields.load(current)
        self._loaded = self.fields.setup()

    def submit(self) -> None:
        setup, exists = self.fields.setup(), self.ops.read_now(org.cell_setup) is not None
        service = org.update_cell if exists else org.set_up_cell
        self.notice.clear_text()
        self.ops.write(lambda uow: service(uow, setup), title=_("Lưu thông tin chi bộ"),
                       on_done=lambda _result: self._saved(exists), on_error=self._refused)

    def _saved(self, existed: bool) -> None:
        self._loaded = None  # take the stored values back as they were cleaned
        self.reload()
        self.notice.show_text(_("Đã lưu thông tin chi bộ.") if existed else
                              _("Đã thiết lập chi bộ. Tiếp theo: nhập danh sách đảng viên."), "ok")

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.ops.tasks.error.emit(_("Lưu thông tin chi bộ"), exc)
            return
        self.notice.show_text(exc.message, "error")
