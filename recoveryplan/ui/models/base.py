"""A table model over a list of plan records, kept in step with the plan.

Subclasses describe their columns (``COLUMNS``, with ``COL_*`` constants
as indexes), where their records come from (``all_records``), what kind of
record they hold (``KIND``, ``accepts``) and which fields decide the rows'
order (``ORDER_FIELDS``). The model listens to ``PlanContext.record_changed``
and turns each change into the smallest model signal: typing in a record
updates the one row that shows it, without looking at any other record; a
change to a record this model cannot hold is ignored; an add, remove or
move becomes one insert, remove or move (falling back to a reset), so views
keep their selection and screen readers their place.
While planning together, "just for me" records are left out
(``PlanContext.visible``) and ``hidden_count`` says how many.

Direction: ``Column.display`` gives the text as shown, with the person's
words wrapped in directional isolates (``i18n.isolate``, ``i18n.ltr`` for
phone numbers and e-mail), so English reads right in an Arabic table and
Arabic in an English one. ``EditRole`` is always the stored text, and
screen readers and type-to-find get the words without the isolates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...i18n import _, strip_isolates
from ...plans.model import Record
from ...plans.validation import clean_text
from ..context import PlanContext
from ...plans.labels import attribution
from ..widgets.icons import lock_icon
from ..widgets.roles import (  # noqa: F401 - the roles are the models' API
    AttributionRole, DetailRole, IdRole, PlainTextRole, PrivateRole, RecordRole, TogetherRole,
    WholeRole)


#: The roles ``RecordTableModel.data`` answers.
_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole)) | {
    int(RecordRole), int(PrivateRole), int(TogetherRole), int(IdRole), int(AttributionRole),
    int(PlainTextRole)}


@dataclass(frozen=True)
class Column:
    header: str                                  # N_ source
    display: Callable[[Record], str]             # as shown: the person's words isolated
    edit_field: str | None = None                # text field edited in place
    check: Callable[[Record], bool] | None = None
    set_check: Callable[[Record, bool], dict[str, Any]] | None = None  # -> changes
    whole: bool = False                          # short values never broken across lines


class RecordTableModel(QAbstractTableModel):
    COLUMNS: tuple[Column, ...] = ()
    #: The kind of record this model's rows are (None: any).
    KIND: type[Record] | None = None
    #: Fields whose change can move a record to another row, or out of the model.
    ORDER_FIELDS: frozenset[str] = frozenset()

    def __init__(self, ctx: PlanContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[Record] = self._source()
        self._row_index: dict[int, int] | None = None
        self._lock_icon = lock_icon()
        ctx.record_changed.connect(self._on_change)
        ctx.together_changed.connect(lambda _name: self.sync())

    # -- where records come from --------------------------------------------------
    def all_records(self) -> list[Record]:
        """Every record this model is about, "just for me" ones included."""
        raise NotImplementedError

    def order(self, records: list[Record]) -> list[Record]:
        """Order of rows; the plan's order unless a subclass says otherwise."""
        return records

    def _source(self) -> list[Record]:
        return self.order(self.ctx.visible(self.all_records()))

    def hidden_count(self) -> int:
        return self.ctx.hidden_count(self.all_records())

    def accepts(self, record: Any, parent: Record | None) -> bool:
        """Whether ``record`` (a child of ``parent``, if given) can be one of
        this model's records; cheap, without looking at the others."""
        return self.KIND is None or (isinstance(record, self.KIND) and parent is None)

    # -- lookups -----------------------------------------------------------------
    def record(self, row: int | QModelIndex) -> Record | None:
        if isinstance(row, (QModelIndex, QPersistentModelIndex)):
            row = row.row() if row.isValid() else -1
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[Record]:
        return list(self._rows)

    def _set_rows(self, rows: list[Record]) -> None:
        self._rows = rows
        self._row_index = None

    def row_of(self, record: Record | None) -> int:
        if self._row_index is None:
            self._row_index = {id(r): i for i, r in enumerate(self._rows)}
        row = self._row_index.get(id(record), -1)
        return row if row >= 0 and self._rows[row] is record else -1

    def index_of(self, record: Record | None, column: int = 0) -> QModelIndex:
        row = self.row_of(record)
        return self.index(row, column) if row >= 0 else QModelIndex()

    # -- Qt model API --------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return _(self.COLUMNS[section].header)
        if orientation == Qt.Orientation.Horizontal and role == WholeRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section].whole
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES:      # fonts, colours, sizes: views ask for them all the time
            return None
        record = self.record(index)
        if record is None or not 0 <= index.column() < len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == Qt.ItemDataRole.EditRole:
            if column.edit_field:
                return getattr(record, column.edit_field)
            return strip_isolates(column.display(record))
        if role == PlainTextRole:
            return strip_isolates(column.display(record))
        if role == Qt.ItemDataRole.CheckStateRole and column.check is not None:
            return Qt.CheckState.Checked if column.check(record) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and record.private:
            return self._lock_icon
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and record.private:
            return _("Just for me")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_text(record, column)
        if role == RecordRole:
            return record
        if role == PrivateRole:
            return record.private
        if role == TogetherRole:
            return record.together_with
        if role == AttributionRole:
            return attribution(record)
        if role == IdRole:
            return record.id
        return None

    def accessible_text(self, record: Record, column: Column) -> str:
        """What a screen reader says for a cell: the text, then its marks."""
        parts = [strip_isolates(column.display(record)) or _("(empty)")]
        if column.check is not None:
            parts.append(_("ticked") if column.check(record) else _("not ticked"))
        if column is self.COLUMNS[0]:
            if record.private:
                parts.append(_("Just for me"))
            if record.together_with:
                parts.append(strip_isolates(attribution(record)))
        return ". ".join(parts)

    def match(self, start: QModelIndex, role: int, value: Any, hits: int = 1,
              flags: Qt.MatchFlag = Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchWrap) -> list[QModelIndex]:
        """Type-to-find in a view looks for the words, not the isolates around them."""
        if role == Qt.ItemDataRole.DisplayRole:
            role = PlainTextRole
        return super().match(start, role, value, hits, flags)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        column = self.COLUMNS[index.column()]
        if column.edit_field:
            flags |= Qt.ItemFlag.ItemIsEditable
        if column.check is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.record(index)
        if record is None:
            return False
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.EditRole and column.edit_field:
            self.ctx.end_typing_burst()
            return self.ctx.update(record, **{column.edit_field: clean_text(str(value))})
        if role == Qt.ItemDataRole.CheckStateRole and column.set_check is not None:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            return self.ctx.update(record, **column.set_check(record, checked))
        return False

    # -- keeping in step -------------------------------------------------------------
    def _on_change(self, change: Any) -> None:
        """One ``PlanChange``: update the one row it concerns, if any."""
        kind = change.kind
        if kind == "info":
            return
        if kind == "reset":
            self.beginResetModel()
            self._set_rows(self._source())
            self.endResetModel()
            return
        record = change.subject
        row = self.row_of(record)
        if row < 0 and not self.accepts(record, change.parent):
            self.related_change(change)
            return
        if kind == "update" and row >= 0 and not self._reorders(change):
            for touched in self.touched_rows(record):
                self._row_changed(touched)
            return
        if kind == "remove" and row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            self._set_rows(self._rows[:row] + self._rows[row + 1:])
            self.endRemoveRows()
            return
        self.sync(record)

    def _reorders(self, change: Any) -> bool:
        """Whether an update can move its record to another row or out of view."""
        names = set(change.fields)
        return (not self.ORDER_FIELDS.isdisjoint(names)
                or ("private" in names and bool(self.ctx.together_with)))

    def related_change(self, change: Any) -> None:
        """A change to a record this model does not hold (a goal's step for
        the goals table): subclasses update the rows it shows through."""

    def touched_rows(self, subject: Any) -> list[int]:
        """Rows whose display may change when ``subject`` changes."""
        return [self.row_of(subject)]

    def sync(self, subject: Any = None) -> None:
        """Bring rows in line with the plan using the smallest change."""
        new = self._source()
        old = self._rows
        if not _same_rows(new, old) and not self._apply_single_change(old, new):
            self.beginResetModel()
            self._set_rows(new)
            self.endResetModel()
            return
        if subject is not None:
            for row in self.touched_rows(subject):
                self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, max(0, len(self.COLUMNS) - 1)))

    def _apply_single_change(self, old: list[Record], new: list[Record]) -> bool:
        ids_old, ids_new = [id(r) for r in old], [id(r) for r in new]
        root = QModelIndex()
        if len(new) == len(old) + 1:
            i = _first_difference(ids_new, ids_old)
            if ids_new[i + 1:] == ids_old[i:]:
                self.beginInsertRows(root, i, i)
                self._set_rows(new)
                self.endInsertRows()
                return True
            return False
        if len(new) == len(old) - 1:
            i = _first_difference(ids_old, ids_new)
            if ids_old[i + 1:] == ids_new[i:]:
                self.beginRemoveRows(root, i, i)
                self._set_rows(new)
                self.endRemoveRows()
                return True
            return False
        if len(new) == len(old) and sorted(ids_new) == sorted(ids_old):
            first = next(i for i in range(len(old)) if ids_old[i] != ids_new[i])
            last = max(i for i in range(len(old)) if ids_old[i] != ids_new[i])
            if ids_old[first + 1:last + 1] == ids_new[first:last] and ids_old[first] == ids_new[last]:
                source, destination = first, last + 1      # one row moved down
            elif ids_old[first:last] == ids_new[first + 1:last + 1] and ids_old[last] == ids_new[first]:
                source, destination = last, first          # one row moved up
            else:
                return False
            self.beginMoveRows(root, source, source, root, destination)
            self._set_rows(new)
            self.endMoveRows()
            return True
        return False

    def retranslate(self) -> None:
        """Headers and labels are translated when asked for; tell the views."""
        if self.COLUMNS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))


def _same_rows(a: list[Record], b: list[Record]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def _first_difference(longer: list[int], shorter: list[int]) -> int:
    """The first index at which two id lists differ (len(shorter) if none)."""
    for i, value in enumerate(shorter):
        if longer[i] != value:
            return i
    return len(shorter)
