"""Views that grow with their rows, so a page scrolls as one piece."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QSizePolicy, QTableView, QHeaderView


class _GrowMixin:
    max_rows = 8

    def _connect_growth(self) -> None:
        model = self.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset,
                       model.dataChanged, model.layoutChanged):
            signal.connect(self._grow)

    def _grow(self, *_args) -> None:
        self.updateGeometry()

    def _row_hidden(self, row: int) -> bool:
        return False

    def _rows_height(self) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        shown = [r for r in range(rows) if not self._row_hidden(r)][:self.max_rows]
        height = sum(self.sizeHintForRow(r) for r in shown)
        if not shown:
            height = self.fontMetrics().height() * 2
        frame = 2 * self.frameWidth()
        return height + frame + 4


class GrowingListView(_GrowMixin, QListView):
    def __init__(self, parent=None, max_rows: int = 8) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setModel(self, model) -> None:
        super().setModel(model)
        self._connect_growth()

    def _row_hidden(self, row: int) -> bool:
        return self.isRowHidden(row)

    def setRowHidden(self, row: int, hide: bool) -> None:  # noqa: N802 - Qt API
        super().setRowHidden(row, hide)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self._rows_height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()
            self.updateGeometry()


class GrowingTableView(_GrowMixin, QTableView):
    """``stretch_column`` takes the spare width and wraps its words, so the
    table fits the page instead of scrolling sideways at large text sizes.

    Rows are fitted to their words only where they can be seen (the first
    ``max_rows`` and those scrolled into view), and column widths are sized
    from a sample of rows, so ten years of daily check-ins open at once
    instead of measuring thousands of rows on every layout pass."""

    #: Rows around the visible ones that column sizing looks at.
    SAMPLED_ROWS = 100

    def __init__(self, parent=None, max_rows: int = 8, stretch_column: int = 0) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.stretch_column = stretch_column
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        # Headings start where their column's words start (mirrored in a
        # right-to-left layout); if large text leaves too little room, the
        # end of a heading is hidden rather than both of its ends.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(self.SAMPLED_ROWS)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalScrollBar().valueChanged.connect(self._fit_visible_rows)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setModel(self, model) -> None:
        super().setModel(model)
        self.horizontalHeader().setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        self._connect_growth()

    def _grow(self, *_args) -> None:
        self._fit_visible_rows()
        super()._grow()

    def _fit_visible_rows(self, *_args) -> None:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        if not rows:
            return
        first = max(self.rowAt(0), 0)
        last = self.rowAt(self.viewport().height() - 1)  # -1 below the last row
        if last < 0:
            last = first + self.max_rows
        for row in range(first, min(last, rows - 1) + 1):
            self.resizeRowToContents(row)

    def _rows_height(self) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        shown = range(min(rows, self.max_rows))
        for row in shown:
            self.resizeRowToContents(row)
        height = sum(self.rowHeight(r) for r in shown)
        if rows == 0:
            height = self.fontMetrics().height() * 2
        return height + 2 * self.frameWidth() + self.horizontalHeader().sizeHint().height() + 4

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_visible_rows()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
