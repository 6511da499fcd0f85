"""How a table's columns share out its width (``GrowingTableView``).

Every column but the stretching one (the person's own words) wants the
width of its words and of its heading. When large text leaves too little
room, a column gives way only down to its *least* width, its heading
whole and, for short values that should never break (a phone number, a
date, "3 of 4"), its words whole too: the longer words of other columns
wrap instead. Only when even that does not fit do all of them shrink
together (the old way), so that the person's words keep their share.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle

from .roles import WholeRole


def share_widths(wanted: dict[int, int], least_of: Callable[[], dict[int, int]], width: int,
                 share: float, stretch_least: int) -> dict[int, int]:
    """The widths for the columns of ``wanted`` (column: width) in a
    table ``width`` wide, whose stretching column keeps ``share`` of it
    (or, if that leaves too little for the others' least widths, given by
    ``least_of()`` when needed, at least ``stretch_least``, its own heading)."""
    room = int(width - max(width * share, stretch_least))
    if width <= 0 or sum(wanted.values()) <= room:
        return dict(wanted)
    measured = least_of()
    least = {c: min(w, measured.get(c, w)) for c, w in wanted.items()}
    spare = sum(wanted.values()) - sum(least.values())
    if sum(least.values()) <= room and spare > 0:
        # Each column gives up the same part of what it has beyond its least.
        give = (room - sum(least.values())) / spare
        return {c: least[c] + int((w - least[c]) * give) for c, w in wanted.items()}
    if sum(least.values()) <= width - stretch_least:
        return dict(least)      # the person's words narrower than their share, headings whole
    scale = room / sum(wanted.values()) if room > 0 else 0.0
    return {c: int(w * scale) for c, w in wanted.items()}


def least_widths(view, wanted: dict[int, int], sampled: int) -> dict[int, int]:
    """How narrow each column of ``wanted`` in the table ``view`` can be:
    its heading whole and none of its words broken (in ``sampled`` rows
    from the first one shown), or all of its words for a column whose
    heading answers ``WholeRole``."""
    model, header = view.model(), view.horizontalHeader()
    first = max(view.rowAt(0), 0)
    rows = range(first, min(model.rowCount(), first + sampled))
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 2
    metrics = view.fontMetrics()

    def longest_word(column: int) -> int:
        texts = (model.index(row, column).data() for row in rows)
        return max((metrics.horizontalAdvance(word) for text in texts if text
                    for word in str(text).split()), default=0) + margin

    return {c: w if model.headerData(c, Qt.Orientation.Horizontal, WholeRole)
            else max(header.sectionSizeHint(c), longest_word(c)) for c, w in wanted.items()}
