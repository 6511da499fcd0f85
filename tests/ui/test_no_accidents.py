"""Nothing changes by accident, through the real window on a real plan:
dates are typed like any text (digits, Backspace) in the language's order,
one that isn't a date gets a kind word and changes nothing, and removing
anything shows an Undo right there, which the keyboard reaches."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyle, QWidget

from recoveryplan.plans.model import CheckIn, Contact, Entry, Goal, Step, Topic


def keys(window, text: str = "", *special: Qt.Key) -> None:
    """Type through the window, as a keyboard would (to whatever has the focus)."""
    handle = window.windowHandle()
    for char in text:
        QTest.keyClick(handle, char)
    for key in special:
        QTest.keyClick(handle, key)
    QApplication.processEvents()


def click(widget: QWidget) -> None:
    window = widget.window()
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, widget.rect().center()))
    QApplication.processEvents()


def _goals(qtbot, window, **kw):
    ctx = window.session.ctx
    goal = Goal(what="Swim again", **kw)
    ctx.add(goal)
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    page.select_goal(goal.id)
    qtbot.waitUntil(page.detail.isVisible)
    return ctx, goal, page


def test_a_date_is_typed_with_digits_and_backspace(qtbot, open_window):
    window = open_window
    ctx, goal, page = _goals(qtbot, window, target_date=dt.date(2027, 3, 31))
    box = page.target.date_edit
    page.scroll.ensureWidgetVisible(box)
    click(box)
    assert box.hasFocus()
    keys(window, "", Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 12)
    assert box.text() == ""
    fmt = box.displayFormat()
    typed = box.locale().toString(dt.date(2028, 4, 15), fmt)
    keys(window, typed, Qt.Key.Key_Return)
    assert goal.target_date == dt.date(2028, 4, 15)
    # Without separators, and a short year, in the same order.
    keys(window, "", Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 12)
    order = "".join(sorted("dMy", key=fmt.find))
    parts = {"d": "05", "M": "06", "y": "29"}
    keys(window, "".join(parts[p] for p in order), Qt.Key.Key_Tab)
    assert goal.target_date == dt.date(2029, 6, 5)
    assert window.session.flush()
    assert window.session.db.load_plan().goals[0].target_date == dt.date(2029, 6, 5)


def test_emptying_a_date_means_no_date_and_a_wrong_one_changes_nothing(qtbot, open_window):
    window = open_window
    ctx, goal, page = _goals(qtbot, window, target_date=dt.date(2027, 3, 31))
    box = page.target.date_edit
    page.scroll.ensureWidgetVisible(box)
    click(box)
    keys(window, "", Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 12, Qt.Key.Key_Return)
    assert goal.target_date is None and page.target.no_date.isChecked()
    ctx.undo()
    assert goal.target_date == dt.date(2027, 3, 31)
    click(box)
    keys(window, "", Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 12)
    keys(window, "31/02/2027", Qt.Key.Key_Return)
    problem = page.target.problem_label
    assert problem.isVisible()
    assert "couldn't read" in problem.text() and "Nothing was changed" in problem.text()
    assert box.text() == "31/02/2027"                    # the typing stays to put right
    assert goal.target_date == dt.date(2027, 3, 31)
    keys(window, "", Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 12)
    keys(window, box.locale().toString(dt.date(2027, 2, 28), box.displayFormat()), Qt.Key.Key_Return)
    assert goal.target_date == dt.date(2027, 2, 28) and not problem.isVisible()


def _undo_by_keyboard(qtbot, window, notice) -> None:
    """From the Remove button, Tab reaches the notice's Undo; Space presses it."""
    button = notice.findChild(QAbstractButton, "undoRemoveButton")
    assert notice.isVisible() and button.isVisible()
    assert button.accessibleName().startswith("Undo removing ")
    assert notice.accessibleName().startswith("Removed ")
    for _ in range(40):
        if button.hasFocus():
            break
        keys(window, "", Qt.Key.Key_Tab)
    assert button.hasFocus(), "Tab never reached the Undo button"
    keys(window, "", Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not notice.isVisible())


