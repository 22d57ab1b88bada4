"""Helpers that keep screens inside a 1366×768 laptop screen at every text size.

Qt sizes many widgets to their longest content: a combo box to its longest entry, a label to
its longest line. One long agenda title then made a whole tab 2,000 px wide. These give such
widgets a width that does not depend on the data, and show the full text in a tooltip.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHeaderView, QLabel, QLayout, QLayoutItem, QListWidget,
                               QScrollArea, QFrame, QSplitter, QStyle, QTableView, QWidget)

COMBO_CHARS = 16  # about the width of a name or a short title; longer entries are elided


def compact_combo(combo: QComboBox, chars: int = COMBO_CHARS) -> QComboBox:
    """As wide as `chars` characters, whatever its entries; the chosen entry in full as a tooltip."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo


SIDEBAR_MAX_WIDTH = 250  # px: at 100 % and 125 % every entry fits on one line in less


class FitSidebar(QObject):
    """A navigation list as wide as its longest entry up to SIDEBAR_MAX_WIDTH (a 374-px sidebar
    took a third of the screen at 200 %). Beyond, longer entries wrap onto two lines and every
    entry sits closer, so the list still fits the window's height. Refitted when the text size
    changes."""

    def __init__(self, sidebar: QListWidget):
        super().__init__(sidebar)
        self.sidebar = sidebar
        sidebar.setWordWrap(True)
        sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sidebar.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FontChange:
            self.fit()
        return False

    def fit(self) -> None:
        sidebar = self.sidebar
        sidebar.setStyleSheet("")  # measured with the usual padding
        items = [sidebar.item(row) for row in range(sidebar.count())]
        for item in items:
            item.setSizeHint(QSize())
        wanted = sidebar.sizeHintForColumn(0) + 32
        if wanted <= SIDEBAR_MAX_WIDTH:
            sidebar.setFixedWidth(wanted)
            return
        metrics = sidebar.fontMetrics()
        across, down = metrics.horizontalAdvance("M") // 2, metrics.lineSpacing() // 4
        sidebar.setStyleSheet(f"#sidebar::item {{ padding: {down}px {across}px; }}")
        sidebar.setFixedWidth(SIDEBAR_MAX_WIDTH)
        # Each entry's height measured here: the list's own guess for wrapped text fell a few
        # pixels short of how it paints, and elided "Sinh hoạt chi bộ" instead of wrapping it.
        text_width = SIDEBAR_MAX_WIDTH - 2 * across - 12  # the item's text margins, a little spare
        for item in items:
            text = metrics.boundingRect(QRect(0, 0, text_width, 0), Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(SIDEBAR_MAX_WIDTH, text.height() + 2 * down + 4))


def fit_sidebar(sidebar: QListWidget) -> FitSidebar:
    """Call once the entries are added: see FitSidebar."""
    return FitSidebar(sidebar)


