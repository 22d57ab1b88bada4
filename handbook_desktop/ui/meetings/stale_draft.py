"""The choice when this laptop's unsaved draft of the minutes is older than a change the
other laptop of the cell made and sync brought: both side by side, the secretary picks one."""

from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPlainTextEdit, QWidget

from handbook_desktop.core import meetings
from handbook_desktop.core.text import format_datetime
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons


def as_text(content: meetings.MinutesContent) -> str:
    """The parts of the minutes a person compares: conclusions, opinions, votes."""
    lines = [content.conclusions.strip() or _("(chưa có kết luận)"), ""]
    lines += [f"– {speech.text.strip()}" for speech in content.speeches]
    lines += [_("Biểu quyết “{matter}”: {agree} tán thành, {disagree} không tán thành, {abstain} không biểu quyết.")
              .format(matter=vote.matter, agree=vote.agree, disagree=vote.disagree, abstain=vote.abstain)
              for vote in content.votes]
    return "\n".join(lines)


class StaleDraftDialog(QDialog):
    """Accepted: keep the draft (it becomes the editor's content); rejected: use the saved minutes."""

    def __init__(self, minutes: meetings.Minutes, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Biên bản đã được sửa trên máy khác"))
        note = QLabel(_("Biên bản cuộc họp “{title}” đã được sửa trên máy khác của chi bộ sau bản nháp chưa lưu trên "
                        "máy này (tự lưu lúc {when}). Hãy chọn giữ bản nào; bản không chọn sẽ bị bỏ.").format(
            title=minutes.meeting.title, when=format_datetime(minutes.draft_saved_at)), wordWrap=True)
        layout = QGridLayout(self)
        layout.addWidget(note, 0, 0, 1, 2)
        for column, (title, content) in enumerate(((_("Bản nháp trên máy này"), minutes.stale_draft),
                                                    (_("Bản đã lưu (sửa trên máy khác)"), minutes.content))):
            layout.addWidget(QLabel(f"<b>{title}</b>"), 1, column)
            layout.addWidget(QPlainTextEdit(as_text(content), readOnly=True), 2, column)
        buttons = accept_buttons(self, _("Giữ bản nháp của tôi"), self.accept)
        buttons.buttons()[-1].setText(_("Dùng bản đã lưu"))
        layout.addWidget(buttons, 3, 0, 1, 2)
