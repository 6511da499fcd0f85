"""A list field with entries makes its text box (and the detail box, "Just
for me" and their labels) only when it first shows: an entry chosen by keys
or a click, or "Add another". Until then nothing of it is on the page, and
once made it works, reads and Tabs as ever. Keys and clicks go to the
window (Qt routes them); the words go to the real encrypted plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from conftest import key_to_window, settle
from recoveryplan.plans.model import Entry
from recoveryplan.ui.widgets.text import GrowingTextEdit

FIELD = "What can knock me off balance"
PROMPT = "For example: money worries, or not sleeping well."


def _type(window, text: str) -> None:
    for char in text:
        QTest.keyClick(window.windowHandle(), char)
    settle()


def _click(window, widget, point=None) -> None:
    point = widget.rect().center() if point is None else point
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, point))
    settle()


def _off_balance(qtbot, window):
    """The page, first shown with two entries in its one list field."""
    ctx = window.session.ctx
    ctx.add(Entry(section="off_balance", field="things", text="Money worries",
                  detail="Open the letters with Ann"))
    ctx.add(Entry(section="off_balance", field="things", text="Not sleeping", private=True))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.go_to("off_balance")
    settle()
    page = window.workspace.current_page()
    box = page.box("things")
    assert box.view.isVisible() and box.model.rowCount() == 2
    # Nothing is chosen: nothing under the list is made yet.
    assert box.findChildren(GrowingTextEdit) == []
    return page, box


def _entries(window) -> list[Entry]:
    return window.session.plan.entries_for("off_balance", "things")


def test_tab_into_a_list_choose_an_entry_by_keys_and_type(qtbot, open_window) -> None:
    window = open_window
    page, box = _off_balance(qtbot, window)
    window.workspace.focus_nav()
    for _ in range(6):
        key_to_window(window, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is box.view:
            break
    assert QApplication.focusWidget() is box.view
    # Tabbing in makes the first entry the current one: its text box shows.
    edits = box.findChildren(GrowingTextEdit)
    assert [e.objectName() for e in edits] == ["field-off_balance-things",
                                               "field-off_balance-things-detail"]
    assert box.text_edit.isVisible() and box.text_edit.toPlainText() == "Money worries"
    assert box.detail_edit.isVisible() and box.detail_edit.toPlainText() == "Open the letters with Ann"
    key_to_window(window, Qt.Key.Key_Down)
    assert box.text_edit.toPlainText() == "Not sleeping" and box.detail_edit.toPlainText() == ""
    assert box.just_for_me.isVisible() and box.just_for_me.isChecked()
    assert box.text_edit.accessibleName() == f"{FIELD}: The entry I chose"
    # Tab follows what is seen: the list's buttons, the text box, the detail, "Just for me".
    seen = []
    for _ in range(10):
        key_to_window(window, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is None or not box.isAncestorOf(focus):
            break
        seen.append(focus)
    buttons = box.buttons
    assert seen == [b for b in (buttons.add_button, buttons.remove_button, buttons.up_button,
                                buttons.down_button) if b.isEnabled()] + [
        box.text_edit, box.detail_edit, box.just_for_me]
    # Back into the text box, and type.
    for _ in range(3):
        key_to_window(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        if QApplication.focusWidget() is box.text_edit:
            break
    assert QApplication.focusWidget() is box.text_edit
    key_to_window(window, Qt.Key.Key_End)
    _type(window, " well")
    qtbot.waitUntil(lambda: [e.text for e in _entries(window)] == ["Money worries", "Not sleeping well"])


def test_click_an_entry_then_add_another_and_type(qtbot, open_window) -> None:
    window = open_window
    page, box = _off_balance(qtbot, window)
    _click(window, box.view.viewport(), box.view.visualRect(box.model.index(0, 0)).center())
    assert QApplication.focusWidget() is box.view
    assert box.text_edit.isVisible() and box.text_edit.toPlainText() == "Money worries"
    assert box.detail_label.isVisible() and box.detail_label.text() == "What I can do about it"
    assert box.editor_label.isVisible() and box.editor_label.text() == "The entry I chose"
    assert box.just_for_me.isVisible() and not box.just_for_me.isChecked()
    assert box.text_edit.placeholderText() == PROMPT
    # Into the detail box, and type.
    _click(window, box.detail_edit)
    assert QApplication.focusWidget() is box.detail_edit
    key_to_window(window, Qt.Key.Key_End)
    _type(window, " on Monday")
    qtbot.waitUntil(lambda: _entries(window)[0].detail == "Open the letters with Ann on Monday")
    # "Add another": the cursor goes to the empty box; no word typed is lost.
    _click(window, box.buttons.add_button)
    assert QApplication.focusWidget() is box.text_edit
    assert box.text_edit.toPlainText() == ""
    assert box.text_edit.accessibleName() == f"{FIELD}: New entry"
    _type(window, "Bills coming")
    qtbot.waitUntil(lambda: [e.text for e in _entries(window)]
                    == ["Money worries", "Not sleeping", "Bills coming"])
    # A language change words the box made later as it words the rest.
    page.retranslate()
    assert box.text_edit.accessibleName() == f"{FIELD}: New entry"
    assert box.text_edit.placeholderText() == PROMPT
