"""A growing table measures its columns' words once: shown for the first
time, or given a new width, it shares out the widths it measured, and it
measures again only when its words, headings or font change."""

from __future__ import annotations

from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from recoveryplan.ui.widgets.tables import GrowingTableView


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _table(qtbot):
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["What I want", "Area", "Target"])
    for n in range(40):
        model.appendRow([QStandardItem(f"goal {n}"), QStandardItem("Home and where I live" if n == 7
                                                                   else "Work"),
                         QStandardItem(f"{n + 1}/10/2026")])
    window = QWidget()
    qtbot.addWidget(window)
    table = GrowingTableView(window, stretch_column=0)
    QVBoxLayout(window).addWidget(table)
    table.setModel(model)
    measured: list[int] = []
    original = table.sizeHintForColumn
    table.sizeHintForColumn = lambda column: (measured.append(column), original(column))[1]
    window.resize(700, 400)
    return window, table, model, measured, original


def _wanted(table, original, column: int) -> int:
    return max(original(column), table.horizontalHeader().sectionSizeHint(column))


def test_first_shown_and_resized_the_columns_are_measured_once(qtbot):
    window, table, model, measured, original = _table(qtbot)
    table.sizeHint()                # the page is laid out before it shows
    window.show()
    qtbot.waitExposed(window)
    _settle()
    assert sorted(measured) == [1, 2]           # once each, not again when shown
    header = table.horizontalHeader()
    assert [header.sectionSize(c) for c in (1, 2)] == [_wanted(table, original, c) for c in (1, 2)]
    window.resize(900, 400)
    _settle()
    assert sorted(measured) == [1, 2]           # a new width: the same widths, shared anew
    assert [header.sectionSize(c) for c in (1, 2)] == [_wanted(table, original, c) for c in (1, 2)]


def test_new_words_or_a_new_font_are_measured_again(qtbot):
    window, table, model, measured, original = _table(qtbot)
    window.show()
    qtbot.waitExposed(window)
    _settle()
    measured.clear()
    model.appendRow([QStandardItem("goal"), QStandardItem("Money and what I have to live on"),
                     QStandardItem("1/1/2027")])
    _settle()
    assert sorted(measured) == [1, 2]
    header = table.horizontalHeader()
    assert header.sectionSize(1) == _wanted(table, original, 1)
    measured.clear()
    font = QFont(table.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    table.setFont(font)
    _settle()
    assert sorted(measured) == [1, 2]
    assert header.sectionSize(1) == _wanted(table, original, 1)
