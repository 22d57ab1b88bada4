"""The Biên tập page, for the editor role only: compose or import an item, attach files,
choose the units it goes to, publish; list my publications, correct or withdraw them.

Every call to the server runs on the task runner through one Publisher made for it; where
the OS keeps no keyring and the server wants the password again, the page asks once and
tries the call again.
"""

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QTableView, QTabWidget, QVBoxLayout, QWidget, QFrame)

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.library import SUPPORTED_SUFFIXES, category_label
from handbook_desktop.core.text import format_datetime
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.dialogs import ask
from handbook_desktop.ui.editor.compose_form import ComposeForm
from handbook_desktop.ui.fit import fit_columns
from handbook_desktop.ui.meetings.common import Notice
from handbook_desktop.ui.sync.controller import SyncController, error_text
from handbook_desktop.ui.table_model import RowsModel
from sync.errors import PasswordNeeded
from sync.protocol import ItemKind


def _state(item) -> str:
    if item.withdrawn_at:
        return _("Đã thu hồi")
    return _("Bản sửa lần {n}").format(n=item.revision - 1) if item.revision > 1 else _("Đã đăng")


def _category(item) -> str:
    if item.kind == ItemKind.DOCUMENT:
        return category_label("documents", item.doc_type)
    return category_label("articles", item.channel)


PUBLICATION_COLUMNS = ((N_("Tiêu đề"), lambda item, _i: item.title),
                       (N_("Loại"), lambda item, _i: _category(item)),
                       (N_("Đăng lúc"), lambda item, _i: format_datetime(item.updated_at)),
                       (N_("Trạng thái"), lambda item, _i: _state(item)))