class FitColumns(QObject):
    """Keeps a table's columns inside its width, so it never scrolls sideways while it can help it.

    Each column gets what its header and visible cells need, the stretch column (the title, the
    name) the rest. When that is too wide, long headers wrap onto a second line, then the widest
    columns give way, widest first, down to the width of a date (dates and numbers stay whole):
    their text is elided, and the tooltip (RowsModel's default) shows it whole. Columns are
    refitted when the table is resized or its rows change; a user's own column widths last
    until then.
    """

    def __init__(self, table: QTableView, stretch_column: int, min_stretch_chars: int, whole_stretch: bool = False,
                 optional: Sequence[int] = ()):
        super().__init__(table)
        self.table, self.stretch_column, self.min_stretch_chars = table, stretch_column, min_stretch_chars
        self.whole_stretch, self.optional = whole_stretch, tuple(optional)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # else Qt elides before it wraps
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self.fit)
        # Measuring asks the model for up to a thousand rows (≈ 0.3 s at 5,000 members), and a
        # page being laid out resizes the table many times: measure again only when what is
        # measured changes (the rows, the font, or which rows the viewport shows).
        self._measured: tuple | None = None
        self._measured_for: tuple | None = None
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                       model.dataChanged, model.headerDataChanged):
            signal.connect(self._refit)
        self._timer.start()

    def _refit(self) -> None:
        self._measured = None
        self._timer.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit()  # at once: a picture taken right after a resize shows the fitted columns
        elif event.type() == QEvent.Type.FontChange:
            self._refit()
        elif event.type() == QEvent.Type.Show:
            self._timer.start()
        return False

    def _measure(self) -> tuple:
        shown = (self.table.viewport().height(), self.table.verticalScrollBar().value())
        if self._measured is None or self._measured_for != shown:
            self._measured, self._measured_for = self._measure_now(), shown
        return self._measured

    def _measure_now(self) -> tuple:
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        metrics = header.fontMetrics()
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 6
        titles = [str(table.model().headerData(i, Qt.Orientation.Horizontal) or "") for i in range(count)]
        cells = [max(table.sizeHintForColumn(i), 0) for i in range(count)]
        one_line = [max(cell, max(map(metrics.horizontalAdvance, title.split("\n"))) + margin)
                    for cell, title in zip(cells, titles)]
        two_lines = [max(cell, _two_line_width(metrics, title) + margin) for cell, title in zip(cells, titles)]
        bold = QFont(table.font())
        bold.setBold(True)  # unread rows are bold: their dates must stay whole too
        floor = max(metrics, QFontMetrics(bold), key=lambda m: m.horizontalAdvance("00/00/0000")
                    ).horizontalAdvance("00/00/0000") + margin
        least_stretch = min(one_line[self.stretch_column], metrics.horizontalAdvance("x") * self.min_stretch_chars + margin)
        if self.whole_stretch:
            least_stretch = one_line[self.stretch_column]
        return metrics, margin, titles, one_line, two_lines, floor, least_stretch

    def least_width(self) -> int:
        """The narrowest the table can be with the stretch column whole (when asked) and the
        optional columns hidden: beside another pane, it needs at least this."""
        if not self.table.horizontalHeader().count():
            return 0
        _metrics, _margin, _titles, _one, two_lines, floor, least_stretch = self._measure()
        kept = [i for i in range(len(two_lines)) if i != self.stretch_column and i not in self.optional]
        return (least_stretch + sum(min(two_lines[i], floor) for i in kept) + 2 * self.table.frameWidth()
                + self.table.verticalScrollBar().sizeHint().width())

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        if not count:
            return
        metrics, margin, titles, one_line, two_lines, floor, stretch_min = self._measure()
        available = table.viewport().width()
        # The optional columns give way, in their order, while the rest cannot fit even cut
        # down to a date's width: the stretch column (a name) stays whole.
        hidden = set()
        for column in (None, *self.optional):
            if column is not None:
                hidden.add(column)
            kept = [i for i in range(count) if i != self.stretch_column and i not in hidden]
            if sum(min(two_lines[i], floor) for i in kept) + stretch_min <= available:
                break
        for column in self.optional:
            header.setSectionHidden(column, column in hidden)
        others = [i for i in range(count) if i != self.stretch_column and not header.isSectionHidden(i)]
        widths = one_line
        if sum(widths[i] for i in others) + stretch_min > available:
            widths = two_lines
        room = available - stretch_min
        cap = _cap([widths[i] for i in others], room, floor)
        lines = 1
        for i in others:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            width = max(min(widths[i], cap), min(widths[i], floor))
            header.resizeSection(i, width)
            lines = max(lines, _lines(metrics, titles[i], width - margin))
        header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        # The header's own size hint counts one line; wrapped titles need the room of theirs.
        header.setMinimumHeight(metrics.lineSpacing() * lines + metrics.descent() + margin if lines > 1 else 0)


def fit_columns(table: QTableView, stretch_column: int, min_stretch_chars: int = 16, whole_stretch: bool = False,
                optional: Sequence[int] = ()) -> FitColumns:
    """Call once the model is set: see FitColumns. `whole_stretch`: the stretch column is never
    cut (a member's name); `optional`: columns hidden, in this order, when the rest do not fit."""
    return FitColumns(table, stretch_column, min_stretch_chars, whole_stretch, optional)


def _two_line_width(metrics: QFontMetrics, title: str) -> int:
    """The width of `title` broken at its best space into two lines (as given if it has a newline)."""
    if "\n" in title:
        return max(metrics.horizontalAdvance(line) for line in title.split("\n"))
    words = title.split()
    return min((max(metrics.horizontalAdvance(" ".join(words[:n])), metrics.horizontalAdvance(" ".join(words[n:])))
                for n in range(1, len(words))), default=metrics.horizontalAdvance(title))


def _lines(metrics: QFontMetrics, title: str, width: int) -> int:
    """How many lines `title` takes when wrapped at spaces into `width` pixels."""
    lines = 0
    for given in title.split("\n"):
        lines += 1
        line = ""
        for word in given.split():
            if line and metrics.horizontalAdvance(f"{line} {word}") > width:
                lines, line = lines + 1, word
            else:
                line = f"{line} {word}".strip()
    return lines


def _cap(widths: list[int], room: int, floor: int) -> int:
    """The largest width limit under which `widths` sum to at most `room`; a column is never cut
    below `floor` (a date, a number: short columns stay whole, long text gives way)."""
    def total(limit: int) -> int:
        return sum(max(min(width, limit), min(width, floor)) for width in widths)

    low, high = 0, max(widths, default=0)
    while low < high:  # binary search for the largest limit that fits
        middle = (low + high + 1) // 2
        low, high = (middle, high) if total(middle) <= room else (low, middle - 1)
    return low


