"""The main window: banner, navigation sidebar, one page per section, status bar."""

import dataclasses
import logging
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QMainWindow, QMessageBox, QScrollArea, QStackedWidget, QVBoxLayout, QWidget)

from handbook_desktop.core import backup_schedule, settings as s
from handbook_desktop.core.clock import vietnam_now, vietnam_today
from handbook_desktop.core.paths import DataDirChoice, remember_data_dir
from handbook_desktop.core import home, library
from handbook_desktop.core.home import GLANCE_TABLES, Glance, Overview, save_snapshot
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import N_, _, set_language
from handbook_desktop.ui.about_dialog import AboutDialog
from handbook_desktop.ui.backup_flow import BackupFlow
from handbook_desktop.ui.changes import ChangeBridge, keep_fresh
from handbook_desktop.ui.dialogs import show_error
from handbook_desktop.ui.fit import fit_sidebar
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.library.import_flow import ImportFlow, importable
from handbook_desktop.ui.coming_soon import ComingSoonPage
from handbook_desktop.tts.service import SpeechService
from handbook_desktop.ui.home.home_page import HomePage
from handbook_desktop.ui.settings_form import SettingsChange, SettingsDialog, SettingsForm
from handbook_desktop.ui.status import ConnectionStatus, TaskProgress
from handbook_desktop.ui.sync.controller import SyncController
from handbook_desktop.ui.sync.password_dialog import ask_password
from handbook_desktop.ui.sync.scheduler import SyncScheduler
from handbook_desktop.ui.style import apply_look
from handbook_desktop.ui.taskrunner import TaskRunner
from handbook_desktop.ui.undo import UndoAction

log = logging.getLogger(__name__)

SECTIONS = {
    "home": N_("Trang chủ"),
    "news": N_("Tin tức"),
    "documents": N_("Văn bản"),
    "members": N_("Chi bộ / Đảng viên"),
    "meetings": N_("Sinh hoạt chi bộ"),
    "study": N_("Học tập"),
    "sync": N_("Đồng bộ"),
    "editor": N_("Biên tập"),  # listed only for an editor account
    "settings": N_("Cài đặt"),
}
# What the home page shows: the cell, its members, meetings (the next one's readiness, overdue
# tasks of the latest resolution), the library and reading.
HOME_TABLES = {"org_units", "workspace_facts", "members", "member_events", "meetings", "attendance",
               "agenda_items", "meeting_materials", "meeting_guests", "resolutions", "resolution_items",
               "documents", "articles", "read_receipts", "reading_positions"}
