"""Tables of what the chart shows, for screen readers and keyboard users.

Both models hold plain rows handed to them by the progress view; they are
filled only when the data changes, never when something is painted.
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from babel.dates import format_skeleton
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ...i18n import N_, _, babel_locale, format_number
from ..widgets.dates import shown_date
from ...plans.progress import SCORE_LABELS, SCORES, AreaProgress, ChartPoint, Grouping

Row = TypeVar("Row")


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """Read-only rows with translated headers (``HEADERS``: N_ sources)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def rows(self) -> list[Row]:
        return list(self._rows)

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return _(self.HEADERS[section])
        return None

    def cell(self, row: Row, column: int) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.cell(self._rows[index.row()], index.column())
            if role == Qt.ItemDataRole.AccessibleTextRole and index.column() > 0:
                # "Hope: 6", so a screen reader need not go back to the header
                return _("{heading}: {value}").format(
                    heading=self.headerData(index.column(), Qt.Orientation.Horizontal), value=text)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def retranslate(self) -> None:
        if self.HEADERS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))


def _mean(value: float) -> str:
    return format_number(round(value, 1))


_WHEN: dict[Grouping, Callable[[ChartPoint], str]] = {
    Grouping.NONE: lambda p: shown_date(p.at),
    Grouping.DAY: lambda p: shown_date(p.start),
    Grouping.WEEK: lambda p: _("Week of {date}").format(date=shown_date(p.start)),
    Grouping.MONTH: lambda p: format_skeleton("yMMMM", p.start, locale=babel_locale()),
    Grouping.QUARTER: lambda p: _("{start} to {end}").format(
        start=format_skeleton("yMMM", p.start, locale=babel_locale()),
        end=format_skeleton("yMMM", p.end, locale=babel_locale())),
    Grouping.YEAR: lambda p: format_skeleton("y", p.start, locale=babel_locale()),
}


class ChartTableModel(_RowsModel[ChartPoint]):
    """The chart's points: when, the three values (means when grouped) and
    how many check-ins each point stands for."""

    COL_WHEN = 0
    COL_HOPE = 1
    COL_CONTROL = 2
    COL_BEYOND = 3
    COL_COUNT = 4
    HEADERS = (N_("When"), *(SCORE_LABELS[key] for key in SCORES), N_("Check-ins"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grouping = Grouping.NONE

    def set_points(self, points: list[ChartPoint], grouping: Grouping) -> None:
        self.grouping = grouping
        self.set_rows(points)

    def cell(self, row: ChartPoint, column: int) -> str:
        if column == self.COL_WHEN:
            return _WHEN[self.grouping](row)
        if column == self.COL_COUNT:
            return format_number(row.count)
        value = row.value(SCORES[column - 1])
        return format_number(int(value)) if self.grouping is Grouping.NONE else _mean(value)


class GoalProgressModel(_RowsModel[AreaProgress]):
    """Goals, goals achieved and small steps done, per life area."""

    COL_AREA = 0
    COL_GOALS = 1
    COL_ACHIEVED = 2
    COL_STEPS = 3
    # Translators: column headings of a table of goals per life area.
    HEADERS = (N_("Life area"), N_("Goals"), N_("Goals achieved"), N_("Small steps done"))

    def cell(self, row: AreaProgress, column: int) -> str:
        if column == self.COL_AREA:
            return _(row.area.label) if row.area is not None else _("No life area chosen")
        if column == self.COL_GOALS:
            return format_number(row.goals)
        if column == self.COL_ACHIEVED:
            return format_number(row.achieved)
        return _("{done} of {total}").format(done=format_number(row.steps_done),
                                             total=format_number(row.steps))
