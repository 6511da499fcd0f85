"""Planning together through the real window on a real encrypted plan:
nothing "just for me" can be seen or found, what is added carries the
other person's name, the banner says how much is hidden, locking ends
nothing, and ending is one click that offers a review."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QLabel, QLineEdit,
                               QListWidget, QPlainTextEdit, QTextEdit, QWidget)

from recoveryplan.i18n import isolate
from recoveryplan.plans.model import (CheckIn, Contact, Entry, Goal, LifeArea, LifeAreaNote,
                                      ProgressNote, Step, Topic)
from recoveryplan.ui.models.base import AttributionRole
from recoveryplan.ui.reviews.dialog import ReviewDialog, record_review
from recoveryplan.ui.together import TogetherStartDialog, hidden_total

SECRET = "ZQXSECRET"
PRIYA = "Priya, care coordinator"
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole,
         Qt.ItemDataRole.UserRole + 3, Qt.ItemDataRole.UserRole + 5, AttributionRole)


def _model_texts(model) -> list[str]:
    out = []
    for row in range(model.rowCount(QModelIndex())):
        for column in range(max(1, model.columnCount(QModelIndex()))):
            index = model.index(row, column)
            out.extend(str(v) for role in ROLES if isinstance(v := model.data(index, role), str))
    return out


def texts_of(root: QWidget) -> list[str]:
    """Everything a person or a screen reader could get from ``root``'s
    visible widgets: text, names, descriptions, tooltips, placeholders,
    editor contents, combo items and item models' data."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        out += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(),
                widget.windowTitle(), widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QLineEdit)) or hasattr(widget, "text") and callable(
                getattr(widget, "text")) and not isinstance(widget, QComboBox):
            value = widget.text()
            out.append(value if isinstance(value, str) else "")
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            out += [widget.toPlainText(), widget.placeholderText()]
        if isinstance(widget, QLineEdit):
            out.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            out += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                item = widget.item(i)
                out += [item.text(), item.toolTip(),
                        str(item.data(Qt.ItemDataRole.AccessibleTextRole) or "")]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            out += _model_texts(widget.model())
    return out


def fill_plan(ctx) -> None:
    """Something visible and something secret in every kind of place."""
    add = ctx.add
    add(Entry(section="about_me", field="about", text=f"{SECRET} about", private=True))
    add(Entry(section="hopes", field="hopes", text="to visit Dublin"))
    add(Entry(section="hopes", field="hopes", text=f"{SECRET} hope", private=True))
    add(Entry(section="off_balance", field="things", text=f"{SECRET} trigger",
              detail=f"{SECRET} detail", private=True))
    add(Entry(section="keeping_well", field="everyday", text=f"{SECRET} only", private=True))
    swim = Goal(what="Swim again", steps=[Step(text="find the pool"),
                                          Step(text=f"{SECRET} step", private=True)],
                notes=[ProgressNote(text=f"{SECRET} note", private=True)],
                life_area=LifeArea.HEALTH)
    add(swim)
    add(Goal(what=f"{SECRET} goal", life_area=LifeArea.HEALTH, private=True))
    add(LifeAreaNote(area=LifeArea.MONEY, now_text=f"{SECRET} money", private=True))
    add(Contact(name="Ann", phone="07700 900123", on_crisis_card=True))
    add(Contact(name=f"{SECRET} person", phone="07700 900999", on_crisis_card=True, private=True))
    add(Topic(text=f"{SECRET} topic", private=True))
    add(Topic(text="my tablets"))
    add(CheckIn(note=f"{SECRET} checkin", private=True))
    record_review(ctx, date=dt.date.today() - dt.timedelta(days=30), who_was_there="me and Priya",
                  agreed="keep going")


def start_together(qtbot, window, name: str = PRIYA) -> None:
    window.actions_["plan_together"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, TogetherStartDialog) and w.isVisible())
    assert not dialog.start_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.ctx.together_with == name)


def end_with_passphrase(qtbot, window, secret: str | None = None):
    """End the session the way it asks: with the plan's passphrase."""
    from conftest import PASSPHRASE
    from recoveryplan.ui.together import TogetherEndDialog

    window.actions_["end_together"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, TogetherEndDialog) and w.isVisible())
    qtbot.keyClicks(dialog.secret_edit, secret or PASSPHRASE)
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Return)
    if secret is None:
        qtbot.waitUntil(lambda: window.session.ctx.together_with == "", timeout=20_000)
    return dialog


def banner(window):
    return window.workspace.findChild(QWidget, "togetherBanner")


