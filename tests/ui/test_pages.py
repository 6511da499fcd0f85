"""Section pages: typing, lists, goals, people, topics, check-ins, privacy."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QLabel,
                               QLineEdit, QPlainTextEdit, QSlider, QWidget)

from recoveryplan import storage
from recoveryplan.i18n import isolate, set_language
from recoveryplan.plans.model import (CheckIn, Entry, Goal, GoalStatus, LifeArea, Plan,
                                      Topic)
from recoveryplan.plans.sections import SECTIONS, SECTIONS_BY_KEY, SectionKind
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.pages import make_page


@pytest.fixture
def ctx(qapp):
    context = PlanContext(PlanEditor(Plan.new(), MemoryStore()))
    yield context
    context.detach()


@pytest.fixture
def page_for(qtbot, ctx):
    def make(key: str, context: PlanContext | None = None):
        page = make_page(SECTIONS_BY_KEY[key], context or ctx)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page
    return make


def find(page: QWidget, cls, name: str):
    widget = page.findChild(cls, name)
    assert widget is not None, name
    return widget


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


FIELD_SECTIONS = [s.key for s in SECTIONS if s.kind == SectionKind.FIELDS]


@pytest.mark.parametrize("key", FIELD_SECTIONS)
def test_typing_into_every_field_is_saved(qtbot, ctx, page_for, key):
    page = page_for(key)
    spec = SECTIONS_BY_KEY[key]
    signals = []
    page.content_changed.connect(lambda: signals.append(1))
    assert not page.has_content()
    for field in spec.fields:
        edit = find(page, QPlainTextEdit, f"field-{key}-{field.key}")
        assert edit.placeholderText().startswith("For example")
        assert edit.accessibleName()
        type_into(qtbot, edit, f"my {field.key}")
        if field.detail_label:
            type_into(qtbot, find(page, QPlainTextEdit, f"field-{key}-{field.key}-detail"), "what helps")
    ctx.flush_pending()
    for field in spec.fields:
        entries = ctx.plan.entries_for(key, field.key)
        assert [e.text for e in entries] == [f"my {field.key}"]
        if field.detail_label:
            assert entries[0].detail == "what helps"
    assert page.has_content() and signals


def test_typing_is_committed_after_a_pause(qtbot, ctx, page_for):
    page = page_for("about_me")
    type_into(qtbot, find(page, QPlainTextEdit, "field-about_me-about"), "I like films")
    qtbot.waitUntil(lambda: bool(ctx.plan.entries_for("about_me", "about")))
    assert ctx.plan.entries_for("about_me", "about")[0].text == "I like films"


def test_list_field_add_another_remove_move_and_undo(qtbot, ctx, page_for):
    page = page_for("warning_signs")
    box = page.box("i_notice")
    edit = box.text_edit
    type_into(qtbot, edit, "first")
    ctx.flush_pending()
    assert box.current() is ctx.plan.entries[0]  # the new entry is chosen
    type_into(qtbot, edit, " sign")
    qtbot.mouseClick(box.buttons.add_button, Qt.MouseButton.LeftButton)
    assert edit.toPlainText() == "" and edit.hasFocus()
    type_into(qtbot, edit, "second")
    ctx.flush_pending()
    assert [e.text for e in ctx.plan.entries] == ["first sign", "second"]
    box.view.setFocus()
    qtbot.keyClick(box.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [e.text for e in ctx.plan.entries] == ["second", "first sign"]
    qtbot.mouseClick(box.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert [e.text for e in ctx.plan.entries] == ["first sign"]
    ctx.undo()
    assert [e.text for e in ctx.plan.entries] == ["second", "first sign"]
    ctx.undo()
    ctx.undo()  # the second entry, typed in one go
    assert [e.text for e in ctx.plan.entries] == ["first sign"]
    assert box.model.rowCount() == 1


def test_undo_refreshes_the_text_on_screen(qtbot, ctx, page_for):
    page = page_for("about_me")
    edit = find(page, QPlainTextEdit, "field-about_me-about")
    type_into(qtbot, edit, "hello")
    ctx.flush_pending()
    ctx.end_typing_burst()
    type_into(qtbot, edit, " there")
    ctx.undo()  # commits " there" first, then undoes it
    assert edit.toPlainText() == "hello"
    ctx.redo()
    assert edit.toPlainText() == "hello there"


def test_just_for_me_toggle_and_planning_together(qtbot, ctx, page_for):
    ctx.add(Entry(section="warning_signs", field="i_notice", text="open"))
    ctx.add(Entry(section="warning_signs", field="i_notice", text="hidden one", private=True))
    ctx.add(Entry(section="warning_signs", field="i_notice", text="hidden two"))
    page = page_for("warning_signs")
    box = page.box("i_notice")
    box.select(ctx.plan.entries[2])
    assert box.just_for_me.accessibleName() == "Just for me"
    qtbot.mouseClick(box.just_for_me, Qt.MouseButton.LeftButton)
    assert ctx.plan.entries[2].private
    ctx.together_with = "Jo"
    assert box.model.rowCount() == 1
    # No hint in the section of where (or how many) entries are hidden.
    assert not [w for w in box.findChildren(QLabel) if w.isVisible() and "hidden" in w.text()]
    assert "hidden" not in box.text_edit.toPlainText()
    qtbot.mouseClick(box.buttons.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, box.text_edit, "together words")
    ctx.flush_pending()
    added = ctx.plan.entries[-1]
    assert added.together_with == "Jo"
    box.select(added)
    assert box.together.text().startswith(f"Added together with {isolate('Jo')}, ")
    ctx.together_with = ""
    assert box.model.rowCount() == 4


def test_single_private_field_hidden_while_together(qtbot, ctx, page_for):
    ctx.add(Entry(section="about_me", field="about", text="secret", private=True))
    page = page_for("about_me")
    box = page.box("about")
    assert box.text_edit.toPlainText() == "secret"
    ctx.together_with = "Jo"
    assert not box.text_edit.isVisible() and not box.isVisible()
    assert not [w for w in page.findChildren(QLabel) if w.isVisible() and "hidden" in w.text()]
    ctx.together_with = ""
    assert box.isVisible() and box.text_edit.toPlainText() == "secret"


def test_goals_page(qtbot, ctx, page_for):
    page = page_for("goals")
    qtbot.mouseClick(find(page, QAbstractButton, "addGoalButton"), Qt.MouseButton.LeftButton)
    goal = ctx.plan.goals[0]
    type_into(qtbot, find(page, QPlainTextEdit, "goalWhat"), "Swim again")
    type_into(qtbot, find(page, QPlainTextEdit, "goalWhy"), "I feel calm")
    ctx.flush_pending()
    assert (goal.what, goal.why) == ("Swim again", "I feel calm")
    area = find(page, QComboBox, "goalArea")
    area.setCurrentIndex(area.findData(LifeArea.HEALTH.value))
    assert goal.life_area == LifeArea.HEALTH
    type_into(qtbot, find(page, QLineEdit, "newStep"), "Find the pool")
    qtbot.mouseClick(find(page, QAbstractButton, "addStepButton"), Qt.MouseButton.LeftButton)
    type_into(qtbot, find(page, QLineEdit, "newStep"), "Buy goggles")
    qtbot.keyClick(find(page, QLineEdit, "newStep"), Qt.Key.Key_Return)
    assert [s.text for s in goal.steps] == ["Find the pool", "Buy goggles"]
    steps = find(page, QAbstractItemView, "goalSteps")
    steps.setFocus()
    steps.setCurrentIndex(steps.model().index(0, 0))
    qtbot.keyClick(steps, Qt.Key.Key_Space)
    assert goal.steps[0].done_on == dt.date.today()
    assert page.model.data(page.model.index(0, page.model.COL_STEPS)) == "1 of 2"
    status = find(page, QComboBox, "goalStatus")
    status.setCurrentIndex(status.findData(GoalStatus.ACHIEVED.value))
    assert goal.status == GoalStatus.ACHIEVED and goal.achieved_on == dt.date.today()
    assert page.achieved.isVisible()
    page.target.no_date.setChecked(False)
    assert goal.target_date == dt.date.today()
    type_into(qtbot, find(page, QPlainTextEdit, "newNote"), "Went today")
    qtbot.mouseClick(find(page, QAbstractButton, "addNoteButton"), Qt.MouseButton.LeftButton)
    assert goal.notes[0].text == "Went today" and goal.notes[0].date == dt.date.today()
    ctx.undo()
    assert goal.notes == []


def test_life_areas_page_creates_notes_and_links_goals(qtbot, ctx, page_for):
    goal = Goal(what="Join a choir", life_area=LifeArea.FRIENDS)
    ctx.add(goal)
    page = page_for("life_beyond")
    type_into(qtbot, find(page, QPlainTextEdit, "area-friends-now_text"), "I stay in a lot")
    type_into(qtbot, find(page, QPlainTextEdit, "area-friends-hope_text"), "A group to sing with")
    ctx.flush_pending()
    note = ctx.plan.life_area(LifeArea.FRIENDS)
    assert (note.now_text, note.hope_text) == ("I stay in a lot", "A group to sing with")
    assert len(ctx.plan.life_areas) == 1
    link = next(b for b in page.boxes[LifeArea.FRIENDS].findChildren(QAbstractButton)
                if b.text() == "Join a choir")
    with qtbot.waitSignal(page.show_goal) as blocker:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert blocker.args == [goal.id]


def test_contacts_page(qtbot, ctx, page_for):
    page = page_for("my_people")
    qtbot.mouseClick(find(page, QAbstractButton, "addContactButton"), Qt.MouseButton.LeftButton)
    type_into(qtbot, find(page, QLineEdit, "contact-name"), "Ann")
    type_into(qtbot, find(page, QLineEdit, "contact-phone"), "07700 900123")
    type_into(qtbot, find(page, QLineEdit, "contact-email"), "ann@example.org")
    qtbot.mouseClick(find(page, QAbstractButton, "contact-on_crisis_card"), Qt.MouseButton.LeftButton)
    ctx.flush_pending()
    contact = ctx.plan.contacts[0]
    assert (contact.name, contact.phone, contact.email) == ("Ann", "07700 900123", "ann@example.org")
    assert contact.on_crisis_card
    assert page.model.data(page.model.index(0, 0)) == isolate("Ann")


def test_appointments_page(qtbot, ctx, page_for):
    page = page_for("appointments")
    type_into(qtbot, find(page, QLineEdit, "newTopic"), "My tablets")
    qtbot.mouseClick(find(page, QAbstractButton, "addTopicButton"), Qt.MouseButton.LeftButton)
    type_into(qtbot, find(page, QLineEdit, "newTopic"), "Sleep")
    qtbot.keyClick(find(page, QLineEdit, "newTopic"), Qt.Key.Key_Return)
    view = find(page, QAbstractItemView, "topicsView")
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    first = ctx.plan.topics[0]
    assert first.done_on == dt.date.today()
    assert view.model().record(1) is first  # ticked ones go to the end
    page.next_date.no_date.setChecked(False)
    assert ctx.plan.info.next_appointment_on == dt.date.today()
    ctx.undo()
    assert ctx.plan.info.next_appointment_on is None
    assert page.next_date.date() is None


def test_checkins_page_add_edit_delete(qtbot, ctx, page_for):
    page = page_for("checkins")
    assert "not a test or a clinical measure" in find(page, QWidget, "checkinDisclaimer").text()
    hope = find(page, QSlider, "checkin-hope")
    assert hope.accessibleName() == "How hopeful do I feel about my future?"
    hope.setFocus()
    for _ in range(3):
        qtbot.keyClick(hope, Qt.Key.Key_Right)
    assert page.values["hope"].text() == "8"
    assert "8 out of 10" in hope.accessibleDescription()
    for key in ("control", "beyond"):                 # each set by the person, at 5
        slider = find(page, QSlider, f"checkin-{key}")
        slider.setFocus()
        qtbot.keyClick(slider, Qt.Key.Key_Right)
        qtbot.keyClick(slider, Qt.Key.Key_Left)
    type_into(qtbot, find(page, QPlainTextEdit, "checkinNote"), "good week")
    qtbot.mouseClick(find(page, QAbstractButton, "saveCheckinButton"), Qt.MouseButton.LeftButton)
    checkin = ctx.plan.checkins[0]
    assert (checkin.hope, checkin.control, checkin.beyond, checkin.note) == (8, 5, 5, "good week")
    assert hope.value() == 5  # ready for a new one
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.buttons.add_button, Qt.MouseButton.LeftButton)  # "Change this check-in"
    assert hope.value() == 8
    find(page, QSlider, "checkin-control").setValue(2)
    qtbot.mouseClick(find(page, QAbstractButton, "saveCheckinButton"), Qt.MouseButton.LeftButton)
    assert checkin.control == 2 and len(ctx.plan.checkins) == 1
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.buttons.remove_button, Qt.MouseButton.LeftButton)
    assert ctx.plan.checkins == []
    ctx.undo()
    assert ctx.plan.checkins == [checkin] and checkin.control == 2
    ctx.undo()
    assert checkin.control == 5


def test_reviews_page_read_only(ctx, page_for):
    page = page_for("reviews")
    assert not page.has_content() and page.empty.isVisible()
    assert page.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_every_page_retranslates_and_names_its_controls(qtbot, ctx, page_for):
    ctx.add(Goal(what="Swim"))
    ctx.add(Topic(text="sleep"))
    ctx.add(CheckIn())
    pages = [page_for(spec.key) for spec in SECTIONS]
    set_language("qps-ploc")
    for page in pages:
        QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
        assert page.heading.text().startswith("[")
        page.retranslate()
    for page in pages:
        for widget in page.findChildren(QWidget):
            if not widget.isVisibleTo(page):
                continue
            if isinstance(widget, (QAbstractButton, QPlainTextEdit, QLineEdit, QComboBox, QSlider,
                                   QAbstractItemView)) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                if widget.parent() is not None and widget.parent().inherits("QAbstractSpinBox"):
                    continue
                if widget.objectName().startswith("qt_"):
                    continue
                assert widget.accessibleName(), (page.objectName(), widget.objectName(), type(widget))
    set_language("en")
    for page in pages:
        page.retranslate()
        assert not page.heading.text().startswith("[")


def test_typing_reaches_a_real_encrypted_plan(qtbot, tmp_path, page_for):
    folder = tmp_path / "plan"
    db, _key = storage.create_plan(folder, "purple tiger river lamp", Plan.new("Sam"))
    context = PlanContext(PlanEditor(db.load_plan(), db))
    page = page_for("warning_signs", context)
    type_into(qtbot, find(page, QPlainTextEdit, "field-warning_signs-i_notice"), "I stop sleeping")
    context.flush_pending()
    context.detach()
    db.close()
    reopened = storage.open_plan(folder, "purple tiger river lamp")
    try:
        entries = reopened.load_plan().entries_for("warning_signs", "i_notice")
        assert [e.text for e in entries] == ["I stop sleeping"]
    finally:
        reopened.close()


def test_the_name_i_like_to_be_called(qtbot, ctx, page_for):
    page = page_for("about_me")
    edit = find(page, QLineEdit, "field-about_me-name")
    assert edit.accessibleName() == "The name I like to be called"
    qtbot.keyClicks(edit, "Jo")
    qtbot.waitUntil(lambda: ctx.plan.info.owner_name == "Jo")
    assert page.has_content()
    ctx.undo()
    assert ctx.plan.info.owner_name == ""
    assert edit.text() == ""
