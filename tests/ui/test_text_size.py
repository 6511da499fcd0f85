"""Larger and smaller text scale everything on screen: headings, fields,
the person's own words, dialogs, Need help now and the chart. Keys are
sent to the window (Qt routes them through its shortcuts as a real key
press); sizes are read from the fonts the widgets really have."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel

from recoveryplan.ui.progress import CheckInChart
from recoveryplan.ui.widgets.text import GrowingTextEdit


def _pixels(widget) -> int:
    return QFontInfo(widget.font()).pixelSize()


def _press(qtbot, window, key, times: int = 1) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(times):
        QTest.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(1)


def _parts(window):
    page = window.workspace.current_page()
    return {
        "heading": page.heading,
        "field": page.findChild(GrowingTextEdit),
        "group": page.findChild(QGroupBox),
        "sidebar": window.workspace.nav,
        "menu bar": window.menuBar(),
        "Need help now button": window.help_now_button,
    }


def test_larger_text_grows_every_part_of_a_page(qtbot, open_window) -> None:
    window = open_window
    before = {name: _pixels(widget) for name, widget in _parts(window).items()}
    _press(qtbot, window, Qt.Key.Key_Plus, times=4)       # 100 → 200 %
    assert window.settings.text_scale == 200
    after = {name: _pixels(widget) for name, widget in _parts(window).items()}
    for name in before:
        assert after[name] >= before[name] * 1.8, (name, before[name], after[name])
    # The heading stays larger than the words under it.
    assert after["heading"] > after["field"]
    _press(qtbot, window, Qt.Key.Key_Minus, times=6)      # 200 → 75 %
    assert window.settings.text_scale == 75
    smaller = {name: _pixels(widget) for name, widget in _parts(window).items()}
    for name in before:
        assert smaller[name] < before[name], (name, before[name], smaller[name])


def test_larger_text_reaches_need_help_now_the_chart_and_dialogs(qtbot, open_window) -> None:
    window = open_window
    window.workspace.go_to("checkins")
    chart = window.workspace.current_page().findChild(CheckInChart)
    chart_before = _pixels(chart)
    help_now = window.show_help_now()
    qtbot.waitExposed(help_now)
    phone_before = _pixels(help_now.findChild(QLabel, "phoneLabel"))
    help_now.close()
    prefs = window.show_preferences()
    label_before = _pixels(prefs.findChild(QLabel))
    prefs.reject()

    _press(qtbot, window, Qt.Key.Key_Plus, times=4)
    assert window.settings.text_scale == 200
    assert _pixels(chart) >= chart_before * 1.8
    help_now = window.show_help_now()
    qtbot.waitExposed(help_now)
    phone = help_now.findChild(QLabel, "phoneLabel")
    assert _pixels(phone) >= phone_before * 1.8
    # On the crisis screen numbers are larger than its words, which are larger than the app's.
    assert _pixels(phone) > _pixels(help_now.findChild(QLabel, "crisisWords")) \
        > _pixels(window.workspace.nav)
    help_now.close()
    prefs = window.show_preferences()
    assert _pixels(prefs.findChild(QLabel)) >= label_before * 1.8
    prefs.reject()


def test_text_size_chosen_in_preferences_is_kept(qtbot, make_window, created_plan, unlock,
                                                 ui_settings) -> None:
    window = unlock(make_window())
    normal = _pixels(window.workspace.current_page().findChild(GrowingTextEdit))
    prefs = window.show_preferences()
    qtbot.waitExposed(prefs)
    combo = prefs.text_size_combo
    combo.setFocus()
    QTest.keyClick(prefs.windowHandle(), Qt.Key.Key_End)
    assert combo.currentData() == 250
    QTest.keyClick(prefs.windowHandle(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui_settings.text_scale == 250)
    assert _pixels(window.workspace.current_page().findChild(GrowingTextEdit)) >= normal * 2.3
    window.close()
    again = unlock(make_window())
    assert _pixels(again.workspace.current_page().findChild(GrowingTextEdit)) >= normal * 2.3


def _goals_page(qtbot, window, size: tuple[int, int], percent: int):
    """The goals page with one goal, at ``percent`` text in a window of ``size``."""
    from recoveryplan.plans.model import Goal

    window.resize(*size)
    window.session.ctx.add(Goal(what="Get back to swimming on Saturdays"))
    window._set_text_scale(percent)
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    qtbot.waitUntil(lambda: page.isVisible())
    return page


def test_at_the_largest_text_the_goals_page_keeps_my_words_and_whole_buttons(qtbot, open_window):
    """At 250 % on an ordinary window: the list's buttons wrap onto another
    line rather than being cut ("dd a goa"), and "What I want" keeps a real
    share of the table's width."""
    from PySide6.QtWidgets import QApplication

    page = _goals_page(qtbot, open_window, (1100, 700), 250)
    for _ in range(5):
        QApplication.processEvents()
    row = page.buttons
    for button in (row.add_button, row.remove_button, row.up_button, row.down_button):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()
            assert button.mapTo(row, button.rect().topRight()).x() <= row.width(), button.text()
    table = page.view
    words = table.horizontalHeader().sectionSize(table.stretch_column)
    assert words >= table.viewport().width() * 0.2, (words, table.viewport().width())


def test_at_large_text_a_narrower_window_still_leaves_my_words_a_share_of_the_table(
        qtbot, open_window):
    """The table shares out the width again when the window is made
    narrower (not only when first shown): it fits without scrolling
    sideways, and "What I want" keeps a quarter."""
    window = open_window
    page = _goals_page(qtbot, window, (1300, 760), 200)
    table = page.view
    qtbot.wait(50)
    window.resize(760, 700)
    qtbot.waitUntil(lambda: table.viewport().width() < 700)
    qtbot.wait(50)
    words = table.horizontalHeader().sectionSize(table.stretch_column)
    header = table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(table.model().columnCount())
              if not header.isSectionHidden(c)]
    assert sum(widths) <= table.viewport().width() + 1, (widths, table.viewport().width())
    assert words >= table.viewport().width() * 0.24, (words, table.viewport().width())
