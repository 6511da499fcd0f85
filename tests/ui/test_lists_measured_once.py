"""A page of long lists, shown the first time, measures each list's rows at
the width the list keeps: not first at the width a list has before it is
given one, nor again when the page's scroll bar comes and narrows it. The
rows are seen measured by the real delegate, in a real window."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from recoveryplan.plans.model import Entry
from recoveryplan.ui.widgets.delegate import EntryDelegate
from recoveryplan.ui.widgets.lists import GrowingListView, _GrowMixin

LONG = " ".join(["a long entry that wraps over several lines"] * 6)
FIELDS = ("need_help_signs", "on_my_own", "distractions", "safer", "keeps_me_going")


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _measuring(delegate: EntryDelegate) -> list[int]:
    """The widths of the views the delegate's rows are measured in."""
    widths: list[int] = []
    original = delegate.sizeHint
    delegate.sizeHint = lambda option, index: (widths.append(option.widget.viewport().width()),
                                               original(option, index))[1]
    return widths


def test_a_list_measures_no_row_before_it_has_a_width(qtbot) -> None:
    window = QWidget()
    column = QVBoxLayout(window)
    view = GrowingListView(window, max_rows=3)
    view.setModel(QStringListModel([LONG, "short", LONG, "short too"], view))
    delegate = EntryDelegate(view)
    view.setItemDelegate(delegate)
    widths = _measuring(delegate)
    column.addWidget(view)
    column.addStretch(1)
    qtbot.addWidget(window)
    window.resize(400, 600)
    window.show()
    qtbot.waitExposed(window)
    _settle()
    assert widths and set(widths) == {view.viewport().width()}
    assert view.height() == _GrowMixin._rows_height(view)     # as tall as its first rows


def test_a_page_of_lists_measures_its_rows_at_one_width(qtbot, open_window, monkeypatch) -> None:
    window = open_window
    ctx = window.session.ctx
    for field in FIELDS:
        for number in range(12):
            ctx.add(Entry(section="hard_times", field=field, text=f"{number}. {LONG}"))
    delegates: list[tuple[EntryDelegate, list[int]]] = []
    made = EntryDelegate.__init__

    def make(delegate, *args, **kwargs):       # each list's delegate, as the page makes it
        made(delegate, *args, **kwargs)
        delegates.append((delegate, _measuring(delegate)))

    monkeypatch.setattr(EntryDelegate, "__init__", make)
    window.workspace.go_to("hard_times")
    _settle()
    page = window.workspace.current_page()
    assert page.scroll.verticalScrollBar().isVisible()      # a long page
    widths = dict(delegates)
    for field in FIELDS:
        box = page.box(field)
        assert set(widths[box.delegate]) == {box.view.viewport().width()}, field
        assert box.view.height() == _GrowMixin._rows_height(box.view)
    # A short page, first shown the same way, has no scroll bar.
    ctx.add(Entry(section="keeping_well", field="everyday", text="A walk"))
    window.workspace.go_to("keeping_well")
    _settle()
    short = window.workspace.current_page()
    assert short.box("everyday").view.isVisible()
    assert not short.scroll.verticalScrollBar().isVisible()
