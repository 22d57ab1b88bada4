"""Tasks of the previous resolution, reviewed at this meeting: tick what was done."""

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from handbook_desktop.core.text import format_date
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.meetings.common import MeetingContext, rows_table
from handbook_desktop.ui.table_model import RowsModel
OVERDUE = QColor("#b3261e")
DONE_COLUMN = 0


def _due(task: meetings.FollowUpTask) -> str:
    text = format_date(task.due_on)
    return _("{date} (quá hạn)").format(date=text) if task.overdue else text


COLUMNS = (
    (N_("Xong"), lambda task, i: format_date(task.done_on)),
    (N_("Nhiệm vụ"), lambda task, i: task.text),
    (N_("Người phụ trách"), lambda task, i: task.owner_name),
    (N_("Thời hạn"), lambda task, i: _due(task)),
)


class FollowUpModel(RowsModel):
    """The first column is a check box: ticking records the task as done today."""

    def __init__(self, ctx: MeetingContext, parent=None):
        super().__init__(COLUMNS, parent)
        self.ctx = ctx

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == DONE_COLUMN else flags

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        task = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == DONE_COLUMN:
            return Qt.CheckState.Checked if task.done_on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and task.overdue:
            return QBrush(OVERDUE)
        return super().data(index, role)

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != DONE_COLUMN:
            return False
        task = self.rows[index.row()]
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        self.ctx.write(None, _("Nhiệm vụ theo nghị quyết"), meetings.set_task_done, task.item_id,
                       self.ctx.today if done else None, on_done=lambda _result: self.dataChanged.emit(index, index))
        return True


class FollowUpBox(QGroupBox):
    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Kiểm điểm nhiệm vụ theo nghị quyết kỳ trước"), parent)
        self.ctx, self.meeting_id = ctx, ""
        self.model = FollowUpModel(ctx, self)
        # Re-read after the click is handled: resetting the model inside setData would pull
        # the row out from under the view that is still processing the click.
        self.model.dataChanged.connect(lambda *_a: QTimer.singleShot(0, self.reload))
        self.table = rows_table(self.model, stretch_column=1)
        self.hint = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id = detail.id
        self.reload()

    def reload(self) -> None:
        tasks = self.ctx.read(meetings.follow_up_tasks, self.meeting_id)
        self.model.set_rows(tasks)
        if tasks:
            done = sum(1 for task in tasks if task.done_on)
            self.hint.setText(_("Nghị quyết số {symbol}: {done}/{total} nhiệm vụ đã xong. Đánh dấu ô “Xong” khi "
                                "nhiệm vụ hoàn thành.").format(symbol=tasks[0].resolution_symbol, done=done,
                                                               total=len(tasks)))
        else:
            self.hint.setText(_("Cuộc họp trước chưa có nghị quyết giao nhiệm vụ."))
        self.table.setVisible(bool(tasks))
