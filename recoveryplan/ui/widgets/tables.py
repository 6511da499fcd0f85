"""A table that grows with its rows (``GrowingTableView``), so a page scrolls
as one piece: the table form of ``lists.GrowingListView``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView

from .columns import least_widths, share_widths
from .lists import _GrowMixin


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
        #: Whether the words or headings changed since the columns were last
        #: measured (a new width alone only shares out the same widths anew).
        self._words_changed = True
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
        self._words_changed = True
        self._fit_to_width()

    def _fit_to_width(self) -> None:
        """Share out the columns' widths again, measured as they were last."""
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
        # Its font is settled first: measuring polishes it, and a font
        # that changed then would have it measure all over again.
        self.ensurePolished()
        header = self.horizontalHeader()
        measured = [c for c in range(model.columnCount())
                    if c != self.stretch_column and not header.isSectionHidden(c)]
        if self._words_changed or measured != list(self._wanted):
            self._words_changed = False
            self._wanted = {}
            for column in measured:
                width = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
                self._wanted[column] = max(header.minimumSectionSize(),
                                           min(width, header.maximumSectionSize()))
        wanted = dict(self._wanted)
        # The stretching column holds the person's own words ("What I want"):
        # with large text on a small screen, the others give way so that it
        # keeps a quarter of the width, headings and short values whole.
        if self.isVisible() and self.stretch_column >= 0:
            shared = share_widths(wanted, lambda: least_widths(self, wanted, self.SAMPLED_ROWS),
                                  self.viewport().width(), self.STRETCH_SHARE,
                                  header.sectionSizeHint(self.stretch_column))
            wanted = {c: max(header.minimumSectionSize(), w) for c, w in shared.items()}
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
            self._fit_to_width()        # the columns share out the new width
            self._fit_visible_rows()    # and words wrap to it, changed columns or not

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._fitted_width != self.viewport().width():
            self._fit_to_width()    # the width it has now it didn't have while hidden

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
