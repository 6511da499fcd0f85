"""Entries of one multi-entry field of a section ("What I notice")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from ...i18n import N_, isolate
from ...plans.model import Entry, Record
from ..context import PlanContext
from ...plans.labels import attribution
from ..widgets.roles import RowPartsRole
from .base import Column, DetailRole, RecordTableModel


class EntryListModel(RecordTableModel):
    COL_TEXT = 0
    COL_DETAIL = 1
    COLUMNS = (
        Column(N_("Entry"), lambda e: isolate(e.text), edit_field="text"),
        Column(N_("More about it"), lambda e: isolate(e.detail), edit_field="detail"),
    )

    def __init__(self, ctx: PlanContext, section: str, field: str, parent: QObject | None = None) -> None:
        self.section, self.field = section, field
        super().__init__(ctx, parent)

    KIND = Entry
    ORDER_FIELDS = frozenset({"section", "field"})

    def all_records(self) -> list[Record]:
        return self.ctx.plan.entries_for(self.section, self.field)

    def accepts(self, record: Any, parent: Record | None) -> bool:
        return (isinstance(record, Entry) and record.section == self.section
                and record.field == self.field)

    def new_record(self) -> Entry:
        return Entry(section=self.section, field=self.field)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == DetailRole:
            record = self.record(index)
            return record.detail if record is not None else None
        if role == RowPartsRole:        # the delegate's questions, answered at once
            record = self.record(index)
            if record is None or not 0 <= index.column() < len(self.COLUMNS):
                return None
            return (self.COLUMNS[index.column()].display(record), record.detail, record.private,
                    attribution(record), None)
        return super().data(index, role)
