"""Large text (Ctrl++ three times, as a person does) on an ordinary
window: the tables of My people and My goals keep every heading whole and
never break a phone number or a date across lines; the longer words wrap
instead, and the table still fits without scrolling sideways."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from recoveryplan import storage
from recoveryplan.plans.samples import load_sample_plan

from conftest import PASSPHRASE


@pytest.fixture
def created_plan(plan_dir) -> None:
    db, _key = storage.create_plan(plan_dir, PASSPHRASE, load_sample_plan())
    db.close()


def _larger_text(qtbot, window, times: int) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(times):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(1)


def _shown_columns(table) -> list[int]:
    header = table.horizontalHeader()
    return [c for c in range(table.model().columnCount()) if not header.isSectionHidden(c)]


def _table_at_large_text(qtbot, window, key: str):
    """``key``'s table, first seen at the normal size, then three Ctrl++."""
    window.resize(1100, 700)
    window.workspace.go_to(key)
    table = window.workspace.current_page().view
    qtbot.waitUntil(table.isVisible)
    qtbot.wait(20)
    _larger_text(qtbot, window, 3)
    assert window.settings.text_scale == 175
    qtbot.wait(50)
    return table


def _assert_headings_whole_and_no_sideways_scroll(table) -> None:
    header = table.horizontalHeader()
    for column in _shown_columns(table):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), (
            table.model().headerData(column, Qt.Orientation.Horizontal),
            header.sectionSize(column), header.sectionSizeHint(column))
    widths = sum(header.sectionSize(c) for c in _shown_columns(table))
    assert widths <= table.viewport().width() + 1, (widths, table.viewport().width())


def test_my_people_keeps_its_headings_and_phone_numbers_whole(qtbot, open_window) -> None:
    table = _table_at_large_text(qtbot, open_window, "my_people")
    _assert_headings_whole_and_no_sideways_scroll(table)
    model = table.model()
    phone = model.COL_PHONE
    for row in range(model.rowCount()):
        index = model.index(row, phone)
        assert table.columnWidth(phone) >= table.sizeHintForIndex(index).width(), index.data()


def test_my_goals_keeps_its_headings_dates_and_words_whole(qtbot, open_window) -> None:
    table = _table_at_large_text(qtbot, open_window, "goals")
    _assert_headings_whole_and_no_sideways_scroll(table)
    model = table.model()
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        date = model.index(row, model.COL_TARGET)
        assert table.columnWidth(model.COL_TARGET) >= table.sizeHintForIndex(date).width()
        # "Relationships and family" wraps between its words, never inside one.
        for word in (model.index(row, model.COL_AREA).data() or "").split():
            assert table.columnWidth(model.COL_AREA) > metrics.horizontalAdvance(word), word
