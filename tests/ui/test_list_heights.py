"""A list of entries is as tall as its first rows, after any change to which
rows come first (the height is kept between changes, as layouts ask for it
many times over)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel
from PySide6.QtWidgets import QVBoxLayout, QWidget

from recoveryplan.ui.widgets.delegate import EntryDelegate
from recoveryplan.ui.widgets.lists import GrowingListView, _GrowMixin

LONG = " ".join(["a long entry that wraps over several lines"] * 12)


def _fresh_height(view: GrowingListView) -> int:
    return _GrowMixin._rows_height(view)


def test_the_list_is_as_tall_as_its_first_rows_after_a_move(qtbot):
    window = QWidget()
    column = QVBoxLayout(window)
    view = GrowingListView(window, max_rows=2)
    model = QStringListModel(["short", "short too", LONG], view)
    view.setModel(model)
    view.setItemDelegate(EntryDelegate(view))    # rows wrap their words
    column.addWidget(view)
    column.addStretch(1)
    qtbot.addWidget(window)
    window.resize(300, 600)
    window.show()
    qtbot.waitExposed(window)
    short = view.sizeHint().height()
    assert short == _fresh_height(view)

    # The long entry moves to the top: the list takes its height.
    assert model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    assert model.stringList()[0] == LONG
    qtbot.waitUntil(lambda: view.height() == _fresh_height(view))
    assert view.sizeHint().height() == _fresh_height(view) > short
