"""Cài đặt → Văn bản: margins and the secretary's own DOCX templates (the place name printed
before the date belongs to the cell: Cài đặt → Chi bộ).

A template is tried on the latest meeting when it is chosen (`docgen.render.try_template`,
on the task runner: it reads the database and writes a scratch file), so a broken
placeholder is named at once, under the template's path, not on the day the minutes must be
printed. Saving refuses a template whose try failed.
"""

from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox)

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.settings import Settings
from handbook_desktop.docgen import settings as ds
from handbook_desktop.docgen.render import DocumentKind, try_template
from handbook_desktop.i18n import _
from handbook_desktop.ui.ops import Operations

MARGINS = (ds.MARGIN_TOP, ds.MARGIN_BOTTOM, ds.MARGIN_LEFT, ds.MARGIN_RIGHT)
TEMPLATES = {DocumentKind.MINUTES: ds.MINUTES_TEMPLATE, DocumentKind.RESOLUTION: ds.RESOLUTION_TEMPLATE}

TemplateVersion = tuple[Path, int | None]  # the path and its modification time: an edit in Word is tried again


class DocumentSettingsBox(QGroupBox):
    def __init__(self, ops: Operations, parent=None):
        super().__init__(_("Văn bản in"), parent)
        self.ops = ops
        settings = ops.workspace.settings
        form = QFormLayout(self)
        self.margins = {}
        for setting in MARGINS:
            spin = QSpinBox(minimum=setting.bounds[0], maximum=setting.bounds[1], value=settings.get(setting))
            self.margins[setting] = spin
            form.addRow(_(setting.label), spin)
        self.templates: dict[DocumentKind, QLineEdit] = {}
        self.verdicts: dict[DocumentKind, QLabel] = {}
        self._tried: dict[DocumentKind, tuple[TemplateVersion, BaseException | None]] = {}
        self._trying: dict[DocumentKind, TemplateVersion] = {}
        for kind, setting in TEMPLATES.items():
            edit = QLineEdit(settings.get(setting), placeholderText=_("mẫu có sẵn"))
            edit.editingFinished.connect(lambda k=kind: self.try_chosen(k))
            browse = QPushButton(_("Chọn…"))
            browse.clicked.connect(lambda _c=False, k=kind: self._browse(k))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(browse)
            self.templates[kind], self.verdicts[kind] = edit, QLabel(wordWrap=True)
            form.addRow(_(setting.label), row)
            form.addRow("", self.verdicts[kind])

    def _browse(self, kind: DocumentKind) -> None:
        edit = self.templates[kind]
        name, _chosen = QFileDialog.getOpenFileName(self, _("Chọn mẫu văn bản"), edit.text(), "Word (*.docx)")
        if name:
            edit.setText(name)
            self.try_chosen(kind)

    def _version(self, kind: DocumentKind) -> TemplateVersion | None:
        text = self.templates[kind].text().strip()
        if not text:
            return None
        path = Path(text)
        try:
            return path, path.stat().st_mtime_ns
        except OSError:
            return path, None  # try_template names the missing file

    def try_chosen(self, kind: DocumentKind) -> None:
        """Try the chosen template on the task runner, unless this version is tried or being tried."""
        version = self._version(kind)
        if version is None or self._trying.get(kind) == version or (
                kind in self._tried and self._tried[kind][0] == version):
            return
        self._trying[kind] = version
        self.verdicts[kind].setText(_("Đang thử mẫu với cuộc họp gần nhất…"))
        workspace = self.ops.workspace
        self.ops.tasks.run(lambda _progress: try_template(workspace, kind, version[0]), title=_("Thử mẫu văn bản"),
                           on_done=lambda _result: self._tried_one(kind, version, None),
                           on_error=lambda exc: self._tried_one(kind, version, exc), quiet=True)

    def _tried_one(self, kind: DocumentKind, version: TemplateVersion, error: BaseException | None) -> None:
        if self._trying.get(kind) == version:
            del self._trying[kind]
        self._tried[kind] = (version, error)
        if self._version(kind) == version:
            self.verdicts[kind].setText(_("Mẫu dùng được.") if error is None else
                                        error.message if isinstance(error, UserError) else str(error))

    def _require_good(self, kind: DocumentKind) -> None:
        version = self._version(kind)
        if version is None:
            return
        self.try_chosen(kind)  # typed and saved straight away: try it now
        tried = self._tried.get(kind)
        if tried is None or tried[0] != version:
            raise ValidationError(_("Đang thử mẫu {path} với cuộc họp gần nhất; hãy bấm lưu lại sau giây lát.")
                                  .format(path=version[0]))
        if tried[1] is not None:
            raise tried[1]

    def store(self, settings: Settings) -> None:
        """Put the values into `settings` (the form saves the file); a broken template is refused."""
        for kind in self.templates:
            self._require_good(kind)
        for setting, spin in self.margins.items():
            settings.set(setting, spin.value())
        for kind, edit in self.templates.items():
            settings.set(TEMPLATES[kind], edit.text().strip())