class EditorPage(QWidget):
    def __init__(self, controller: SyncController, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.correcting: str | None = None  # the id of the publication being corrected
        self._loaded = False
        self.form = ComposeForm()
        self.import_button = QPushButton(_("Lấy từ tệp văn bản…"))
        self.import_button.clicked.connect(self._ask_file)
        self.publish_button = QPushButton(_("Đăng"))
        self.publish_button.clicked.connect(self.publish)
        self.new_button = QPushButton(_("Soạn bài mới"))
        self.new_button.clicked.connect(self.start_new)
        self.notice = Notice()
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)  # large text makes the form taller than the window
        compose = QWidget()
        column = QVBoxLayout(compose)
        buttons = QHBoxLayout()  # outside the scrolled form: always in reach
        for button in (self.import_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        column.addWidget(scroll, 1)
        column.addLayout(buttons)

        self.publications = RowsModel(PUBLICATION_COLUMNS, self)
        self.table = QTableView(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                                selectionMode=QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setModel(self.publications)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch_column=0)
        self.correct_button = QPushButton(_("Sửa"))
        self.correct_button.clicked.connect(self.start_correction)
        self.withdraw_button = QPushButton(_("Thu hồi"))
        self.withdraw_button.clicked.connect(self.withdraw)
        reload = QPushButton(_("Tải lại"))
        reload.clicked.connect(lambda: self.load_remote())
        mine = QWidget()
        mine_column = QVBoxLayout(mine)
        mine_column.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for button in (self.correct_button, self.withdraw_button, reload):
            actions.addWidget(button)
        actions.addStretch(1)
        mine_column.addLayout(actions)

        self.tabs = QTabWidget()
        self.tabs.addTab(compose, _("Soạn và đăng"))
        self.tabs.addTab(mine, _("Bài đã đăng"))
        self.role_note = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(f"<h1>{escape(title)}</h1>"))
        layout.addWidget(self.role_note)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        controller.changed.connect(self.show_role)
        self.show_role()

    # -- role ---------------------------------------------------------------------------
    def show_role(self) -> None:
        account = self.controller.account
        editor = account is not None and account.is_editor
        self.tabs.setVisible(editor)
        self.role_note.setText(_("Đăng bài với tư cách {user}, {unit}.").format(
            user=account.username, unit=account.unit_name) if editor else
            _("Trang này dành cho tài khoản biên tập: hãy đăng nhập bằng tài khoản được giao quyền biên tập."))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._loaded and self.tabs.isVisibleTo(self):
            self._loaded = True
            self.load_remote(asked=False)  # unprompted: no password dialog, the notice says what to do

    # -- server calls -------------------------------------------------------------------
    def _call(self, work: Callable[[Any], Any], title: str, on_done: Callable[[Any], None],
              password: str | None = None, asked: bool = True) -> None:
        """`work(publisher)` on the task runner; errors in words above the tabs. Without a
        keyring the password is asked for when the user `asked` for the call."""
        from sync.publishing import Publisher

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PasswordNeeded) and asked and password is None and self.controller.ask_password:
                given = self.controller.ask_password()
                if given:
                    self._call(work, title, on_done, given)
                    return
            if isinstance(exc, PasswordNeeded) and not asked:
                self.notice.show_text(_("Cần mật khẩu để tải danh sách đơn vị và bài đã đăng: bấm \"Tải lại\" "
                                        "(thẻ Bài đã đăng)."), "warning")
                return
            self.notice.show_text(error_text(exc), "error")

        self.controller.tasks.run(
            lambda _progress: work(Publisher.for_workspace(self.controller.workspace, password=password)),
            title=title, on_done=on_done, on_error=failed)

    def load_remote(self, asked: bool = True) -> None:
        """The units the editor may publish to and their own publications."""
        self._call(lambda p: (p.audiences(), p.mine()), _("Đang tải danh sách đơn vị và bài đã đăng…"),
                   self._show_remote, asked=asked)

    def _show_remote(self, loaded) -> None:
        units, mine = loaded
        self.form.set_audiences(units)
        self.publications.set_rows(sorted(mine, key=lambda item: item.updated_at, reverse=True))

    # -- compose ------------------------------------------------------------------------
    def _ask_file(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
        path, _filter = QFileDialog.getOpenFileName(self, _("Chọn tệp văn bản"), "",
                                                    _("Văn bản ({patterns})").format(patterns=patterns))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """The library's extraction and classification check; a classified file is refused."""
        def loaded(fields) -> None:
            self.form.load(fields)
            self.form.add_file(path)
            self.notice.show_text(_("Đã lấy nội dung từ {name}: hãy xem lại trước khi đăng.").format(name=path.name),
                                  "ok")

        self._call(lambda p: p.item_from_file(path), _("Đang đọc tệp…"), loaded)

    def start_new(self) -> None:
        self.correcting = None
        self.form.clear()
        self.publish_button.setText(_("Đăng"))
        self.notice.clear_text()

    def publish(self) -> None:
        try:
            fields, audience, files = self.form.fields(), self.form.chosen_audience(), self.form.new_files()
        except UserError as exc:
            self.notice.show_text(exc.message, "error")
            return
        if not audience:
            self.notice.show_text(_("Hãy chọn ít nhất một đơn vị nhận."), "error")
            return
        item_id = self.correcting

        def done(item) -> None:
            self.notice.show_text((_("Đã đăng bản sửa: \"{title}\".") if item_id else _("Đã đăng \"{title}\"."))
                                  .format(title=item.title), "ok")
            self.correcting = None
            self.form.clear()
            self.publish_button.setText(_("Đăng"))
            self.load_remote()

        if item_id:
            self._call(lambda p: p.correct(item_id, fields, audience, files), _("Đang đăng bản sửa…"), done)
        else:
            self._call(lambda p: p.publish(fields, audience, files), _("Đang đăng…"), done)

    # -- my publications ----------------------------------------------------------------
    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.notice.show_text(_("Hãy chọn một bài trong danh sách."), "error")
            return None
        return self.publications.row(rows[0].row())

    def start_correction(self) -> None:
        item = self._selected()
        if item is None:
            return
        self.correcting = item.id
        self.form.load(item)
        self.form.check_audience(item.audience)
        self.publish_button.setText(_("Đăng bản sửa"))
        self.tabs.setCurrentIndex(0)
        self.notice.show_text(_("Đang sửa \"{title}\": người đọc sẽ thấy bài được đánh dấu đã cập nhật.")
                              .format(title=item.title))

    def withdraw(self) -> None:
        item = self._selected()
        if item is None or not ask(self, _("Thu hồi"), _(
                "Thu hồi \"{title}\"? Bài sẽ biến mất khỏi máy của người đọc ở lần đồng bộ sau.").format(
                title=item.title), yes=_("Thu hồi"), no=_("Hủy")):
            return

        def done(_none) -> None:
            self.notice.show_text(_("Đã thu hồi \"{title}\".").format(title=item.title), "ok")
            self.load_remote()

        self._call(lambda p: p.withdraw(item.id), _("Đang thu hồi…"), done)
