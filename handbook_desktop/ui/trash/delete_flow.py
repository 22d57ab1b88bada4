"""Xóa…: the one way a page deletes a document, a member or a meeting.

Asks first, naming the item as Đã xóa will; deletes through `ops.write` (a refusal of the
services, e.g. a member who took part in meetings, comes back as a message with the reason);
then pushes the restore as the undo, so Ctrl+Z brings it back at once.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QWidget

from handbook_desktop.core import home
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import ask
from handbook_desktop.ui.ops import Operations


def delete_with_confirmation(parent: QWidget, ops: Operations, kind: str, item_id: str,
                             on_done: Callable[["home.Deleted"], None] | None = None) -> None:
    word = home.kind_word(kind)
    title = ops.read_now(lambda uow: home.describe(uow, kind, item_id))
    question = _("Xóa {kind} “{title}”?\n\nNếu xóa nhầm: bấm Ctrl+Z (Sửa › Hoàn tác) ngay, hoặc khôi phục trong "
                 "{days} ngày ở Sửa › Đã xóa.").format(kind=word, title=title, days=home.TRASH_DAYS)
    if not ask(parent, _("Xóa {kind}").format(kind=word), question, _("Xóa"), _("Không xóa")):
        return

    def deleted(gone: "home.Deleted") -> None:
        ops.undo.push(_("Xóa {kind} “{title}”").format(kind=word, title=gone.title),
                      lambda uow: home.restore(uow, gone.kind, gone.id, gone.deleted_at))
        if on_done:
            on_done(gone)

    ops.write(lambda uow: home.delete(uow, kind, item_id), title=_("Xóa {kind}").format(kind=word), on_done=deleted)


def add_delete_action(view: QAbstractItemView, slot: Callable[[], None]) -> QAction:
    """Xóa… on a list: the Delete key while the list has the focus, and its context menu."""
    action = QAction(_("Xóa…"), view, shortcut=QKeySequence(QKeySequence.StandardKey.Delete),
                     shortcutContext=Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


def push_undo_creation(ops: Operations, kind: str, item_ids: list[str], label: str) -> None:
    """After adding rows (a member, imported documents): Ctrl+Z deletes them again."""
    ops.undo.push(label, lambda uow: home.undo_creation(uow, kind, item_ids))
