"""Cài đặt → Văn bản: margins, the place name and the secretary's own DOCX templates.

A template is tried on the latest meeting when it is chosen, so a broken placeholder is
named at once, not on the day the minutes must be printed.
"""

import tempfile
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.settings import Settings
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.docgen import settings as ds
from handbook_desktop.docgen.data import latest_meeting_id
from handbook_desktop.docgen.render import DocumentKind, render_document
from handbook_desktop.i18n import _

MARGINS = (ds.MARGIN_TOP, ds.MARGIN_BOTTOM, ds.MARGIN_LEFT, ds.MARGIN_RIGHT)
TEMPLATES = {DocumentKind.MINUTES: ds.MINUTES_TEMPLATE, DocumentKind.RESOLUTION: ds.RESOLUTION_TEMPLATE}


def try_template(workspace: Workspace, kind: DocumentKind, template: Path) -> None:
    """Fill the template with the latest meeting; raises the template's own clear error."""
    if not template.is_file():
        raise ValidationError(_("Không tìm thấy tệp mẫu {path}.").format(path=template))
    meeting_id = latest_meeting_id(workspace, datetime.now(timezone.utc))
    if meeting_id is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        render_document(workspace, kind, Path(folder) / "thu.docx", meeting_id=meeting_id, template=template)


class DocumentSettingsBox(QGroupBox):
    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(_("Văn bản in"), parent)
        self.workspace = workspace
        settings = workspace.settings
        form = QFormLayout(self)
        self.margins = {}
        for setting in MARGINS:
            spin = QSpinBox(minimum=setting.bounds[0], maximum=setting.bounds[1], value=settings.get(setting))
            self.margins[setting] = spin
            form.addRow(_(setting.label), spin)
        self.place = QLineEdit(settings.get(ds.PLACE_NAME), placeholderText=_("theo tên đảng bộ cấp trên"))
        form.addRow(_(ds.PLACE_NAME.label), self.place)
        self.templates = {}
        for kind, setting in TEMPLATES.items():
            edit = QLineEdit(settings.get(setting), placeholderText=_("mẫu có sẵn"))
            browse = QPushButton(_("Chọn…"))
            browse.clicked.connect(lambda _c=False, e=edit: self._browse(e))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(browse)
            self.templates[kind] = edit
            form.addRow(_(setting.label), row)

    def _browse(self, edit: QLineEdit) -> None:
        name, _chosen = QFileDialog.getOpenFileName(self, _("Chọn mẫu văn bản"), edit.text(), "Word (*.docx)")
        if name:
            edit.setText(name)

    def store(self, settings: Settings) -> None:
        """Put the values into `settings` (the form saves the file); a broken template is refused."""
        for kind, edit in self.templates.items():
            if edit.text().strip():
                try_template(self.workspace, kind, Path(edit.text().strip()))
        for setting, spin in self.margins.items():
            settings.set(setting, spin.value())
        settings.set(ds.PLACE_NAME, " ".join(self.place.text().split()))
        for kind, edit in self.templates.items():
            settings.set(TEMPLATES[kind], edit.text().strip())
