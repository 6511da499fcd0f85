"""Laying out a list again when one of its rows changes height, and the
page around it, in one go before the next paint.

QListView keeps only where each row starts, and measures a row afresh
whenever its rectangle is asked for, so a row's old height is the distance
to the next row. When a row grows (the "Just for me" line), QListView lays
every row out again in batches, one per turn of the event loop, repainting
after each; and the page hears that the list grew one level at a time (the
field's box, then the page body, then the scroll area), each level a turn
of the event loop with a paint in between. Here both happen at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QListView, QWidget

#: A list of at most this many rows is laid out at once when a row changes height.
ONE_PASS_ROWS = 1000

_SETTLE = QEvent.Type(QEvent.registerEventType())


def laid_out_height(view: QListView, index: QModelIndex) -> int | None:
    """The height ``index``'s row was given when ``view`` last laid out its
    rows: the distance to the next row shown (None for the last row, or
    rows not laid out yet)."""
    model, root = index.model(), view.rootIndex()
    rows = model.rowCount(root)
    below = index.row() + 1
    while below < rows and view.isRowHidden(below):
        below += 1
    if below >= rows:
        return None
    here = view.rectForIndex(index)
    there = view.rectForIndex(model.index(below, view.modelColumn(), root))
    if not here.isValid() or not there.isValid():
        return None
    return there.y() - here.y() - view.spacing()


def lay_out_rows_now(view: QListView) -> None:
    """Lay out the rows of a shown ``view`` again now, in one pass, if it
    is short enough (its delegate keeps the rows' heights, so each is
    quick); otherwise in batches, as QListView does."""
    model = view.model()
    if model is None:
        return
    if not view.isVisible() or model.rowCount(view.rootIndex()) > ONE_PASS_ROWS:
        view.scheduleDelayedItemsLayout()
        return
    mode = view.layoutMode()
    view.setLayoutMode(QListView.LayoutMode.SinglePass)
    try:
        view.scheduleDelayedItemsLayout()
        view.executeDelayedItemsLayout()
    finally:
        view.setLayoutMode(mode)


class _Settler(QObject):
    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != _SETTLE:
            return super().event(event)
        widget = self.parent()
        while widget is not None:
            QCoreApplication.sendPostedEvents(widget, QEvent.Type.LayoutRequest)
            widget = widget.parentWidget()
        return True


def settle_soon(widget: QWidget) -> None:
    """``widget`` asked for a new size (``updateGeometry``): once the event
    loop turns, before anything is painted, lay out each widget around it
    in turn, up to the window, so the page is painted once, laid out."""
    settler = getattr(widget, "_settler", None)
    if settler is None:
        settler = widget._settler = _Settler(widget)
    QCoreApplication.postEvent(settler, QEvent(_SETTLE), Qt.EventPriority.HighEventPriority.value)
