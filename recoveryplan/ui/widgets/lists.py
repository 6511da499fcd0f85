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

    def _rows_height(self) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        height = sum(self.sizeHintForRow(r) for r in range(min(rows, self.max_rows)))
        if rows == 0:
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
    table fits the page instead of scrolling sideways at large text sizes."""

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
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setModel(self, model) -> None:
        super().setModel(model)
        self.horizontalHeader().setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        self._connect_growth()

    def _rows_height(self) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        self.resizeRowsToContents()
        height = sum(max(self.rowHeight(r), self.sizeHintForRow(r)) for r in range(min(rows, self.max_rows)))
        if rows == 0:
            height = self.fontMetrics().height() * 2
        return height + 2 * self.frameWidth() + self.horizontalHeader().sizeHint().height() + 4

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