def test_nothing_just_for_me_can_be_seen_or_found(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    fill_plan(ctx)
    start_together(qtbot, window)
    workspace = window.workspace
    assert banner(window).isVisible()
    expected = hidden_total(ctx.plan)
    assert expected == 11
    assert f"{expected} entries just for me are hidden" in banner(window).label.text()
    assert PRIYA in banner(window).accessibleName()

    seen: list[str] = []
    for page in workspace.pages:
        workspace.go_to(page.spec.key)
        qtbot.waitUntil(page.isVisible)
        if page.spec.key == "goals":
            assert page.select_goal(ctx.plan.goals[0].id)
        seen += texts_of(window)
        if page.spec.key == "goals":
            assert page.steps_model.rowCount() == 1 and page.notes_model.rowCount() == 0
        if page.spec.key == "reviews":
            for opener in (page.show_changes_since_last,):
                dialog = opener()
                seen += texts_of(dialog)
                dialog.accept()
            page.view.setCurrentIndex(page.model.index(0, 0))
            dialog = page.show_snapshot()
            assert "Swim again" in dialog.text.toPlainText()
            seen += texts_of(dialog)
            dialog.accept()
    help_now = window.show_help_now()
    qtbot.waitUntil(help_now.isVisible)
    help_texts = texts_of(help_now)
    assert "Ann" in help_texts
    seen += help_texts
    help_now.accept()
    joined = "\n".join(seen)
    assert "Swim again" in joined and "to visit Dublin" in joined   # the walk does find text
    assert [t for t in seen if SECRET in t] == []

    # The navigation does not mark a section whose only writing is just for me.
    row = [p.spec.key for p in workspace.pages].index("keeping_well")
    assert "has writing" not in workspace.nav.item(row).data(Qt.ItemDataRole.AccessibleTextRole)

    end_with_passphrase(qtbot, window)
    workspace.go_to("hopes")
    assert SECRET in "\n".join(texts_of(window))


def test_new_entries_carry_the_attribution(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    mine = Entry(section="hopes", field="hopes", text="written alone")
    ctx.add(mine)
    start_together(qtbot, window)
    ctx.add(Entry(section="hopes", field="hopes", text="written together"))
    goal = Goal(what="Join the choir")
    ctx.add(goal)
    ctx.add(Contact(name="Dev"))
    today = dt.date.today()
    workspace = window.workspace
    workspace.go_to("hopes")
    page = workspace.current_page()
    box = page.box("hopes")
    model = box.model
    marks = {model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole):
             model.data(model.index(r, 0), AttributionRole) for r in range(model.rowCount())}
    assert marks[isolate("written alone")] == ""
    assert marks[isolate("written together")].startswith(f"Added together with {isolate(PRIYA)}, ")
    assert str(today.year) in marks[isolate("written together")]

    workspace.go_to("goals")
    goals = workspace.current_page()
    goals.select_goal(goal.id)
    assert goals.together.isVisible()
    assert goals.together.text().startswith(f"Added together with {isolate(PRIYA)}, ")
    workspace.go_to("my_people")
    people = workspace.current_page()
    people.view.setCurrentIndex(people.model.index(0, 0))
    assert people.together.text().startswith(f"Added together with {isolate(PRIYA)}, ")

    # Changing something written alone, together, attributes it too...
    ctx.update(mine, text="written alone, changed together")
    assert mine.together_with == PRIYA
    # ...and undo puts it back as it was.
    ctx.undo()
    assert mine.together_with == "" and mine.text == "written alone"


def test_undo_of_a_remove_in_a_session_keeps_the_owners_words_their_own(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    mine = Entry(section="hopes", field="hopes", text="written alone")
    ctx.add(mine)
    start_together(qtbot, window)
    ctx.remove(mine)
    ctx.undo()
    assert mine in ctx.plan.entries and mine.together_with == ""
    ctx.redo()
    ctx.undo()
    assert mine.together_with == ""


def test_lock_keeps_the_mode_and_unlock_shows_it_again(qtbot, open_window, unlock):
    window = open_window
    fill_plan(window.session.ctx)
    start_together(qtbot, window)
    assert window.lock()
    assert window.workspace is None
    qtbot.waitUntil(lambda: not window.together.button.isVisible())
    unlock(window)
    ctx = window.session.ctx
    assert ctx.together_with == PRIYA
    assert banner(window).isVisible()
    workspace = window.workspace
    workspace.go_to("hopes")
    assert SECRET not in "\n".join(texts_of(window))
    assert window.together.button.text() == "End planning together"


def test_ending_is_one_click_and_offers_a_review(qtbot, open_window, dialogs, ui_settings):
    window = open_window
    ui_settings.together_asks_passphrase = False        # the person chose so in Preferences
    ctx = window.session.ctx
    start_together(qtbot, window)
    ctx.add(Entry(section="hopes", field="hopes", text="to visit Dublin"))
    qtbot.mouseClick(window.together.button, Qt.MouseButton.LeftButton)
    assert ctx.together_with == ""
    assert not dialogs.shown                   # asked nothing
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, ReviewDialog) and w.isVisible()]
    bar = banner(window)
    assert bar.isVisible() and "finished planning together" in bar.label.text()
    qtbot.mouseClick(bar.record_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ReviewDialog) and w.isVisible())
    assert dialog.who_edit.text() == PRIYA
    qtbot.keyClicks(dialog.agreed_edit, "try the walking group")
    dialog.next_edit.no_date.setChecked(False)
    dialog.save()
    assert len(ctx.plan.reviews) == 1
    review = ctx.plan.reviews[0]
    assert review.who_was_there == PRIYA and review.agreed == "try the walking group"
    assert ctx.plan.info.last_reviewed_on == dt.date.today()
    assert ctx.plan.info.next_review_on == review.next_review_on is not None
    assert not bar.isVisible()
    # Recording the review is one undo step.
    ctx.undo()
    assert not ctx.plan.reviews and ctx.plan.info.last_reviewed_on is None


