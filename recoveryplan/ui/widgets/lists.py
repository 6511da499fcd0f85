"""Views that grow with their rows, so a page scrolls as one piece (the list;
the table is ``tables.GrowingTableView``)."""

from __future__ import annotations

from itertools import islice

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleTableModelChangeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QSizePolicy

from .relayout import laid_out_height, lay_out_rows_now, settle_soon


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

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        """A press on a row's check box ticks it (the delegate takes the
        press, so Qt leaves the current row where it was): make it current."""
        super().mousePressEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index.isValid() and index != self.currentIndex():
            self.setCurrentIndex(index)

    def _shown_rows(self) -> list[int]:
        """The first ``max_rows`` rows not hidden: those the height is made of."""
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        return list(islice((r for r in range(rows) if not self._row_hidden(r)), self.max_rows))

    def _rows_height(self) -> int:
        return self._height_of({r: self.sizeHintForRow(r) for r in self._shown_rows()})

    def _height_of(self, heights: dict[int, int]) -> int:
        """The view's height for its first rows of ``heights`` (row: height)."""
        height = sum(heights.values()) if heights else self.fontMetrics().height() * 2
        frame = 2 * self.frameWidth()
        return height + frame + 4


class GrowingListView(_GrowMixin, QListView):
    #: Rows measured per turn of the event loop when laying out.
    LAYOUT_BATCH = 24

    def __init__(self, parent=None, max_rows: int = 8) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Rows differ in height, so laying out means measuring each one: a
        # long list lays out its first rows at once and the rest a batch per
        # turn of the event loop, so a page of hundreds of entries comes up
        # without waiting for its last row.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(self.LAYOUT_BATCH)
        #: The height its first rows want, kept until a row, the width, the
        #: font or the words change (layouts ask for it many times over).
        self._kept_height: int | None = None
        #: The height of each of those first rows (row: height).
        self._kept_rows: dict[int, int] = {}
        #: Its height was guessed, before it had any width of its own.
        self._guessed = False
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setModel(self, model) -> None:
        super().setModel(model)
        self._connect_growth()
        model.rowsMoved.connect(self._grow)     # other rows may come first now
        self._kept_height = None
        self._choose_scroll_bar()

    def _row_hidden(self, row: int) -> bool:
        return self.isRowHidden(row)

    def _grow(self, *args) -> None:
        if len(args) >= 2 and isinstance(args[0], QModelIndex) and isinstance(args[1], QModelIndex):
            self._rows_changed(args[0].row(), args[1].row())    # dataChanged
            return
        self._kept_height = None
        self._choose_scroll_bar()
        super()._grow()

    def _rows_changed(self, first: int, last: int) -> None:
        """Rows ``first`` to ``last`` changed (a tick, a word, "just for me"):
        the list's height changes only if one of its first rows changed
        height, and the page is laid out again only then."""
        if self._kept_height is None:
            self.updateGeometry()
            return
        kept = self._kept_rows
        if any(self.sizeHintForRow(row) != kept[row] for row in kept if first <= row <= last):
            self._kept_height = None
            self.updateGeometry()
            settle_soon(self)       # the page around it too, before it is painted

    def setRowHidden(self, row: int, hide: bool) -> None:  # noqa: N802 - Qt API
        super().setRowHidden(row, hide)
        self._kept_height = None
        self._choose_scroll_bar()
        self.updateGeometry()

    def _choose_scroll_bar(self) -> None:
        """The list is as tall as its first ``max_rows`` rows, so it scrolls
        exactly when it has more: say so at once. (Left to Qt, the scroll bar
        came only once every row had been measured, and narrowed the rows,
        so that each was measured again at the new width.)"""
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        shown = 0
        for row in range(rows):
            if not self.isRowHidden(row):
                shown += 1
                if shown > self.max_rows:
                    break
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOn if shown > self.max_rows
                  else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)

    def setItemDelegate(self, delegate) -> None:  # noqa: N802 - Qt API
        super().setItemDelegate(delegate)
        self._kept_height = None

    def _rows_height(self) -> int:
        if not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            # Never given a size (a page laid out the first time asks before
            # it gives one): rows measured now would wrap at Qt's default
            # hundred pixels, only to be measured again at the real width.
            self._guessed = True
            return self._height_of({})
        if self._kept_height is None:
            self._kept_rows = {r: self.sizeHintForRow(r) for r in self._shown_rows()}
            self._kept_height = self._height_of(self._kept_rows)
        return self._kept_height

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self._rows_height())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LanguageChange, QEvent.Type.LayoutDirectionChange):
            self._kept_height = None
            self.updateGeometry()

    def resizeEvent(self, event) -> None:
        if event.oldSize().width() == event.size().width():
            # Rows one under another keep their heights when only the list's
            # height changes; QListView would lay them all out again anyway.
            QAbstractItemView.resizeEvent(self, event)
            if self._guessed:       # the first size: now its rows are measured
                self._guessed = False
                self.updateGeometry()
            return
        self._guessed = False
        super().resizeEvent(event)      # QListView: all rows again, in a tenth of a second
        self._kept_height = None
        if self.isVisible():
            self.executeDelayedItemsLayout()    # now, at this width (the first rows; the rest batched)
        else:
            self.scheduleDelayedItemsLayout()
        self.updateGeometry()

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802 - Qt API
        """One row changed and is as tall as before (a tick, a word that
        did not wrap): repaint it and tell screen readers. Otherwise lay
        the rows out again, so those below a row that grew or shrank move
        (QListView itself only repaints, and the next row covered the new
        "Just for me" line, or left a gap where it was)."""
        model = self.model()
        if (model is not None and top_left.isValid() and top_left.row() == bottom_right.row()
                and self.isVisible() and self.state() != QAbstractItemView.State.EditingState):
            index = model.index(top_left.row(), self.modelColumn())
            if laid_out_height(self, index) == self.sizeHintForIndex(index).height():
                self.update(index)
                if QAccessible.isActive():
                    event = QAccessibleTableModelChangeEvent(
                        self, QAccessibleTableModelChangeEvent.ModelChangeType.DataChanged)
                    event.setFirstRow(top_left.row())
                    event.setLastRow(bottom_right.row())
                    event.setFirstColumn(top_left.column())
                    event.setLastColumn(bottom_right.column())
                    QAccessible.updateAccessibility(event)
                return
        super().dataChanged(top_left, bottom_right, roles)
        lay_out_rows_now(self)
