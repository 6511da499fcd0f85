"""Views that grow with their rows, so a page scrolls as one piece."""

from __future__ import annotations

from itertools import islice

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleTableModelChangeEvent
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QListView, QSizePolicy,
                               QTableView)

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
            return
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


class GrowingTableView(_GrowMixin, QTableView):
    """``stretch_column`` takes the spare width and wraps its words, so the
    table fits the page instead of scrolling sideways at large text sizes.

    Rows are fitted to their words only where they can be seen (the first
    ``max_rows`` and those scrolled into view), and column widths are sized
    from a sample of rows, so ten years of daily check-ins open at once
    instead of measuring thousands of rows on every layout pass. Widths are
    measured again when rows come, go or are reordered, when the headings
    or the font change, or when a changed cell no longer fits: not on every
    change of one row (as Qt's ResizeToContents does, a hundred sampled rows
    each time)."""

    #: Rows around the visible ones that column sizing looks at.
    SAMPLED_ROWS = 100
    #: The least share of the width the stretching column (the person's words) keeps.
    STRETCH_SHARE = 0.25

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
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setResizeContentsPrecision(self.SAMPLED_ROWS)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalScrollBar().valueChanged.connect(self._fit_visible_rows)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._columns_due = False
        #: The width each column wanted when last measured, before the
        #: others gave way to the stretching one: a changed cell that fits
        #: in it would not change what measuring again gives.
        self._wanted: dict[int, int] = {}
        self._columns_timer = QTimer(self, singleShot=True, interval=0)
        self._columns_timer.timeout.connect(self._fit_columns_now)
        #: The viewport's width when the columns were last fitted while shown
        #: (None: not since they were fitted hidden, or never).
        self._fitted_width: int | None = None
        #: The height its first rows want, kept until a row, a column's
        #: width, the font or the words change (layouts ask for it often).
        self._kept_height: int | None = None
        header.sectionResized.connect(self._forget_height)

    def setModel(self, model) -> None:
        super().setModel(model)
        self._kept_height = None
        self.horizontalHeader().setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        self._connect_growth()
        model.rowsMoved.connect(self._forget_height)
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset,
                       model.layoutChanged, model.headerDataChanged, model.columnsInserted,
                       model.columnsRemoved):
            signal.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self, *_args) -> None:
        """Fit the columns once the event loop turns (several reasons to
        measure come together: a new model, its font, its language), or
        sooner if the table's height is asked for first."""
        if not self._columns_due:
            self._columns_due = True
            self._columns_timer.start()

    def _fit_columns_now(self) -> None:
        """Every column but the stretching one as wide as its words (in the
        sampled rows) and its heading."""
        self._columns_timer.stop()
        self._columns_due = False
        model = self.model()
        if model is None:
            return
        self._fitted_width = self.viewport().width() if self.isVisible() else None
        header = self.horizontalHeader()
        wanted = {}
        for column in range(model.columnCount()):
            if column == self.stretch_column or header.isSectionHidden(column):
                continue
            width = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            wanted[column] = max(header.minimumSectionSize(), min(width, header.maximumSectionSize()))
        self._wanted = dict(wanted)
        # The stretching column holds the person's own words ("What I want"):
        # with large text on a small screen, the others give way so that it
        # keeps at least a quarter of the width (their words wrap instead).
        room = int(self.viewport().width() * (1 - self.STRETCH_SHARE))
        total = sum(wanted.values())
        if self.isVisible() and self.stretch_column >= 0 and room > 0 and total > room:
            scale = room / total
            wanted = {c: max(header.minimumSectionSize(), int(w * scale)) for c, w in wanted.items()}
        changed = False
        for column, width in wanted.items():
            if width != header.sectionSize(column):
                header.resizeSection(column, width)
                changed = True
        if changed and self.isVisible():
            self._fit_visible_rows()    # words wrap differently in the new widths
            self.updateGeometry()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LanguageChange, QEvent.Type.LayoutDirectionChange):
            self._kept_height = None
            self.fit_columns()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._kept_height = None
            self.fit_columns()          # the columns share out the new width
            self._fit_visible_rows()    # and words wrap to it, changed columns or not

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._fitted_width != self.viewport().width():
            self.fit_columns()  # the width it has now it didn't have while hidden

    def _forget_height(self, *_args) -> None:
        self._kept_height = None

    def _grow(self, *args) -> None:
        if args and hasattr(args[0], "row") and len(args) >= 2 and hasattr(args[1], "row"):
            self._rows_changed(args[0].row(), args[1].row())    # dataChanged
            return
        self._kept_height = None
        self._fit_visible_rows()
        super()._grow()

    def _rows_changed(self, first: int, last: int) -> None:
        """Rows ``first`` to ``last`` changed: fit those that can be seen;
        the table's height depends only on its first ``max_rows`` rows, and
        the page is laid out again only if one of those changed height."""
        if first < 0:
            return
        head = range(first, min(last, self.max_rows - 1) + 1)
        before = [self.rowHeight(row) for row in head]
        top = max(self.rowAt(0), 0)
        bottom = self.rowAt(self.viewport().height() - 1)
        if bottom < 0:
            bottom = top + self.max_rows
        for row in range(max(first, top), min(last, bottom) + 1):
            self.resizeRowToContents(row)
        for row in head:
            self.resizeRowToContents(row)
        if [self.rowHeight(row) for row in head] != before:
            self._kept_height = None
            self.updateGeometry()       # a first row grew or shrank (a tick that wraps, say)

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802 - Qt API
        """One row changed (typing, a tick): repaint its cells, without
        measuring every column again over a hundred sampled rows, unless a
        cell is wider than its column wanted when measured (a column that
        gave way to the stretching one is narrower than its words on
        purpose, and measuring again would only give the same widths)."""
        model = self.model()
        if model is None or not top_left.isValid() or top_left.row() != bottom_right.row():
            super().dataChanged(top_left, bottom_right, roles)
            self.fit_columns()      # many rows changed (a new language): measure again
            return
        if self._columns_due:
            self._fit_columns_now()
        header = self.horizontalHeader()
        row = top_left.row()
        for column in range(top_left.column(), bottom_right.column() + 1):
            if (column != self.stretch_column and not header.isSectionHidden(column)
                    and self.sizeHintForIndex(model.index(row, column)).width()
                    > self._wanted.get(column, header.sectionSize(column))):
                super().dataChanged(top_left, bottom_right, roles)
                self.fit_columns()
                return
        for column in range(top_left.column(), bottom_right.column() + 1):
            index = model.index(row, column)
            super().dataChanged(index, index, roles)

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
        if self._columns_due:
            self._fit_columns_now()     # row heights depend on column widths
        if self._kept_height is None:
            self._kept_height = self._measure_rows_height()
        return self._kept_height

    def _measure_rows_height(self) -> int:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        shown = range(min(rows, self.max_rows))
        for row in shown:
            self.resizeRowToContents(row)
        height = sum(self.rowHeight(r) for r in shown)
        if rows == 0:
            height = self.fontMetrics().height() * 2
        return height + 2 * self.frameWidth() + self.horizontalHeader().sizeHint().height() + 4

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
