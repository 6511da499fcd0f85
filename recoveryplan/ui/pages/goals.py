"""My goals: a list of goals and, under it, everything about the chosen one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QLabel,
                               QVBoxLayout, QWidget)

from ...i18n import N_, _, format_date, pgettext
from ...plans.model import Goal, GoalStatus, LifeArea, ProgressNote, Record, Step, today
from ...plans.sections import SectionSpec
from ...plans.validation import clean_text
from ..context import PlanContext
from ..models.goals import GoalTableModel, NoteListModel, StepListModel
from ...plans.labels import FIELD_LABELS
from ..fields.binding import TextBinding
from ..fields.together_note import TogetherNote
from ..widgets.controls import (MIN_TARGET, JustForMeCheck, ListButtons, OptionalDateEdit,
                                make_button, retranslate_button, tab_chain)
from ..widgets.lists import GrowingListView, GrowingTableView
from ..widgets.text import CleanLineEdit, GrowingTextEdit
from ..fields.undo_notice import UndoNotice
from .base import SectionPage


def move_among_visible(ctx: PlanContext, model, view: QAbstractItemView, step: int) -> None:
    """Move the current record one place up or down among the rows shown."""
    row = view.currentIndex().row()
    record, neighbour = model.record(row), model.record(row + step) if row + step >= 0 else None
    if record is None or neighbour is None:
        return
    ctx.move(record, ctx.editor.siblings(record).index(neighbour))
    view.setCurrentIndex(model.index_of(record))


class GoalsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self._quiet = False
        self._build_list()
        self._build_detail()
        self.layout_.addStretch(1)
        ctx.record_changed.connect(self._on_plan_changed)
        ctx.together_changed.connect(self._refresh_detail)
        self.on_retranslate(self._retranslate)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._refresh_detail()
        self._check_content()

    # -- building ---------------------------------------------------------------------
    def _build_list(self) -> None:
        group = QGroupBox(self.body)
        self.tr_text(group, N_("My goals"))
        box = QVBoxLayout(group)
        self.model = GoalTableModel(self.ctx, self)
        self.view = GrowingTableView(group)
        self.view.setObjectName("goalsView")
        self.view.setModel(self.model)
        self.tr_name(self.view, N_("My goals"))
        self.empty = QLabel(group)
        self.empty.setWordWrap(True)
        self.tr_text(self.empty, N_("No goals yet, and that is fine. A goal can be small, like "
                                    "\u201cwalk to the park on Sundays\u201d. When I am ready, "
                                    "I can add one here."))
        self.buttons = ListButtons(self.view, N_("Add a goal"), N_("Remove this goal"), group, name="Goal")
        self.goal_undo = UndoNotice(self.ctx, group, "goalUndoNotice")
        self.goal_undo.undone.connect(self.select_record)
        box.addWidget(self.empty)
        box.addWidget(self.view)
        box.addWidget(self.buttons)
        box.addWidget(self.goal_undo)
        self.layout_.addWidget(group)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(lambda: self._on_current_changed(self.view.currentIndex()))
        self.buttons.add_clicked.connect(self.add_goal)
        self.buttons.remove_clicked.connect(self.remove_goal)
        self.buttons.move_clicked.connect(lambda step: move_among_visible(self.ctx, self.model, self.view, step))
        self.view.activated.connect(lambda _i: self.what.setFocus())

    def _labelled(self, layout, widget, source: str) -> None:
        layout.addWidget(self.label_for(widget, source, self.detail))
        layout.addWidget(widget)

    def _build_detail(self) -> None:
        self.detail = QGroupBox(self.body)
        self.detail.setObjectName("goalDetail")
        self.tr_text(self.detail, N_("About this goal"))
        box = QVBoxLayout(self.detail)
        self.what = GrowingTextEdit(self.detail, min_lines=1)
        self.what.setObjectName("goalWhat")
        self.why = GrowingTextEdit(self.detail)
        self.why.setObjectName("goalWhy")
        self.who = GrowingTextEdit(self.detail, min_lines=1)
        self.who.setObjectName("goalWho")
        self.area = QComboBox(self.detail)
        self.area.setObjectName("goalArea")
        self.area.setMinimumHeight(MIN_TARGET)
        self.status = QComboBox(self.detail)
        self.status.setObjectName("goalStatus")
        self.status.setMinimumHeight(MIN_TARGET)
        self.achieved = QLabel(self.detail)
        self.target = OptionalDateEdit(N_("No target date"), self.detail)
        self.target.setObjectName("goalTarget")
        self.just_for_me = JustForMeCheck(self.detail)
        self.together = TogetherNote(self.detail)

        self._labelled(box, self.what, FIELD_LABELS[("goal", "what")])
        self.tr_name(self.what, FIELD_LABELS[("goal", "what")], N_("For example: get back to swimming"))
        self._labelled(box, self.why, FIELD_LABELS[("goal", "why")])
        self.tr_name(self.why, FIELD_LABELS[("goal", "why")], N_("For example: I feel calmer after I swim"))
        self._labelled(box, self.area, FIELD_LABELS[("goal", "life_area")])
        self._labelled(box, self.who, FIELD_LABELS[("goal", "who_can_help")])
        self.tr_name(self.who, FIELD_LABELS[("goal", "who_can_help")], N_("For example: my friend Ali"))
        target_label = QLabel(self.detail)
        target_label.setBuddy(self.target.date_edit)
        self.tr_text(target_label, FIELD_LABELS[("goal", "target_date")])
        box.addWidget(target_label)
        box.addWidget(self.target)
        self._labelled(box, self.status, FIELD_LABELS[("goal", "status")])
        box.addWidget(self.achieved)
        box.addWidget(self.just_for_me)
        box.addWidget(self.together)
        box.addWidget(self._build_steps())
        box.addWidget(self._build_notes())
        self.layout_.addWidget(self.detail)
        tab_chain(self.what, self.why, self.area, self.who, self.target.date_edit,
                  self.target.no_date, self.status, self.just_for_me)

        self.bindings = [TextBinding(self.ctx, w, f) for w, f in
                         ((self.what, "what"), (self.why, "why"), (self.who, "who_can_help"))]
        for binding in self.bindings:
            binding.link(*self.bindings)
        self.area.currentIndexChanged.connect(self._on_area)
        self.status.currentIndexChanged.connect(self._on_status)
        self.target.date_changed.connect(lambda d: self._update(target_date=d))
        self.just_for_me.clicked.connect(lambda checked: self._update(private=checked))

    def _build_steps(self) -> QGroupBox:
        group = QGroupBox(self.detail)
        self.tr_text(group, N_("Small steps"))
        box = QVBoxLayout(group)
        self.steps_model = StepListModel(self.ctx, self)
        self.steps = GrowingListView(group, max_rows=12)
        self.steps.setObjectName("goalSteps")
        self.steps.setModel(self.steps_model)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tr_name(self.steps, N_("Small steps"))
        self.steps_hint = QLabel(group)
        self.steps_hint.setWordWrap(True)
        self.tr_text(self.steps_hint, N_("Tick a step when I have done it. "
                                         "To change a step's words, double-click it."))
        self.step_buttons = ListButtons(self.steps, "", N_("Remove step"), group, name="Step")
        row = QHBoxLayout()
        self.new_step = CleanLineEdit(group)
        self.new_step.setObjectName("newStep")
        self.new_step.setMinimumHeight(MIN_TARGET)
        self.tr_name(self.new_step, N_("A new small step"), N_("For example: find out when the pool is quiet"))
        self.add_step_button = make_button(N_("Add step"), group, "addStepButton")
        row.addWidget(self.new_step, 1)
        row.addWidget(self.add_step_button)
        self.step_undo = UndoNotice(self.ctx, group, "stepUndoNotice")
        self.step_undo.undone.connect(self.select_record)
        box.addWidget(self.steps)
        box.addWidget(self.steps_hint)
        box.addWidget(self.step_buttons)
        box.addWidget(self.step_undo)
        box.addWidget(self.label_for(self.new_step, N_("A new small step"), group))
        box.addLayout(row)
        self.new_step.returnPressed.connect(self.add_step)
        self.add_step_button.clicked.connect(self.add_step)
        self.step_buttons.remove_clicked.connect(lambda: self._remove_child(self.steps, self.steps_model))
        self.step_buttons.move_clicked.connect(
            lambda step: move_among_visible(self.ctx, self.steps_model, self.steps, step))
        self.steps.selectionModel().currentChanged.connect(self._update_child_buttons)
        return group

    def _build_notes(self) -> QGroupBox:
        group = QGroupBox(self.detail)
        self.tr_text(group, N_("Progress notes"))
        box = QVBoxLayout(group)
        self.notes_model = NoteListModel(self.ctx, self)
        self.notes = GrowingTableView(group, stretch_column=NoteListModel.COL_TEXT)
        self.notes.setObjectName("goalNotes")
        self.notes.setModel(self.notes_model)
        self.tr_name(self.notes, N_("Progress notes"))
        self.new_note = GrowingTextEdit(group)
        self.new_note.setObjectName("newNote")
        self.tr_name(self.new_note, N_("A new progress note"), N_("For example: went to the pool with Ali today"))
        self.add_note_button = make_button(N_("Add note"), group, "addNoteButton")
        self.remove_note_button = make_button(N_("Remove note"), group, "removeNoteButton")
        row = QHBoxLayout()
        row.addWidget(self.add_note_button)
        row.addWidget(self.remove_note_button)
        row.addStretch(1)
        box.addWidget(self.notes)
        box.addWidget(self.label_for(self.new_note, N_("A new progress note"), group))
        box.addWidget(self.new_note)
        box.addLayout(row)
        self.note_undo = UndoNotice(self.ctx, group, "noteUndoNotice")
        self.note_undo.undone.connect(self.select_record)
        box.addWidget(self.note_undo)
        self.add_note_button.clicked.connect(self.add_note)
        self.remove_note_button.clicked.connect(lambda: self._remove_child(self.notes, self.notes_model))
        self.notes.selectionModel().currentChanged.connect(self._update_child_buttons)
        return group

    # -- the chosen goal ---------------------------------------------------------------
    def current_goal(self) -> Goal | None:
        return self.model.record(self.view.currentIndex())

    def select_goal(self, goal_id: str) -> bool:
        """Choose a goal by id (used when coming from "Life beyond illness")."""
        for goal in self.model.records():
            if goal.id == goal_id:
                self.view.selectionModel().setCurrentIndex(
                    self.model.index_of(goal), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    def _on_current_changed(self, current: QModelIndex, _previous=None) -> None:
        goal = self.model.record(current)
        for binding in self.bindings:
            binding.set_record(goal)
        self.steps_model.set_goal(goal)
        self.notes_model.set_goal(goal)
        self._refresh_detail()

    def _update(self, **changes) -> None:
        goal = self.current_goal()
        if goal is not None and not self._quiet:
            self.ctx.update(goal, **changes)

    def _on_area(self, index: int) -> None:
        value = self.area.itemData(index)
        self._update(life_area=LifeArea(value) if value else None)

    def _on_status(self, index: int) -> None:
        goal = self.current_goal()
        value = self.status.itemData(index)
        status = GoalStatus(value) if value else None
        if goal is None or status is None or status == goal.status:
            return
        achieved_on = (goal.achieved_on or today()) if status == GoalStatus.ACHIEVED else None
        self._update(status=status, achieved_on=achieved_on)

    def _on_plan_changed(self, change) -> None:
        if self.concerns(change):
            self._refresh_detail()

    def _refresh_detail(self, *_args) -> None:
        goal = self.current_goal()
        count = self.model.rowCount()
        self.empty.setVisible(count == 0)
        self.view.setVisible(count > 0)
        row = self.view.currentIndex().row() if goal is not None else -1
        self.buttons.set_state(goal is not None, row > 0, 0 <= row < count - 1)
        self.detail.setVisible(goal is not None)
        if goal is None:
            return
        self._quiet = True
        try:
            area = goal.life_area.value if goal.life_area else ""
            self.area.setCurrentIndex(max(0, self.area.findData(area)))
            self.status.setCurrentIndex(max(0, self.status.findData(goal.status.value)))
            self.target.set_date(goal.target_date)
            self.just_for_me.setChecked(goal.private)
        finally:
            self._quiet = False
        self.together.show_for(goal)
        self.achieved.setVisible(goal.achieved_on is not None)
        self.achieved.setText(_("Achieved on {date}. Well done!").format(
            date=format_date(goal.achieved_on)) if goal.achieved_on else "")
        self._update_child_buttons()

    def _update_child_buttons(self, *_args) -> None:
        row = self.steps.currentIndex().row() if self.steps_model.record(self.steps.currentIndex()) else -1
        self.step_buttons.set_state(row >= 0, row > 0, 0 <= row < self.steps_model.rowCount() - 1)
        self.remove_note_button.setEnabled(self.notes_model.record(self.notes.currentIndex()) is not None)

    # -- actions -------------------------------------------------------------------------
    def add_goal(self) -> None:
        goal = Goal()
        if self.ctx.add(goal):
            self.view.setCurrentIndex(self.model.index_of(goal))
            self.what.setFocus()

    def remove_goal(self) -> None:
        goal = self.current_goal()
        if goal is not None:
            self.ctx.remove(goal)
            self._refresh_detail()
            self.goal_undo.removed(goal)

    def add_step(self) -> None:
        goal = self.current_goal()
        text = clean_text(self.new_step.text()).strip()
        if goal is None or not text:
            return
        if self.ctx.add(Step(text=text), goal):
            self.new_step.clear()
            self._refresh_detail()

    def add_note(self) -> None:
        goal = self.current_goal()
        text = clean_text(self.new_note.toPlainText()).strip()
        if goal is None or not text:
            return
        if self.ctx.add(ProgressNote(text=text, date=today()), goal):
            self.new_note.clear()

    def select_record(self, record: Record) -> None:
        """After Undo brought ``record`` back: show it chosen, with the focus on its list."""
        if isinstance(record, Goal):
            self.view.setCurrentIndex(self.model.index_of(record))
            self.view.setFocus()
            return
        view, model = (self.steps, self.steps_model) if isinstance(record, Step) else \
            (self.notes, self.notes_model)
        index = model.index_of(record) if hasattr(model, "index_of") else None
        if index is not None and index.isValid():
            view.setCurrentIndex(index)
        view.setFocus()

    def _remove_child(self, view: QAbstractItemView, model) -> None:
        record: Record | None = model.record(view.currentIndex())
        if record is not None:
            self.ctx.remove(record)
            self._update_child_buttons()
            (self.step_undo if view is self.steps else self.note_undo).removed(record)

    # -- language and content ----------------------------------------------------------------
    def _retranslate(self) -> None:
        self._quiet = True
        try:
            area, status = self.area.currentIndex(), self.status.currentIndex()
            self.area.clear()
            # Item data are the enum values as plain strings (Qt keeps strings).
            self.area.addItem(pgettext("life area", "Not chosen yet"), "")
            for value in LifeArea:
                self.area.addItem(_(value.label), value.value)
            self.status.clear()
            for value in GoalStatus:
                self.status.addItem(_(value.label), value.value)
            self.area.setCurrentIndex(max(0, area))
            self.status.setCurrentIndex(max(0, status))
        finally:
            self._quiet = False
        for buttons in (self.buttons, self.step_buttons):
            buttons.retranslate()
        for button in (self.add_step_button, self.add_note_button, self.remove_note_button):
            retranslate_button(button)
        self.target.retranslate()
        self.target.set_accessible_name(_(FIELD_LABELS[("goal", "target_date")]))
        self.just_for_me.retranslate()
        self.together.retranslate()
        for model in (self.model, self.steps_model, self.notes_model):
            model.retranslate()
        self._refresh_detail()

    def has_content(self) -> bool:
        return bool(self.ctx.plan.goals)
