"""The item-data roles the record models answer and the list delegate reads."""

from __future__ import annotations

from PySide6.QtCore import Qt

RecordRole = Qt.ItemDataRole.UserRole + 1
PrivateRole = Qt.ItemDataRole.UserRole + 2
TogetherRole = Qt.ItemDataRole.UserRole + 3
IdRole = Qt.ItemDataRole.UserRole + 4
#: Text of a second line (paired "what I can do about it" text).
DetailRole = Qt.ItemDataRole.UserRole + 5
#: "Added together with Priya, 3 March 2026", or "".
AttributionRole = Qt.ItemDataRole.UserRole + 6
#: The display text without directional isolates.
PlainTextRole = Qt.ItemDataRole.UserRole + 7
#: A column heading answers True if the column's values are short and never
#: to be broken across lines (a phone number, a date, "3 of 4").
WholeRole = Qt.ItemDataRole.UserRole + 8
#: All a list row's delegate needs, in one answer (it measures every row on
#: each layout, and each question is a call into Python): ``(display text,
#: detail, private, attribution, font or None)``, as the separate roles give.
RowPartsRole = Qt.ItemDataRole.UserRole + 9