@pytest.mark.parametrize("kind", ["goal", "step", "entry", "contact", "topic", "checkin"])
def test_removing_shows_undo_right_there(qtbot, open_window, kind):
    window = open_window
    ctx = window.session.ctx
    workspace = window.workspace
    if kind in ("goal", "step"):
        ctx_, goal, page = _goals(qtbot, window, steps=[Step(text="find the pool")])
        if kind == "goal":
            removed, remove, notice = goal, page.buttons.remove_button, page.goal_undo
            page.view.setFocus()
            collection = lambda plan: plan.goals                        # noqa: E731
        else:
            page.steps.setFocus()
            page.steps.setCurrentIndex(page.steps_model.index(0, 0))
            removed, remove, notice = goal.steps[0], page.step_buttons.remove_button, page.step_undo
            collection = lambda plan: plan.goals[0].steps               # noqa: E731
    elif kind == "entry":
        removed = Entry(section="warning_signs", field="i_notice", text="I stop eating")
        ctx.add(removed)
        ctx.add(Entry(section="warning_signs", field="i_notice", text="I sleep badly"))
        workspace.go_to("warning_signs")
        page = workspace.current_page()
        box = page.box("i_notice")
        box.select(removed)
        remove, notice = box.buttons.remove_button, box.undo_notice
        collection = lambda plan: plan.entries                          # noqa: E731
    else:
        record, key, attr = {"contact": (Contact(name="Ann"), "my_people", "contacts"),
                             "topic": (Topic(text="my tablets"), "appointments", "topics"),
                             "checkin": (CheckIn(hope=6), "checkins", "checkins")}[kind]
        removed = record
        ctx.add(type(record)())                 # a second one keeps the list and its buttons
        ctx.add(record)
        workspace.go_to(key)
        page = workspace.current_page()
        page.view.setCurrentIndex(page.model.index_of(record))
        remove, notice = page.buttons.remove_button, page.undo_notice
        collection = lambda plan: getattr(plan, attr)                   # noqa: E731
    page.scroll.ensureWidgetVisible(remove)
    assert not notice.isVisible()
    click(remove)
    assert removed not in collection(ctx.plan)
    assert notice.isVisible()
    # Right where it happened: next to the button that removed it.
    gap = notice.mapTo(page, QPoint(0, 0)).y() - remove.mapTo(page, QPoint(0, remove.height())).y()
    assert 0 <= gap < 3 * remove.height()
    remove.setFocus(Qt.FocusReason.TabFocusReason) if remove.isEnabled() else None
    _undo_by_keyboard(qtbot, window, notice)
    assert removed in collection(ctx.plan)
    assert window.session.flush()
    saved = collection(window.session.db.load_plan())
    assert [r.id for r in saved] == [r.id for r in collection(ctx.plan)]


@pytest.mark.parametrize("kind", ["entry", "contact"])
def test_ctrl_z_after_a_removal_chooses_what_came_back(qtbot, open_window, kind):
    """Undo from the keyboard (Ctrl+Z to the window, not the notice's own
    button) brings the entry back chosen in its list, with Remove ready."""
    window = open_window
    ctx, workspace = window.session.ctx, window.workspace
    if kind == "entry":
        removed = Entry(section="warning_signs", field="i_notice", text="I stop eating")
        ctx.add(removed)
        ctx.add(Entry(section="warning_signs", field="i_notice", text="I sleep badly"))
        workspace.go_to("warning_signs")
        section = workspace.current_page().box("i_notice")
        section.select(removed)
        view, remove = section.view, section.buttons.remove_button
    else:
        removed = Contact(name="Ann")
        ctx.add(Contact(name="Bea"))
        ctx.add(removed)
        workspace.go_to("my_people")
        page = workspace.current_page()
        page.view.setCurrentIndex(page.model.index_of(removed))
        view, remove = page.view, page.buttons.remove_button
    page = workspace.current_page()
    page.scroll.ensureWidgetVisible(remove)
    click(remove)
    assert removed not in ctx.plan.entries + ctx.plan.contacts
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: removed in ctx.plan.entries + ctx.plan.contacts)
    chosen = view.model().record(view.currentIndex())
    assert chosen is not None and chosen.id == removed.id
    assert remove.isEnabled()


def test_the_undo_notice_goes_once_something_else_is_done(qtbot, open_window):
    window = open_window
    ctx, goal, page = _goals(qtbot, window)
    ctx.add(Goal(what="Walk"))
    page.select_goal(goal.id)
    page.scroll.ensureWidgetVisible(page.buttons.remove_button)
    click(page.buttons.remove_button)
    assert page.goal_undo.isVisible()
    ctx.add(Goal(what="Sing"))              # anything else: the offer would undo that instead
    assert not page.goal_undo.isVisible()
    assert goal not in ctx.plan.goals


@pytest.mark.parametrize("percent", [100, 200])
def test_a_date_box_is_wide_enough_for_its_example(qtbot, open_window, percent):
    """ "For example 01/12/2026" is never cut to "For example 01/1…"."""
    window = open_window
    window._set_text_scale(percent)
    ctx, goal, page = _goals(qtbot, window)
    box = page.target.date_edit
    box.set_empty(True)
    QApplication.processEvents()
    assert box.placeholderText().startswith("For example ")
    words = box.fontMetrics().horizontalAdvance(box.placeholderText())
    inner = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, _option(box), box)
    assert inner.width() >= words, (inner.width(), words)


def _option(box):
    from PySide6.QtWidgets import QStyleOptionFrame

    option = QStyleOptionFrame()
    box.initStyleOption(option)
    return option