def test_a_review_recorded_during_the_session_is_not_offered_again_at_its_end(
        qtbot, open_window, ui_settings):
    window = open_window
    ui_settings.together_asks_passphrase = False
    ctx = window.session.ctx
    start_together(qtbot, window)
    window.actions_["record_review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.keyClicks(dialog.agreed_edit, "try the walking group")
    dialog.save()
    assert len(ctx.plan.reviews) == 1
    qtbot.mouseClick(window.together.button, Qt.MouseButton.LeftButton)
    assert ctx.together_with == ""
    bar = banner(window)
    assert not (bar.isVisible() and bar.record_button.isVisible()), bar.label.text()
    # The next session, without a review, offers one again.
    start_together(qtbot, window)
    qtbot.mouseClick(window.together.button, Qt.MouseButton.LeftButton)
    assert bar.isVisible() and "finished planning together" in bar.label.text()


def test_the_start_dialog_can_be_cancelled(qtbot, open_window):
    window = open_window
    window.actions_["plan_together"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, TogetherStartDialog) and w.isVisible())
    dialog.reject()
    assert window.session.ctx.together_with == ""
    assert not banner(window).isVisible()


@pytest.mark.parametrize("days, words", [(3, "My next review is due on"),
                                         (-2, "My review was due on"), (30, None)])
def test_review_reminder_on_opening(qtbot, make_window, created_plan, plan_dir, unlock, days, words):
    from recoveryplan import storage
    from conftest import PASSPHRASE
    db = storage.open_plan(plan_dir, PASSPHRASE)
    info = db.load_plan().info
    info.next_review_on = dt.date.today() + dt.timedelta(days=days)
    db.save_info(info)
    db.close()
    window = unlock(make_window())
    reminder = window.workspace.findChild(QWidget, "reviewReminder")
    if words is None:
        assert not reminder.isVisible()
        return
    assert reminder.isVisible() and words in reminder.label.text()
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()]
    qtbot.mouseClick(reminder.close_button, Qt.MouseButton.LeftButton)
    assert not reminder.isVisible()


def test_ending_asks_for_the_passphrase_first(qtbot, open_window, dialogs):
    window = open_window
    ctx = window.session.ctx
    fill_plan(ctx)
    start_together(qtbot, window)
    # The toolbar button, the banner's button and the menu all ask.
    qtbot.mouseClick(window.together.button, Qt.MouseButton.LeftButton)
    from recoveryplan.ui.together import TogetherEndDialog
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, TogetherEndDialog) and w.isVisible())
    assert ctx.together_with == PRIYA
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert ctx.together_with == PRIYA and not dialog.isVisible()
    wrong = end_with_passphrase(qtbot, window, "not my passphrase at all")
    qtbot.waitUntil(lambda: "isn't the passphrase" in wrong.error_label.text(), timeout=20_000)
    assert ctx.together_with == PRIYA
    assert SECRET not in "\n".join(texts_of(window))
    wrong.reject()
    end_with_passphrase(qtbot, window)
    assert ctx.together_with == ""
    window.workspace.go_to("hopes")
    assert SECRET in "\n".join(texts_of(window))


def test_undo_labels_never_name_a_hidden_entry(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    fill_plan(ctx)
    assert window._undo.isEnabled()
    start_together(qtbot, window)
    # Nothing from before the session can be undone or redone in it.
    assert not window._undo.isEnabled() and not window._redo.isEnabled()
    window._undo.trigger()
    assert SECRET not in "\n".join(texts_of(window))
    mine = Entry(section="hopes", field="hopes", text="to swim")
    ctx.add(mine)
    ctx.update(mine, text="to swim in the sea")
    assert window._undo.text().startswith("Undo ")
    ctx.update(mine, private=True)          # now just for me, and hidden
    for action in (window._undo, window._redo):
        assert action.text() in ("Undo my last change", "Redo my last change", "Redo"), action.text()
    window._undo.trigger()
    assert not mine.private and "swim" not in window._redo.text()


def test_after_starting_together_the_keyboard_is_back_in_the_window(qtbot, open_window):
    """A window manager may leave the keyboard nowhere when the dialog
    closes: then F1 would not open Need help now? until a click. The window
    the dialog belonged to takes the keyboard back."""
    window = open_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.actions_["plan_together"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, TogetherStartDialog) and w.isVisible())
    qtbot.keyClicks(dialog.name_edit, PRIYA)
    # What the window manager did in the walk: nothing has the keyboard once the dialog is gone.
    dialog.finished.connect(lambda *_a: QApplication.setActiveWindow(None))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.ctx.together_with == PRIYA)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
