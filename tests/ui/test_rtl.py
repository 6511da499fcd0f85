"""Right to left and mixed writing: isolates for display only, the chart
mirrored, dates in the language's form, whole-sentence Undo texts and menu
shortcuts that read left to right."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QStyle, QStyledItemDelegate,
                               QStyleFactory, QStyleOptionMenuItem, QStyleOptionViewItem, QWidget)

from recoveryplan import i18n
from recoveryplan.i18n import FSI, LRI, PDI, isolate, ltr
from recoveryplan.plans.model import (COLLECTIONS, CheckIn, Contact, Entry, Goal, Plan,
                                      ProgressNote, Review, Step, Topic)
from recoveryplan.plans.progress import Milestone
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.about import AboutDialog
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.help_now import HelpNowDialog
from recoveryplan.ui.language import LanguageSwitcher
from recoveryplan.ui.models.base import RecordTableModel
from recoveryplan.ui.models.entries import EntryListModel
from recoveryplan.ui.models.goals import GoalTableModel, NoteListModel, StepListModel
from recoveryplan.ui.models.people import (CheckInTableModel, ContactTableModel, ReviewTableModel,
                                           TopicListModel)
from recoveryplan.ui.progress.chart import CheckInChart
from recoveryplan.ui.widgets.shortcut_style import ShortcutDirectionStyle
from recoveryplan.ui.widgets.controls import OptionalDateEdit
from recoveryplan.ui.widgets.text import GrowingTextEdit

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
ISOLATES = (LRI, "\u2067", FSI, PDI)
PHONE = "07700 900123"


@pytest.fixture
def ctx(qapp):
    context = PlanContext(PlanEditor(Plan.new("Sam"), MemoryStore()))
    yield context
    context.detach()


@pytest.fixture
def rtl(qapp):
    """The whole app laid out right to left, as in Arabic."""
    qapp.setLayoutDirection(RTL)
    yield
    qapp.setLayoutDirection(LTR)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def stored_text(plan: Plan) -> list[str]:
    """Every string of every record, children included, as it would be saved."""
    out = list(_strings(plan.info.to_dict()))
    for attr in COLLECTIONS:
        for record in getattr(plan, attr):
            out.extend(_strings(record.to_dict()))
    return out


def test_phone_cell_shows_left_to_right_and_edits_the_exact_number(ctx, rtl):
    ctx.add(Contact(name="Megan Ellis", relationship="My sister (older).", phone=PHONE,
                    email="megan@example.org"))
    model = ContactTableModel(ctx)
    phone = model.index(0, ContactTableModel.COL_PHONE)
    assert model.data(phone) == f"{LRI}{PHONE}{PDI}"
    assert model.data(phone, Qt.ItemDataRole.EditRole) == PHONE
    assert model.data(model.index(0, ContactTableModel.COL_EMAIL)) == ltr("megan@example.org")
    name = model.index(0, ContactTableModel.COL_NAME)
    assert model.data(name) == f"{FSI}Megan Ellis{PDI}"
    assert model.data(name, Qt.ItemDataRole.EditRole) == "Megan Ellis"
    relationship = model.index(0, ContactTableModel.COL_RELATIONSHIP)
    assert model.data(relationship) == isolate("My sister (older).")
    # screen readers and type-to-find get the words without the isolates
    spoken = model.data(phone, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == PHONE
    assert model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, "Meg") == [name]


def test_a_delegate_edits_the_stored_text_not_the_shown_text(ctx, rtl, qtbot):
    contact = Contact(name="أحمد", phone=PHONE)
    ctx.add(contact)
    model = ContactTableModel(ctx)
    parent = QWidget()
    qtbot.addWidget(parent)
    delegate = QStyledItemDelegate(parent)
    for column, value in ((ContactTableModel.COL_PHONE, PHONE), (ContactTableModel.COL_NAME, "أحمد")):
        index = model.index(0, column)
        editor = delegate.createEditor(parent, QStyleOptionViewItem(), index)
        delegate.setEditorData(editor, index)
        assert isinstance(editor, QLineEdit) and editor.text() == value
        editor.setText(editor.text() + " 2")
        delegate.setModelData(editor, model, index)
    assert (contact.phone, contact.name) == (PHONE + " 2", "أحمد 2")


def test_editing_through_every_model_never_stores_isolates(ctx, rtl):
    goal = Goal(what="Bake bread (sourdough).")
    ctx.add(goal)
    ctx.add(Step(text="Buy flour."), goal)
    ctx.add(ProgressNote(text="Went well!"), goal)
    ctx.add(Entry(section="warning_signs", field="i_notice", text="أنام قليلا.", detail="Rest."))
    ctx.add(Contact(name="Ann", phone=PHONE, best_times="After 6pm.", can_help_with="Lifts."))
    ctx.add(Topic(text="Sleep (again)."))
    ctx.add(CheckIn(note="A good week."))
    ctx.add(Review(who_was_there="Me and Priya.", agreed="Keep going."))
    ctx.together_with = "Priya (CPN)"
    steps, notes = StepListModel(ctx), NoteListModel(ctx)
    steps.set_goal(goal)
    notes.set_goal(goal)
    models: list[RecordTableModel] = [
        GoalTableModel(ctx), steps, notes, EntryListModel(ctx, "warning_signs", "i_notice"),
        ContactTableModel(ctx), TopicListModel(ctx), CheckInTableModel(ctx), ReviewTableModel(ctx)]
    edited = 0
    for model in models:
        for column in range(model.columnCount()):
            index = model.index(0, column)
            shown = model.data(index)
            if not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                continue
            stored = model.data(index, Qt.ItemDataRole.EditRole)
            assert shown != stored or not stored                         # shown is isolated
            # what an editor would hand back: the edit text, changed
            assert model.setData(index, model.data(index, Qt.ItemDataRole.EditRole) + " more")
            edited += 1
    assert edited >= 10
    texts = stored_text(ctx.plan)
    assert any(t.endswith(" more") for t in texts)
    assert not [t for t in texts if any(mark in t for mark in ISOLATES)]


def _chart(qtbot) -> CheckInChart:
    start = dt.date(2026, 1, 1)
    checkins = [CheckIn(at=dt.datetime(2026, 1, 1 + i, 12, tzinfo=dt.timezone.utc), hope=i, control=5,
                        beyond=10 - i) for i in range(10)]
    chart = CheckInChart()
    qtbot.addWidget(chart)
    chart.resize(700, 380)
    chart.set_data(checkins, (start, dt.date(2026, 1, 10)),
                   [Milestone(dt.date(2026, 1, 5), "goal", "Bake bread (sourdough).")])
    chart.show()
    return chart


def _has_ink(image, rect, background: QColor) -> bool:
    r = rect.toRect().intersected(image.rect())
    return any(image.pixelColor(x, y) != background
               for x in range(r.left(), r.right() + 1) for y in range(r.top(), r.bottom() + 1))


@pytest.mark.parametrize("direction", [LTR, RTL])
def test_chart_legend_names_are_drawn_in_both_directions(qtbot, direction):
    chart = _chart(qtbot)
    chart.setLayoutDirection(direction)
    image = chart.grab().toImage()
    lay = chart._layout
    background = chart.palette().color(QPalette.ColorRole.Base)
    assert len(lay.legend_labels) == len(lay.legend) >= 4
    for (sample, _kind, _text), label in zip(lay.legend, lay.legend_labels):
        assert chart.rect().contains(label.toRect())
        assert _has_ink(image, label, background)
        if direction == RTL:
            assert label.right() <= sample.left()       # the name reads on from its sample
        else:
            assert label.left() >= sample.right()


def test_chart_time_runs_right_to_left_in_rtl_with_the_same_series(qtbot):
    chart = _chart(qtbot)
    chart.grab()
    series = chart.series()
    first, last = series["hope"][0][0], series["hope"][-1][0]
    assert chart.x_for(first) < chart.x_for(last)
    plot_ltr = chart._layout.plot
    chart.setLayoutDirection(RTL)
    chart.grab()
    assert chart.series() == series
    assert chart.x_for(first) > chart.x_for(last)
    lay = chart._layout
    assert lay.plot.left() == pytest.approx(chart.width() - plot_ltr.right())
    # the scale stands on the right of the plot, the goal's name left of its mark
    assert all(rect.left() >= lay.plot.right() for rect, _t in lay.y_labels)
    (x, _kind), = lay.milestones
    (label, text), = lay.milestone_labels
    assert label.right() <= x and text == isolate(text[1:-1]) and "Bake" in text


def test_text_box_lines_up_with_the_persons_own_words(qtbot):
    edit = GrowingTextEdit()
    qtbot.addWidget(edit)
    option = edit.document().defaultTextOption

    def side():
        return option().alignment() & (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight)

    assert side() == Qt.AlignmentFlag.AlignLeft
    edit.setPlainText("أنا بخير (اليوم).")
    assert side() == Qt.AlignmentFlag.AlignRight
    assert option().alignment() & Qt.AlignmentFlag.AlignAbsolute
    assert option().textDirection() == Qt.LayoutDirection.LayoutDirectionAuto   # each paragraph its own
    edit.setPlainText("07700 900123")            # no letters: the window's side
    assert side() == Qt.AlignmentFlag.AlignLeft
    edit.setLayoutDirection(RTL)
    assert side() == Qt.AlignmentFlag.AlignRight
    edit.setPlainText("I'm fine (today).")
    assert side() == Qt.AlignmentFlag.AlignLeft


def test_about_text_follows_the_layout_direction(qtbot, rtl):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    option = dialog.text.document().defaultTextOption()
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert option.textDirection() == RTL
    dialog.setLayoutDirection(LTR)
    option = dialog.text.document().defaultTextOption()
    assert option.alignment() & Qt.AlignmentFlag.AlignLeft and option.textDirection() == LTR


def test_help_now_isolates_words_and_keeps_numbers_as_typed(qtbot, ctx, rtl):
    ctx.add(Contact(name="Megan", phone=PHONE, can_help_with="Talking (mostly).",
                    on_crisis_card=True))
    dialog = HelpNowDialog(ctx)
    qtbot.addWidget(dialog)
    phone = dialog.findChildren(QLabel, "phoneLabel")[0]
    assert phone.text() == PHONE                      # copied as it is, to dial
    assert phone.alignment() & Qt.AlignmentFlag.AlignRight
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(isolate("Talking (mostly).") in text for text in texts)
    dialog.done(0)


def test_undo_texts_are_whole_translated_sentences(qtbot, ctx):
    parent = QWidget()
    qtbot.addWidget(parent)
    undo, redo = ctx.undo_actions(parent)
    assert (undo.objectName(), redo.objectName()) == ("undoAction", "redoAction")
    assert undo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert (undo.text(), undo.isEnabled()) == ("Undo", False)
    entry = Entry(section="hopes", field="hopes", text="Travel")
    ctx.add(entry)
    ctx.update(entry, text="Travel far")
    step = ctx.undo_stack.undoText()
    assert undo.text() == f"Undo {step}" and undo.isEnabled()
    for language in ("pl", i18n.PSEUDO):
        i18n.set_language(language)
        tr = i18n.translator(language)
        step = ctx.undo_stack.undoText()
        assert step.startswith(tr._("typing in “{field}”").split("{")[0])
        assert undo.text() == tr._("Undo {action}").format(action=step)
    assert undo.text().startswith(i18n._("Undo {action}").split("{")[0] + "[")  # one sentence around the step
    undo.trigger()
    assert entry.text == "Travel"
    assert redo.text() == i18n._("Redo {action}").format(action=ctx.undo_stack.redoText())
    assert redo.isEnabled()
    undo.trigger()
    assert entry not in ctx.plan.entries
    assert undo.text() == i18n._("Undo") and not undo.isEnabled()
    redo.trigger()
    redo.trigger()
    assert entry.text == "Travel far"


@pytest.fixture
def switcher(qapp):
    languages = LanguageSwitcher(qapp)
    yield languages
    languages.apply("en")


def test_language_sets_the_locale_of_date_boxes_open_and_new(qtbot, switcher, qapp):
    dates = OptionalDateEdit()
    qtbot.addWidget(dates)
    dates.set_date(dt.date(2027, 3, 31))
    dates.show()
    switcher.apply("en")
    assert QLocale().name() == "en_GB"
    assert dates.date_edit.text() == "31/03/2027"
    switcher.apply("pl")
    assert dates.date_edit.text() == "31.03.2027"
    switcher.apply("cy")
    assert dates.date_edit.text() == "31/03/2027"        # the year in full, not 27
    switcher.apply("ar")
    assert qapp.layoutDirection() == RTL
    assert "2027" in dates.date_edit.text()               # digits as in the app's other dates
    fresh = OptionalDateEdit()
    qtbot.addWidget(fresh)
    fresh.set_date(dt.date(2027, 3, 31))
    assert fresh.date_edit.text() == dates.date_edit.text()
    assert dates.date() == fresh.date() == dt.date(2027, 3, 31)


def _menu_item(style, text: str):
    """One menu item ("label<TAB>shortcut", as QMenu hands it over) drawn right to left."""
    image = QImage(240, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setLayoutDirection(RTL)
    option = QStyleOptionMenuItem()
    option.text, option.rect, option.direction = text, QRect(0, 0, 240, 30), RTL
    option.menuItemType = QStyleOptionMenuItem.MenuItemType.Normal
    option.state = QStyle.StateFlag.State_Enabled
    option.palette, option.fontMetrics = QApplication.palette(), QFontMetrics(QApplication.font())
    option.reservedShortcutWidth = 80
    style.drawControl(QStyle.ControlElement.CE_MenuItem, option, painter, None)
    painter.end()
    return image


def test_menu_shortcuts_read_left_to_right_in_rtl_menus(qapp, rtl):
    """Qt lays a shortcut out in the menu's direction: "Ctrl++" came out as "++Ctrl"."""
    plain, ours = QStyleFactory.create("fusion"), ShortcutDirectionStyle("fusion")
    item = "نص أكبر\tCtrl++"
    assert _menu_item(ours, item) == _menu_item(plain, f"نص أكبر\t{ltr('Ctrl++')}")
    assert _menu_item(ours, item) != _menu_item(plain, item)


def test_choosing_arabic_keeps_the_menus_shortcuts_left_to_right(qapp, switcher):
    """The style that keeps shortcuts left to right comes with a
    right-to-left language, chosen through the app's language switcher."""
    switcher.apply("ar")
    item = "نص أكبر\tCtrl++"
    plain = QStyleFactory.create("fusion")
    assert _menu_item(qapp.style(), item) == _menu_item(plain, f"نص أكبر\t{ltr('Ctrl++')}")