class AdaptiveSplitter(QSplitter):
    """Two panes side by side while both fit, one above the other when they do not (large text
    on a small screen). A plain horizontal QSplitter asks for the sum of its panes' minimum
    widths, which pushed the window past the screen's right edge; this one asks only for the
    widest pane's."""

    def __init__(self, parent: QWidget | None = None, first_needs: Callable[[], int] | None = None):
        """`first_needs`: how wide the first pane must be to sit beside the other (e.g. a
        table's columns with its names whole), when more than its minimum width."""
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.first_needs = first_needs

    def _panes(self) -> list[QSize]:
        return [self.widget(i).minimumSizeHint().expandedTo(self.widget(i).minimumSize())
                for i in range(self.count()) if not self.widget(i).isHidden()]

    def _side_by_side_width(self) -> int:
        panes = self._panes()
        if panes and self.first_needs:
            panes[0] = panes[0].expandedTo(QSize(self.first_needs(), 0))
        return sum(size.width() for size in panes) + self.handleWidth() * max(len(panes) - 1, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        panes = self._panes() or [QSize(0, 0)]
        width = max(size.width() for size in panes)
        if self.orientation() == Qt.Orientation.Horizontal:
            return QSize(width, max(size.height() for size in panes))
        return QSize(width, sum(size.height() for size in panes) + self.handleWidth() * (len(panes) - 1))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        wanted = (Qt.Orientation.Horizontal if event.size().width() >= self._side_by_side_width()
                  else Qt.Orientation.Vertical)
        if wanted != self.orientation():
            self.setOrientation(wanted)
            self.setSizes([1] * self.count())  # the side-by-side proportions mean nothing stacked: halve
            self.updateGeometry()  # stacked, the panes' heights add up: a scrolled page grows
        super().resizeEvent(event)
        if wanted == Qt.Orientation.Horizontal and self.first_needs and self.count() == 2:
            first, second = self.sizes()
            if first < self.first_needs() <= first + second - self._panes()[-1].width():
                self.setSizes([self.first_needs(), first + second - self.first_needs()])


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line when the row is full: a row of buttons
    that fits one line at 100 % takes two at 200 % instead of widening the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 - as QBoxLayout, so callers need not care
        """Ignored: the buttons simply follow each other."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - one line when there is room
        shown = self._shown()
        return QSize(sum(item.sizeHint().width() for item in shown) + self._gap() * max(len(shown) - 1, 0),
                     max((item.sizeHint().height() for item in shown), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802 - the widest widget: the rest wraps
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size

    def _gap(self) -> int:
        return self.spacing() if self.spacing() >= 0 else 6

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if item.widget() is not None and not item.widget().isHidden()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line_height, gap = rect.x(), rect.y(), 0, self._gap()
        for item in self._shown():
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line_height = rect.x(), y + line_height + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class TitleRow(QWidget):
    """A heading between buttons: on one line while the heading fits there whole, else the
    buttons on a line and the heading on its own full-width line below. Squeezed between the
    buttons at large text, a meeting's title wrapped into a six-line column."""

    def __init__(self, title: QLabel, before: list[QWidget], after: list[QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.before, self.after = title, before, after
        title.setWordWrap(True)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(len(before), 1)  # the heading's column, empty beside the buttons when wrapped
        self.wide: bool | None = None
        self._arrange(True)

    def set_title(self, html: str) -> None:
        self.title.setText(html)
        self._arrange(self.width() >= self._one_line_width())

    def _one_line_width(self) -> int:
        document = QTextDocument()
        document.setDefaultFont(self.title.font())
        document.setHtml(self.title.text())
        title = int(document.idealWidth()) + 1
        buttons = [widget.sizeHint().width() for widget in self.before + self.after if not widget.isHidden()]
        return title + sum(buttons) + self._grid.horizontalSpacing() * len(buttons)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._arrange(event.size().width() >= self._one_line_width())
        super().resizeEvent(event)

    def _arrange(self, wide: bool) -> None:
        if wide == self.wide:
            return
        self.wide = wide
        for widget in (*self.before, self.title, *self.after):
            self._grid.removeWidget(widget)
        for column, widget in enumerate(self.before):
            self._grid.addWidget(widget, 0, column)
        middle = len(self.before)
        for column, widget in enumerate(self.after, start=middle + 1):
            self._grid.addWidget(widget, 0, column)
        if wide:
            self._grid.addWidget(self.title, 0, middle, Qt.AlignmentFlag.AlignVCenter)
        else:
            self._grid.addWidget(self.title, 1, 0, 1, middle + 1 + len(self.after))


def fit_rows(table: QTableView, rows: int, fixed: bool = False) -> None:
    """At least `rows` rows visible (exactly, when `fixed`: on a scrolled page), measured in
    the current font so large-text mode grows it."""
    height = (table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
              + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())
    table.setMinimumHeight(height)
    if fixed:
        table.setMaximumHeight(height)


def vertical_scroll(body: QWidget) -> QScrollArea:
    """Scrolls `body` down when large text makes it taller than the window, never sideways:
    the area is at least as wide as the body needs, so nothing is cut at the right edge."""
    scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    scroll.setMinimumWidth(body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
    return scroll
