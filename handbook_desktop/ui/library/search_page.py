"""Search results for the box in the banner: documents and articles together, with
highlighted snippets; the reader opens a result beside the list.

The search runs through `ops.read`; when documents or articles change (an import, a
sync), the last query runs again so the results never point at what is gone.
"""

from collections.abc import Callable

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from handbook_desktop.core import library
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import _
from handbook_desktop.ui.fit import AdaptiveSplitter
from handbook_desktop.tts.service import SpeechService
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.library.reader_view import ReaderView
from handbook_desktop.ui.ops import Operations

KIND_NAMES = {"document": "Văn bản", "article": "Tin bài"}
SEARCH_LIMIT = 50


def hit_html(hit: library.SearchHit) -> str:
    """The snippet comes from core.search already escaped, with matches in <b>."""
    facts = " · ".join(f for f in (hit.number, format_date(hit.date), _(KIND_NAMES[hit.kind])) if f)
    return (f"<b>{escape(hit.title)}</b><br><span style='color:#666'>{escape(facts)}</span>"
            f"<br>{hit.snippet}")


class SearchPage(QWidget):
    def __init__(self, ops: Operations, speech: SpeechService, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.query = ""
        self.hits: list[library.SearchHit] = []
        self.heading = QLabel()
        self.results = QListWidget(wordWrap=True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.viewport().installEventFilter(self)
        self.results.currentRowChanged.connect(self._open)
        self.reader = ReaderView(ops, speech)
        split = AdaptiveSplitter()  # one pane above the other when both do not fit
        split.addWidget(self.results)
        split.addWidget(self.reader)
        split.setSizes([460, 780])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        keep_fresh(self, ops.changes, {"documents", "articles"}, self._search_again)

    def search(self, query: str, on_shown: Callable[[], None] | None = None) -> None:
        def show(hits: list[library.SearchHit]) -> None:
            self.show_hits(query, hits)
            if on_shown:
                on_shown()

        self.ops.read(lambda uow: library.search(uow, query, limit=SEARCH_LIMIT), title=_("Tìm kiếm"),
                      on_done=show, quiet=False)

    def _search_again(self) -> None:
        if self.query:
            self.search(self.query)

    def show_hits(self, query: str, hits: list[library.SearchHit]) -> None:
        self.query = query
        self.hits = hits
        self.heading.setText("<h1>%s</h1>" % escape(
            _("Kết quả tìm “{query}”: {n}").format(query=query, n=len(hits))))
        self.results.blockSignals(True)
        self.results.clear()
        for hit in hits:
            entry = QListWidgetItem()
            label = QLabel(hit_html(hit), wordWrap=True, textFormat=Qt.TextFormat.RichText)
            label.setContentsMargins(6, 6, 6, 6)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.results.addItem(entry)
            self.results.setItemWidget(entry, label)
        self.results.blockSignals(False)
        self._fit_rows()
        if not hits:
            self.reader.show_empty()
            self.reader.hint.setText(_("Không tìm thấy. Hãy thử ít từ hơn hoặc gõ số hiệu, ví dụ 57-NQ/TW."))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.results.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return False

    def _fit_rows(self) -> None:
        """Word-wrapped labels need their height for the list's current width."""
        width = self.results.viewport().width() - 2
        for row in range(self.results.count()):
            entry = self.results.item(row)
            label = self.results.itemWidget(entry)
            entry.setSizeHint(QSize(width, label.heightForWidth(width)))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.reader.open(f"{hit.kind}s", hit.id)
