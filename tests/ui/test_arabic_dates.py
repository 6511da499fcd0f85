"""In Arabic a goal's target date reads the same in the goals table as in
its date box (one way of writing dates for the language, no direction
marks in one and not the other that would turn it round on screen), also
after a date is typed into the box; languages that name the month in
tables ("4 Oct 2026") keep doing so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recoveryplan.plans.model import Goal
from recoveryplan.ui.language import LanguageSwitcher

MARKS = ("\u200e", "\u200f", "\u061c")


@pytest.fixture
def switcher(qapp):
    languages = LanguageSwitcher(qapp)
    yield languages
    languages.apply("en")


def _goal_page(qtbot, window, switcher, language: str):
    window.languages = switcher
    window.view.choose_language(language)
    goal = Goal(what="Bake a birthday cake", target_date=dt.date(2026, 10, 4))
    window.session.ctx.add(goal)
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    page.select_goal(goal.id)
    qtbot.waitUntil(page.detail.isVisible)
    return goal, page


def _table_date(page, goal) -> str:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.record(model.index(r, 0)) is goal)
    return model.index(row, model.COL_TARGET).data()


def test_arabic_dates_read_the_same_in_the_table_and_the_date_box(qtbot, open_window, switcher):
    window = open_window
    goal, page = _goal_page(qtbot, window, switcher, "ar")
    box = page.target.date_edit
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _table_date(page, goal) == box.text()
    assert "2026" in box.text() and not any(mark in box.text() for mark in MARKS)
    # A date typed into the box, as a person would: the table writes it just so.
    page.scroll.ensureWidgetVisible(box)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    box.setFocus()
    handle = window.windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_End)
    for _ in range(12):
        QTest.keyClick(handle, Qt.Key.Key_Backspace)
    typed = box.locale().toString(dt.date(2027, 3, 31), box.displayFormat())
    for char in typed:
        QTest.keyClick(handle, char)
    QTest.keyClick(handle, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: goal.target_date == dt.date(2027, 3, 31))
    assert _table_date(page, goal) == box.text() == typed


def test_a_language_that_names_the_month_keeps_it_in_the_table(qtbot, open_window, switcher):
    goal, page = _goal_page(qtbot, open_window, switcher, "pl")
    assert _table_date(page, goal) == "4 paź 2026"
    assert page.target.date_edit.text() == "4.10.2026"
