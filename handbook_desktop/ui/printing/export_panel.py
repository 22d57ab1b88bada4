"""Xuất/In: a meeting's documents as PDF or DOCX, then open the file or its folder.

Rendering, and reading a document for the print preview, run on the task runner; the user
picks where the file goes. The preview and the print dialog open when the document is read.
"""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget)

from handbook_desktop.core.workspace import Workspace
from handbook_desktop.docgen.render import DocumentKind, Rendered, document_name, render_document
from handbook_desktop.i18n import _
from handbook_desktop.ui.fit import FlowLayout
from handbook_desktop.ui.dialogs import show_error
from handbook_desktop.ui.printing.print_preview import preview, print_directly, printable_html
from handbook_desktop.ui.taskrunner import TaskRunner

MEETING_KINDS = (DocumentKind.MINUTES, DocumentKind.RESOLUTION, DocumentKind.INVITATION, DocumentKind.ATTENDANCE,
                 DocumentKind.REPORT, DocumentKind.ROSTER)
FILE_STEMS = {DocumentKind.MINUTES: "bien-ban", DocumentKind.RESOLUTION: "nghi-quyet",
              DocumentKind.INVITATION: "giay-moi", DocumentKind.ATTENDANCE: "diem-danh",
              DocumentKind.REPORT: "bao-cao", DocumentKind.ROSTER: "danh-sach-dang-vien"}


class ExportPanel(QWidget):
    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.tasks = workspace, tasks
        self.meeting_id: str | None = None
        self.last: Rendered | None = None
        self.kind = QComboBox()
        for kind in MEETING_KINDS:
            self.kind.addItem(document_name(kind), kind.value)
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem(_("Word (DOCX)"), "docx")
        export = QPushButton(_("Xuất tệp…"))
        export.clicked.connect(self.ask_and_export)
        preview_button = QPushButton(_("Xem trước khi in…"))
        preview_button.clicked.connect(self.show_preview)
        print_button = QPushButton(_("In…"))
        print_button.clicked.connect(self.print_now)
        self.result = QLabel(wordWrap=True)
        self.open_file = QPushButton(_("Mở tệp (để xem, in)"), enabled=False)
        self.open_file.clicked.connect(lambda: self._open(self.last.path))
        self.open_folder = QPushButton(_("Mở thư mục chứa tệp"), enabled=False)
        self.open_folder.clicked.connect(lambda: self._open(self.last.path.parent))
        choose = FlowLayout()  # wraps at large text sizes
        for widget in (QLabel(_("Văn bản")), self.kind, QLabel(_("Định dạng")), self.format, export,
                       preview_button, print_button):
            choose.addWidget(widget)
        choose.addStretch(1)
        opened = FlowLayout()
        opened.addWidget(self.open_file)
        opened.addWidget(self.open_folder)
        opened.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.result)
        layout.addLayout(opened)
        layout.addStretch(1)

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id

    def ask_and_export(self) -> None:
        kind, fmt = DocumentKind(self.kind.currentData()), self.format.currentData()
        name, _chosen = QFileDialog.getSaveFileName(self, _("Xuất {document}").format(document=document_name(kind)),
                                                    f"{FILE_STEMS[kind]}.{fmt}", f"{fmt.upper()} (*.{fmt})")
        if name:
            path = Path(name)
            self.export_to(kind, path if path.suffix.lower() == f".{fmt}" else path.with_name(path.name + f".{fmt}"))

    def export_to(self, kind: DocumentKind, path: Path) -> None:
        meeting_id = self.meeting_id
        self.tasks.run(lambda _progress: render_document(self.workspace, kind, path, meeting_id=meeting_id),
                       title=_("Xuất văn bản"), on_done=self._done,
                       on_error=lambda exc: show_error(self, _("Xuất văn bản"), exc))

    def _done(self, rendered: Rendered) -> None:
        self.last = rendered
        text = _("Đã xuất {document}: {path}").format(document=document_name(rendered.kind), path=rendered.path)
        if rendered.pages:
            text += " " + _("({pages} trang)").format(pages=rendered.pages)
        self.result.setText(text)
        self.open_file.setEnabled(True)
        self.open_folder.setEnabled(True)

    def show_preview(self) -> None:
        self._read_printable(_("Xem trước khi in"), lambda html: preview(self, self.workspace, html).exec())

    def print_now(self) -> None:
        self._read_printable(_("In"), lambda html: print_directly(self, self.workspace, html))

    def _read_printable(self, title: str, then) -> None:
        workspace, kind, meeting_id = self.workspace, DocumentKind(self.kind.currentData()), self.meeting_id
        self.tasks.run(lambda _progress: printable_html(workspace, kind, meeting_id), title=title, on_done=then,
                       on_error=lambda exc: show_error(self, title, exc))

    def _open(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