# ... and the status bar: changes waiting to be sent, the last sync.
STATUS_TABLES = HOME_TABLES | {"outbox", "sync_cursors"}
STATUS_MESSAGE_MS = 10_000


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, data_dir: DataDirChoice, tasks: TaskRunner, today: date | None = None,
                 glance: Glance | None = None):
        """`glance`: the first screen's figures kept from the last start (core/home/snapshot.py);
        the window then paints before the ORM has loaded, and reads them anew once shown."""
        super().__init__()
        self.workspace, self.data_dir, self.tasks = workspace, data_dir, tasks
        self.today = today or vietnam_today()
        self.resize(1280, 800)
        self.setAcceptDrops(True)
        self.changes = ChangeBridge(workspace, self)
        self.changes.changed.connect(self._on_changes)
        self.ops = Operations(workspace, tasks, self.changes)
        self.speech = SpeechService(workspace.settings, workspace.data_dir)
        self.importer = ImportFlow(self, self.ops, self._after_import)
        self.backups = BackupFlow(self, self.ops, on_backed_up=self._refresh_home, on_restored=self._after_restore)
        self.tasks.error.connect(lambda title, exc: show_error(self, title, exc))
        self.sync = SyncController(workspace, tasks, self, glance=glance)  # the account, online, rounds: one for every screen
        self.sync.ask_password = lambda: ask_password(self, self.sync.account)
        self.sync.changed.connect(self._show_connection)
        self.sync.changed.connect(self._show_editor_entry)
        self.sync.changed.connect(self._show_conflict_count)
        self.scheduler = SyncScheduler(self.sync, workspace.settings, self)
        self.ops.undo.message.connect(lambda text: self.statusBar().showMessage(text, STATUS_MESSAGE_MS))
        self._snapshot_stale = False  # the data changed since the figures were last kept
        self._build(glance)

    # -- building -----------------------------------------------------------------------
    def _build(self, glance: Glance | None = None) -> None:
        self.setWindowTitle(_("Sổ tay đảng viên"))
        overview = glance.overview if glance else self._read_overview()
        self._first_reading = glance.reading if glance else None
        self.library_pages: dict[str, QWidget] = {}
        self.sidebar = QListWidget(objectName="sidebar")
        self.pages = QStackedWidget()
        for key, name in SECTIONS.items():
            item = QListWidgetItem(_(name))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
            # Pages are built on first visit: the first paint needs only the home page.
            self.pages.addWidget(self._page(key, overview) if key == "home" else QWidget())
        self._built = {"home"}
        self.search_page = None  # made by the first search
        self.sidebar.currentRowChanged.connect(self._on_section)
        fit_sidebar(self.sidebar)  # capped at large text: the page gets the room
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.pages, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._banner(overview))
        column.addLayout(body, 1)
        self.setCentralWidget(central)
        self._build_menu()
        self._build_status_bar(overview)
        self.sidebar.setCurrentRow(0)
        self._show_editor_entry()
        self._show_conflict_count()

    def _banner(self, overview: Overview) -> QWidget:
        banner = QWidget(objectName="banner")
        banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(banner)
        row.addWidget(QLabel("<b>%s</b>" % escape(_("Sổ tay đảng viên"))))
        row.addStretch(1)
        self.search_box = QLineEdit(objectName="searchBox", clearButtonEnabled=True,
                                    placeholderText=_("Tìm văn bản, tin tức… (gõ không dấu cũng được)"))
        self.search_box.setMinimumWidth(380)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        row.addWidget(self.search_box)
        row.addStretch(1)
        self.cell_label = QLabel()
        self._show_cell_name(overview)
        row.addWidget(self.cell_label)
        return banner

    def _show_cell_name(self, overview: Overview) -> None:
        self.cell_label.setText(escape(overview.unit_path[0]) if overview.unit_path else "")

    def _page(self, key: str, o: Overview) -> QWidget:
        if key == "home":
            reading = self._first_reading if self._first_reading is not None else self._read_continue()
            page = HomePage(o, reading)
            page.open_requested.connect(self.open_item)
            page.backup_requested.connect(self.backups.ask_and_back_up)
            self.home_page = page
            keep_fresh(page, self.changes, HOME_TABLES, self._show_home)
            return page
        if key == "settings":
            return self._settings_page()
        if key == "members":
            from handbook_desktop.ui.members.roster_page import RosterPage  # pages load on first visit

            self.roster_page = RosterPage(self.ops, _(SECTIONS[key]))
            return self.roster_page
        if key == "meetings":
            from handbook_desktop.ui.meetings.meetings_page import MeetingsPage

            self.meetings_page = MeetingsPage(self.ops, _(SECTIONS[key]), self.today)
            self.meetings_page.open_requested.connect(self.open_item)
            return self.meetings_page
        if key in ("news", "documents"):
            table = library.ARTICLES if key == "news" else library.DOCUMENTS
            from handbook_desktop.ui.library.library_page import LibraryPage

            page = LibraryPage(self.ops, self.speech, table, _(SECTIONS[key]))
            self.library_pages[table] = page
            return page
        if key == "sync":
            from handbook_desktop.ui.sync.sync_page import SyncPage

            self.sync_page = SyncPage(self.ops, self.sync, _(SECTIONS[key]))
            return self.sync_page
        if key == "editor":
            from handbook_desktop.ui.editor.editor_page import EditorPage

            self.editor_page = EditorPage(self.sync, _(SECTIONS[key]))
            return self.editor_page
        return ComingSoonPage(_(SECTIONS[key]),
                              _("Học tập nghị quyết: nội dung tóm tắt, câu hỏi trắc nghiệm, khảo sát."))

    def _settings_page(self) -> QWidget:
        from handbook_desktop.ui.org.cell_form import CellSettingsBox
        from handbook_desktop.ui.printing.document_settings import DocumentSettingsBox  # loads docgen
        from handbook_desktop.ui.sync.account_box import AccountBox

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 16, 24, 16)
        column.addWidget(QLabel("<h1>%s</h1>" % escape(_("Cài đặt"))))
        self.settings_form = SettingsForm(self.workspace.settings, self.data_dir, self.speech.voices,
                                          (DocumentSettingsBox(self.ops),))
        self.settings_form.saved.connect(self.apply_settings)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        content = QWidget()
        sections = QVBoxLayout(content)
        self.cell_settings = CellSettingsBox(self.ops)  # Cài đặt → Chi bộ: its own save, a write of the data
        sections.addWidget(self.cell_settings)
        self.sync_settings = AccountBox(self.sync)  # Cài đặt → Đồng bộ: the Đồng bộ page's box, same controller
        sections.addWidget(self.sync_settings)
        sections.addWidget(self.settings_form)
        scroll.setWidget(content)  # large text makes the form taller than the window
        column.addWidget(scroll, 1)
        return page

    def _build_menu(self) -> None:
        self.menuBar().clear()
        file_menu = self.menuBar().addMenu(_("&Tệp"))
        import_action = QAction(_("Nhập văn bản…"), self, shortcut=QKeySequence("Ctrl+I"))
        import_action.triggered.connect(self.importer.ask_and_import)
        file_menu.addAction(import_action)
        backup_action = QAction(_("Sao lưu…"), self)
        backup_action.triggered.connect(self.backups.ask_and_back_up)
        restore_action = QAction(_("Khôi phục…"), self)
        restore_action.triggered.connect(self.backups.ask_and_restore)
        file_menu.addActions([backup_action, restore_action])
        file_menu.addSeparator()
        settings_action = QAction(_("Cài đặt…"), self, shortcut=QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.open_settings_dialog)
        quit_action = QAction(_("Thoát"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([settings_action, quit_action])
        edit_menu = self.menuBar().addMenu(_("&Sửa"))
        trash = QAction(_("Đã xóa…"), self)
        trash.triggered.connect(self.open_trash)
        edit_menu.addActions([UndoAction(self.ops.undo, self), trash])
        go_menu = self.menuBar().addMenu(_("&Đi tới"))
        find = QAction(_("Tìm kiếm"), self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search_box.setFocus(), self.search_box.selectAll()))
        go_menu.addAction(find)
        self.go_actions = {}
        for index, (key, name) in enumerate(SECTIONS.items()):
            action = QAction(_(name), self, shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            go_menu.addAction(action)
            self.go_actions[key] = action
        help_menu = self.menuBar().addMenu(_("Trợ &giúp"))
        about = QAction(_("Giới thiệu"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self, overview: Overview) -> None:
        bar = self.statusBar()
        for old in getattr(self, "_status_widgets", ()):
            bar.removeWidget(old)
            old.deleteLater()
        self.task_progress = TaskProgress(self.tasks)
        self.connection = ConnectionStatus()
        self._status_widgets = (self.task_progress, self.connection)
        bar.addWidget(self.task_progress, 1)
        bar.addPermanentWidget(self.connection)
        self._overview = overview
        self._show_connection()

    # -- behaviour ----------------------------------------------------------------------
    def _on_changes(self, changes) -> None:
        # The home page and the status bar read these figures: a few ms, but not for every
        # minutes autosave or reading position, which neither shows.
        if changes.touches(*GLANCE_TABLES):
            self._snapshot_stale = True
        if changes.touches(*STATUS_TABLES):
            self._overview = self._read_overview()
            self._show_connection()
            self._show_cell_name(self._overview)  # the cell set up or renamed in Cài đặt → Chi bộ
        if changes.touches("sync_conflicts", "outbox"):
            self._show_conflict_count()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._snapshot_stale:
            self.keep_snapshot()
        self.sync.cancel()
        self.changes.close()
        for page in self._reading_pages():
            page.reader.listen.stop()
        self.speech.close()
        super().closeEvent(event)

    def _reading_pages(self) -> list[QWidget]:
        return [*self.library_pages.values(), *([self.search_page] if self.search_page else [])]

    def _on_section(self, row: int) -> None:
        if row >= 0:
            self.ensure_page(list(SECTIONS)[row])
            self.pages.setCurrentIndex(row)

    def ensure_page(self, key: str) -> QWidget:
        index = list(SECTIONS).index(key)
        if key not in self._built:
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, self._page(key, self._overview))
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built.add(key)
        return self.pages.widget(index)

    def search(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if self.search_page is None:
            from handbook_desktop.ui.library.search_page import SearchPage

            self.search_page = SearchPage(self.ops, self.speech)
            self.pages.addWidget(self.search_page)
        self.search_page.search(query, on_shown=self._show_search_page)

    def _show_search_page(self) -> None:
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(-1)
        self.sidebar.blockSignals(False)
        self.pages.setCurrentWidget(self.search_page)

    def show_page(self, key: str) -> None:
        self.sidebar.setCurrentRow(list(SECTIONS).index(key))

    def open_item(self, table: str, item_id: str) -> None:
        self.show_page("news" if table == library.ARTICLES else "documents")
        self.library_pages[table].open_item(item_id)

    def _after_import(self, report) -> None:
        if report.imported:  # the documents page has heard of them: each file's commit told it
            self.open_item(library.DOCUMENTS, report.imported[0].document_id)

    def _refresh_home(self) -> None:
        """A backup changes no table, only whether the home page reminds of one."""
        self._overview = self._read_overview()
        self._show_home()

    def _show_home(self) -> None:
        self.home_page.show_overview(self._overview, self._read_continue())

    def _read_overview(self) -> Overview:
        return self.ops.read_now(lambda uow: home.load_overview(uow, self.today))

    def _read_continue(self) -> list:
        return self.ops.read_now(library.continue_reading)

    def _read_snapshot(self, uow, days: int = home.DAYS_KEPT) -> home.Snapshot:
        from sync.account_facts import first_screen_facts

        return dataclasses.replace(home.take_snapshot(uow, self.today, days), status=first_screen_facts(uow))

    def _after_first_read(self, snapshot: home.Snapshot) -> None:
        """The figures read through the ORM once the window shows: kept for the next start,
        and shown if they differ from those the window painted first."""
        save_snapshot(self.workspace.data_dir, snapshot)
        self._snapshot_stale = False
        self.sync.reload()
        fresh, painted = snapshot.overviews[self.today], self._first_reading
        self._first_reading = None
        if fresh != self._overview or (painted is not None and snapshot.reading != painted):
            self._overview = fresh
            self._show_cell_name(fresh)
            self._show_connection()
            self.home_page.show_overview(fresh, snapshot.reading)  # read just now, with the figures

    def keep_snapshot(self, days: int = home.DAYS_KEPT) -> None:
        """The figures for the next start (at close, after a change; after a screenshot painted
        without them). A failure costs the next start only its head start."""
        try:
            save_snapshot(self.workspace.data_dir, self.workspace.perform(
                lambda uow: self._read_snapshot(uow, days), read_only=True))
        except Exception:  # noqa: BLE001 - damaged or restoring data: the next start reads it all
            log.warning("could not keep the home page's figures", exc_info=True)

    def _after_restore(self) -> None:
        """Every screen anew on the restored data, in its restored language and text size."""
        settings = self.workspace.settings
        set_language(settings.get(s.LANGUAGE))
        apply_look(QApplication.instance(), settings.get(s.FONT_SCALE))
        self.sync.reload()
        self._build()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if importable([Path(url.toLocalFile()) for url in event.mimeData().urls()]):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = importable([Path(url.toLocalFile()) for url in event.mimeData().urls()])
        if paths:
            event.acceptProposedAction()
            self.importer.import_paths(paths)

    def current_page(self) -> str:
        if self.search_page is not None and self.pages.currentWidget() is self.search_page:
            return "search"
        return list(SECTIONS)[self.sidebar.currentRow()]

    def apply_settings(self, change: SettingsChange) -> None:
        settings = self.workspace.settings
        language_changed = change.language != settings.get(s.LANGUAGE)
        settings.set(s.FONT_SCALE, change.font_scale)
        settings.set(s.LANGUAGE, change.language)
        settings.set(s.SYNC_INTERVAL, change.sync_interval)
        self.scheduler.rounds.setInterval(change.sync_interval * 60_000)
        settings.set(s.SPEECH_VOICE, change.voice)
        for page in self._reading_pages():
            page.reader.listen.set_voice(change.voice)
        settings.save()
        apply_look(QApplication.instance(), change.font_scale)
        if language_changed:
            set_language(change.language)
            page = self.current_page()
            self._build()
            self.show_page(page)
        if not self.data_dir.fixed and change.data_dir != self.data_dir.path:
            remember_data_dir(change.data_dir)
            QMessageBox.information(self, _("Cài đặt"), _("Thư mục dữ liệu mới sẽ được dùng từ lần mở "
                                                          "ứng dụng tiếp theo."))

    def open_settings_dialog(self) -> None:
        form = SettingsForm(self.workspace.settings, self.data_dir, self.speech.voices)
        form.saved.connect(self.apply_settings)
        SettingsDialog(form, self).exec()

    def open_trash(self) -> None:
        from handbook_desktop.ui.trash.trash_dialog import TrashDialog

        TrashDialog(self.ops, self).exec()

    def show_about(self) -> None:
        AboutDialog(self.workspace.data_dir, self).exec()

    def _show_editor_entry(self) -> None:
        if not hasattr(self, "go_actions"):  # the controller speaks before the window is built
            return
        editor = self.sync.account is not None and self.sync.account.is_editor
        self.sidebar.item(list(SECTIONS).index("editor")).setHidden(not editor)
        self.go_actions["editor"].setVisible(editor)

    def _show_conflict_count(self) -> None:
        """The Đồng bộ entry counts the conflicts waiting for a decision (only with an account:
        a demo or offline window never loads the sync client)."""
        if not hasattr(self, "sidebar"):
            return
        count = 0
        if self.sync.conflicts_at_start is not None:  # painted from the snapshot: not read yet
            count = self.sync.conflicts_at_start
        elif self.sync.account is not None:
            from sync.conflicts import conflict_count

            count = self.ops.read_now(conflict_count)
        section = SECTIONS["sync"]
        text = _(section)
        self.sidebar.item(list(SECTIONS).index("sync")).setText(f"{text} ({count})" if count else text)

    def start_background(self) -> None:
        """Once shown: the home figures read anew, the week's backup file when due, the online
        probe and background sync rounds (never on a demo workspace)."""
        data_dir = self.workspace.data_dir
        # First the figures through the ORM (it loads off the GUI thread), kept for the next start.
        self.ops.read(self._read_snapshot, title=_("Đọc số liệu trang chủ"), on_done=self._after_first_read)
        self.tasks.run(lambda _progress: backup_schedule.make_weekly(data_dir, vietnam_now()),
                       title=_("Sao lưu hằng tuần"), quiet=True)
        self.scheduler.start()

    def _show_connection(self) -> None:
        if hasattr(self, "connection"):  # the controller speaks before the status bar exists
            self.connection.show_state(self.sync, self._overview.outbox_pending)
