"""My goals: a list of goals and, under it, everything about the chosen one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
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
from ..widgets.controls import (MIN_TARGET, JustForMeCheck, OptionalDateEdit, make_button,
                                tab_chain)
from ..widgets.tables import GrowingTableView
from ..widgets.text import CleanLineEdit, GrowingTextEdit
from ..fields.undo_notice import UndoNotice
from .base import SectionPage
from .listing import ListSection


class GoalsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self._quiet = False
        self._build_list()
        self._build_detail()
        self.layout_.addStretch(1)
        self.on_retranslate(self._retranslate)
        self.section.start(first=True)
        self._check_content()

    # -- building ---------------------------------------------------------------------
    def _build_list(self) -> None:
        group = QGroupBox(self.body)
        self.tr_text(group, N_("My goals"))
        self.section = ListSection(
            self, GoalTableModel(self.ctx, self), group, view="goalsView", title=N_("My goals"),
            table=True, empty=N_("No goals yet, and that is fine. A goal can be small, like "
                                 "\u201cwalk to the park on Sundays\u201d. When I am ready, "
                                 "I can add one here."),
            add=N_("Add a goal"), remove=N_("Remove this goal"), name="Goal",
            undo="goalUndoNotice", chosen=self._chosen, show=self._show)
        self.model, self.view, self.empty = self.section.model, self.section.view, self.section.empty
        self.buttons, self.goal_undo = self.section.buttons, self.section.undo_notice
        self.section.place(QVBoxLayout(group))
        self.layout_.addWidget(group)
        self.buttons.add_clicked.connect(lambda: self.section.add(Goal(), focus=self.what))
        self.view.activated.connect(lambda _i: self.what.setFocus())

    def _labelled(self, layout, widget, source: str) -> None:
        layout.addWidget(self.label_for(widget, source, self.detail))
        layout.addWidget(widget)

    def _build_detail(self) -> None:
        self.detail = self.section.detail = QGroupBox(self.body)
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

        self.bindings = self.section.bindings
        self.bindings += [TextBinding(self.ctx, w, f) for w, f in
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
        self.step_list = ListSection(
            self, StepListModel(self.ctx, self), group, view="goalSteps", title=N_("Small steps"),
            max_rows=12, remove=N_("Remove step"), name="Step", hide_view=False)
        self.steps_model, self.steps = self.step_list.model, self.step_list.view
        self.step_buttons = self.step_list.buttons
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.steps_hint = QLabel(group)
        self.steps_hint.setWordWrap(True)
        self.tr_text(self.steps_hint, N_("Tick a step when I have done it. "
                                         "To change a step's words, double-click it."))
        row = QHBoxLayout()
        self.new_step = CleanLineEdit(group)
        self.new_step.setObjectName("newStep")
        self.new_step.setMinimumHeight(MIN_TARGET)
        self.tr_name(self.new_step, N_("A new small step"), N_("For example: find out when the pool is quiet"))
        self.add_step_button = make_button(N_("Add step"), group, "addStepButton")
        row.addWidget(self.new_step, 1)
        row.addWidget(self.add_step_button)
        self.step_undo = self.step_list.make_undo_notice(group, "stepUndoNotice")
        box.addWidget(self.steps)
        box.addWidget(self.steps_hint)
        box.addWidget(self.step_buttons)
        box.addWidget(self.step_undo)
        box.addWidget(self.label_for(self.new_step, N_("A new small step"), group))
        box.addLayout(row)
        self.new_step.returnPressed.connect(self.add_step)
        self.add_step_button.clicked.connect(self.add_step)
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
        self.remove_note_button.clicked.connect(self._remove_note)
        self.notes.selectionModel().currentChanged.connect(self._update_child_buttons)
        return group

    # -- the chosen goal ---------------------------------------------------------------
    def current_goal(self) -> Goal | None:
        return self.section.current()

    def select_goal(self, goal_id: str) -> bool:
        """Choose a goal by id (used when coming from "Life beyond illness")."""
        for goal in self.model.records():
            if goal.id == goal_id:
                self.view.selectionModel().setCurrentIndex(
                    self.model.index_of(goal), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    def _chosen(self, goal: Goal | None) -> None:
        self.steps_model.set_goal(goal)
        self.notes_model.set_goal(goal)

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

    def _show(self, goal: Goal | None) -> None:
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
        self.step_list.refresh()
        self.remove_note_button.setEnabled(self.notes_model.record(self.notes.currentIndex()) is not None)

    # -- actions -------------------------------------------------------------------------
    def add_step(self) -> None:
        goal = self.current_goal()
        text = clean_text(self.new_step.text()).strip()
        if goal is None or not text:
            return
        if self.ctx.add(Step(text=text), goal):
            self.new_step.clear()
            self.section.refresh()

    def add_note(self) -> None:
        goal = self.current_goal()
        text = clean_text(self.new_note.toPlainText()).strip()
        if goal is None or not text:
            return
        if self.ctx.add(ProgressNote(text=text, date=today()), goal):
            self.new_note.clear()

    def select_record(self, record: Record) -> None:
        """After Undo brought a progress note back: show it chosen, with the focus on the notes."""
        index = self.notes_model.index_of(record) if hasattr(self.notes_model, "index_of") else None
        if index is not None and index.isValid():
            self.notes.setCurrentIndex(index)
        self.notes.setFocus()

    def _remove_note(self) -> None:
        record: Record | None = self.notes_model.record(self.notes.currentIndex())
        if record is not None:
            self.ctx.remove(record)
            self._update_child_buttons()
            self.note_undo.removed(record)

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
        self.step_list.retranslate()
        self.target.set_accessible_name(_(FIELD_LABELS[("goal", "target_date")]))
        self.notes_model.retranslate()
        self.section.refresh()

    def has_content(self) -> bool:
        return bool(self.ctx.plan.goals)
