"""Writing feels steady: a list field keeps its shape while the person
types, keeps the chosen entry highlighted, leaves no empty box under a
list after reopening, and Tab follows the visual order. Clicks and keys go
to the window (Qt routes them); shapes are measured in pixels."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recoveryplan.plans.model import Entry


def _click(window, widget) -> None:
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, widget.rect().center()))


def _type(qtbot, window, text: str) -> None:
    for char in text:
        QTest.keyClick(window.windowHandle(), char)
    _settle()


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _shape(window, box, below) -> tuple[int, int, int]:
    _settle()
    return (box.height(), below.mapTo(window, QPoint(0, 0)).y(),
            box.text_edit.mapTo(window, QPoint(0, 0)).y())


def _strengths(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.go_to("strengths")
    page = window.workspace.current_page()
    return page, page.box("good_at"), page.box("valued")


def test_an_empty_list_keeps_its_shape_while_i_type(qtbot, open_window) -> None:
    window = open_window
    page, box, below = _strengths(qtbot, window)
    _click(window, box.text_edit)
    assert QApplication.focusWidget() is box.text_edit
    before = _shape(window, box, below)
    _type(qtbot, window, "L")
    qtbot.waitUntil(lambda: bool(window.session.plan.entries_for("strengths", "good_at")))
    assert _shape(window, box, below) == before
    _type(qtbot, window, "istening")
    assert _shape(window, box, below) == before
    qtbot.waitUntil(lambda: window.session.plan.entries_for("strengths", "good_at")[0].text
                    == "Listening")
    assert _shape(window, box, below) == before
    # Done typing (focus moves on): the entry joins the list, chosen and highlighted.
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
    _settle()
    assert box.view.isVisible() and box.model.rowCount() == 1
    assert box.view.selectionModel().isSelected(box.model.index(0, 0))
    assert box.text_edit.toPlainText() == "Listening"


def test_adding_another_entry_keeps_the_shape_while_i_type(qtbot, open_window) -> None:
    window = open_window
    ctx = window.session.ctx
    ctx.add(Entry(section="strengths", field="good_at", text="Listening"))
    page, box, below = _strengths(qtbot, window)
    _click(window, box.buttons.add_button)
    assert QApplication.focusWidget() is box.text_edit
    before = _shape(window, box, below)
    _type(qtbot, window, "Baking")
    qtbot.waitUntil(lambda: len(window.session.plan.entries_for("strengths", "good_at")) == 2)
    assert _shape(window, box, below) == before
    assert [e.text for e in window.session.plan.entries_for("strengths", "good_at")] == \
        ["Listening", "Baking"]


def test_after_reopening_no_empty_box_sits_under_a_list(qtbot, open_window, unlock) -> None:
    window = open_window
    window.session.ctx.add(Entry(section="strengths", field="good_at", text="Listening"))
    assert window.lock()
    unlock(window)
    page, box, below = _strengths(qtbot, window)
    _settle()
    assert box.view.isVisible()
    assert not box.text_edit.isVisible()          # no empty "New entry" box
    # Choosing the entry opens it in the one text box, and it stays highlighted there.
    index = box.model.index(0, 0)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     box.view.viewport().mapTo(window, box.view.visualRect(index).center()))
    _settle()
    assert box.text_edit.isVisible() and box.text_edit.toPlainText() == "Listening"
    _click(window, box.text_edit)
    assert box.view.selectionModel().isSelected(index)


def test_tab_follows_the_visual_order_inside_a_list_field(qtbot, open_window) -> None:
    window = open_window
    window.session.ctx.add(Entry(section="strengths", field="good_at", text="Listening"))
    window.session.ctx.add(Entry(section="strengths", field="good_at", text="Baking"))
    page, box, below = _strengths(qtbot, window)
    index = box.model.index(0, 0)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     box.view.viewport().mapTo(window, box.view.visualRect(index).center()))
    _settle()
    assert QApplication.focusWidget() is box.view
    seen = [box.view]
    for _ in range(12):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is None or not box.isAncestorOf(focus):
            break
        seen.append(focus)
    assert box.text_edit in seen
    positions = [(w.mapTo(window, QPoint(0, 0)).y(), w.mapTo(window, QPoint(0, 0)).x()) for w in seen]
    rows = [y for y, _x in positions]
    assert rows == sorted(rows), [w.objectName() or type(w).__name__ for w in seen]
    assert all(w.isVisible() for w in seen)


def test_ticking_just_for_me_right_after_typing_a_new_entry_takes(qtbot, open_window) -> None:
    """A click on "Just for me" that moves focus out of the text box lands
    where it was aimed: the list takes its new shape only after the click."""
    window = open_window
    page, box, below = _strengths(qtbot, window)
    _click(window, box.text_edit)
    _type(qtbot, window, "I am a good listener.")
    qtbot.waitUntil(lambda: bool(window.session.plan.entries_for("strengths", "good_at")))
    assert box.just_for_me.isVisible() and not box.just_for_me.isChecked()
    _click(window, box.just_for_me)
    qtbot.waitUntil(lambda: box.view.isVisible())          # the entry has joined the list
    entry = window.session.plan.entries_for("strengths", "good_at")[0]
    assert entry.private, "the tick was lost when the field changed shape"
    assert box.just_for_me.isChecked()


def test_a_line_taller_than_the_font_never_scrolls_the_first_line_away(qtbot, open_window) -> None:
    """Arabic with an emoji (drawn from fallback fonts, taller than the
    app's) made the box one line's worth too short: it scrolled, and my
    first line was hidden. The box makes room for what is in it."""
    from recoveryplan.ui.widgets.text import GrowingTextEdit

    window = open_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.go_to("about_me")
    box = window.workspace.current_page().findChildren(GrowingTextEdit)[0]
    _click(window, box)
    assert QApplication.focusWidget() is box
    _type(qtbot, window, "A long first line about me")
    for line in ("\u0623\u0634\u0639\u0631 \u0628\u0627\u0644\u0647\u062f\u0648\u0621 \U0001F33B",
                 "\U0001F49A\U0001F33B\U0001F308"):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
        QApplication.clipboard().setText(line)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    for word in ("third", "fourth"):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
        _type(qtbot, window, word)
    qtbot.waitUntil(lambda: box.verticalScrollBar().maximum() == 0, timeout=3000)
    assert box.verticalScrollBar().value() == 0
    assert box.toPlainText().startswith("A long first line about me\n")
