"""Life beyond illness: for each life area, where things are now, where I
would like to be, and the goals that belong there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (QGroupBox, QLabel, QPushButton, QSizePolicy, QSpacerItem,
                               QVBoxLayout, QWidget)

from ...i18n import N_, _
from ...plans.model import Goal, LifeArea, LifeAreaNote
from ...plans.sections import SectionSpec
from ..context import PlanContext
from ...plans.labels import FIELD_LABELS
from ..fields.binding import TextBinding
from ..fields.together_note import TogetherNote
from ..widgets.controls import MIN_TARGET, JustForMeCheck, tab_chain
from ..widgets.text import GrowingTextEdit
from .base import SectionPage


class _AreaBox(QGroupBox):
    def __init__(self, page: "LifeAreasPage", area: LifeArea) -> None:
        super().__init__(page.body)
        self.page, self.ctx, self.area = page, page.ctx, area
        self.setObjectName(f"area-{area.value}")
        page.tr_text(self, area.label)
        box = QVBoxLayout(self)
        self.edits: dict[str, GrowingTextEdit] = {}
        self.bindings: list[TextBinding] = []
        self.labels: list[QLabel] = []
        self._goal_buttons: dict[str, QPushButton] = {}
        #: Whether the goal links are made (or, until the area comes near
        #: the view, only the room they take kept for them).
        self.links_made = False
        for field, prompt in (("now_text", N_("For example: I live with my mum and it is a bit cramped.")),
                              ("hope_text", N_("For example: a flat of my own, near the bus route."))):
            edit = GrowingTextEdit(self)
            edit.setObjectName(f"area-{area.value}-{field}")
            label = FIELD_LABELS[("life_area", field)]
            self.labels.append(page.label_for(edit, label, self))
            box.addWidget(self.labels[-1])
            box.addWidget(edit)
            page.on_retranslate(lambda e=edit, lab=label, p=prompt: (
                e.setAccessibleName(_("{area}: {field}").format(area=_(area.label), field=_(lab))),
                e.setPlaceholderText(_(p))))
            self.edits[field] = edit
            binding = TextBinding(self.ctx, edit, field, resolve=self.note,
                                  create=lambda: LifeAreaNote(area=area),
                                  concerns=lambda change: isinstance(change.subject, LifeAreaNote))
            self.bindings.append(binding)
        for binding in self.bindings:
            binding.link(*self.bindings)
        self.just_for_me = JustForMeCheck(self)
        self.together = TogetherNote(self)
        box.addWidget(self.just_for_me)
        box.addWidget(self.together)
        self.goals_label = QLabel(self)
        box.addWidget(self.goals_label)
        self.goals_box = QVBoxLayout()
        box.addLayout(self.goals_box)
        self.just_for_me.clicked.connect(self._on_private)

    def note(self) -> LifeAreaNote | None:
        return self.ctx.plan.life_area(self.area)

    def _on_private(self, checked: bool) -> None:
        for binding in self.bindings:
            binding.flush()
        note = self.note()
        if note is not None:
            self.ctx.update(note, private=checked)
        else:
            self.ctx.add(LifeAreaNote(area=self.area, private=checked))

    def refresh(self) -> None:
        self.refresh_note()
        self._refresh_goals()

    def refresh_note(self) -> None:
        note = self.note()
        hidden = note is not None and note.private and bool(self.ctx.together_with)
        for widget in (*self.edits.values(), *self.labels):
            widget.setVisible(not hidden)
        self.just_for_me.setVisible(not hidden)
        self.just_for_me.setChecked(bool(note and note.private))
        # No words say that something is hidden here while planning together.
        self.together.show_for(note)

    def rename_goal(self, goal: Goal) -> None:
        """The words of a goal listed here changed: only its button follows."""
        if not self.links_made:
            if any(g.id == goal.id for g in self._goals()):
                self._refresh_goals()       # the room kept for the links changes with them
            return
        button = self._goal_buttons.get(goal.id)
        if button is not None:
            button.setText(goal.what or _("(a new goal)"))
            button.setAccessibleName(_("Go to my goal: {goal}").format(goal=goal.what))

    def _goals(self) -> list[Goal]:
        return self.ctx.visible(self.ctx.plan.goals_in_area(self.area))

    def _refresh_goals(self) -> None:
        self._goal_buttons = {}
        while self.goals_box.count():
            item = self.goals_box.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()    # gone from screen (and screen readers) at once
                item.widget().deleteLater()
        goals = self._goals()
        self.goals_label.setText(_("My goals for this part of my life:") if goals else
                                 _("No goals here yet. I can add one on the \u201cMy goals\u201d page."))
        self.links_made = not goals
        if goals and self.page.near_view(self):
            self.make_links()
        elif goals:
            # Out of sight, the links take their room on the page (so that
            # nothing moves when they come) and are made once the area
            # comes near the view, or soon after the page is shown.
            size = self.page.link_size(goals, self.goals_box.spacing())
            self.goals_box.addItem(_LinksRoom(size))
            self.page.links_due()

    def make_links(self) -> None:
        """The links to this area's goals, in place of the room kept for them."""
        if self.links_made:
            return
        self.links_made = True
        while self.goals_box.count():
            self.goals_box.takeAt(0)
        buttons = []
        for goal in self._goals():
            button = _link_button(self)
            button.setText(goal.what or _("(a new goal)"))
            buttons.append(button)
            button.setAccessibleName(_("Go to my goal: {goal}").format(goal=goal.what))
            button.clicked.connect(lambda _c=False, gid=goal.id: self.page.show_goal.emit(gid))
            self.goals_box.addWidget(button)
            self._goal_buttons[goal.id] = button
        # Made after the rest of the page, they still come right after this area's boxes.
        tab_chain(self.just_for_me, *buttons)

    def has_content(self) -> bool:
        note = self.note()
        return bool(note and (note.now_text.strip() or note.hope_text.strip()))


class _LinksRoom(QSpacerItem):
    """The room that goal links not yet made will take: spaced from what is
    above it as the links are (a layout puts no spacing next to an empty item)."""

    def __init__(self, size: QSize) -> None:
        super().__init__(size.width(), size.height(), QSizePolicy.Policy.Minimum,
                         QSizePolicy.Policy.Fixed)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


#: The pause between making the links of one area and the next.
LINKS_PAUSE_MS = 50


def _link_button(parent: QWidget) -> QPushButton:
    button = QPushButton(parent)
    button.setMinimumHeight(MIN_TARGET)
    button.setFlat(True)
    button.setProperty("goalLink", True)     # styled by the page's sheet
    return button


#: The goals listed under an area look like links (buttons with ``goalLink``).
GOAL_LINK_STYLE = 'QPushButton[goalLink="true"] { text-align: left; text-decoration: underline; }'

#: Goal fields shown under the life areas (besides its words).
_GOAL_LISTING_FIELDS = ("life_area", "private")


class LifeAreasPage(SectionPage):
    #: The person chose one of the goals listed under an area (goal id).
    show_goal = Signal(str)
    ALSO_SHOWS = ("goals",)

    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        # One sheet for every goal's button (a sheet of each button's own
        # was read, and its button styled apart, three hundred times over).
        self.setStyleSheet(GOAL_LINK_STYLE)
        #: A goal link never shown, to measure the room the links not yet made take.
        self._measure = _link_button(self.body)     # never shown: it measures the links
        self._measure.hide()
        self._measure.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._measure.setAccessibleName(_("Go to my goal: {goal}").format(goal=""))
        #: Makes the links still due while the page shows, one area at a
        #: time with a pause between (each a few hundredths of a second's
        #: work), so that the page shows at once and stays quick to answer.
        self._due = QTimer(self, singleShot=True, interval=LINKS_PAUSE_MS)
        self._due.timeout.connect(self._make_due_links)
        self._view_check = QTimer(self, singleShot=True, interval=0)
        self._view_check.timeout.connect(self._make_links_in_view)
        self.boxes = {area: _AreaBox(self, area) for area in LifeArea}
        for box in self.boxes.values():
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)
        # Scrolling (by the person, or to show the focus) makes the links
        # coming into view at once, before the next key is read.
        self.scroll.verticalScrollBar().valueChanged.connect(self._make_links_in_view)
        self.scroll.viewport().installEventFilter(self)
        self.body.installEventFilter(self)
        ctx.record_changed.connect(self._on_plan_changed)
        ctx.together_changed.connect(self._refresh)
        self.on_retranslate(self._refresh)
        self._check_content()

    def _on_plan_changed(self, change) -> None:
        """Only what a change alters: one area's note, one goal's button, or
        the goals listed when a goal comes, goes or changes its area."""
        if change.kind in ("reset", "info"):
            if change.kind == "reset":
                self._refresh()
            return
        subject = change.subject
        if isinstance(subject, LifeAreaNote):
            box = self.boxes.get(subject.area)
            if box is not None:
                box.refresh_note()
        elif isinstance(subject, Goal):
            if change.changes_any(_GOAL_LISTING_FIELDS):
                for box in self.boxes.values():
                    box._refresh_goals()
            elif "what" in change.fields:
                for box in self.boxes.values():
                    box.rename_goal(subject)

    # -- goal links made when near the view ---------------------------------------------
    def near_view(self, box: _AreaBox) -> bool:
        """Whether ``box`` shows, or is within a screenful of showing (so
        that Tab and Shift+Tab from what shows always find its links)."""
        if not self.isVisible():
            return False
        top, height = self.scroll.verticalScrollBar().value(), self.scroll.viewport().height()
        return box.geometry().bottom() >= top - height and box.geometry().top() <= top + 2 * height

    def link_size(self, goals: list[Goal], spacing: int) -> QSize:
        """The room the links to ``goals`` take, one under another
        ``spacing`` apart."""
        width = height = 0
        for goal in goals:
            self._measure.setText(goal.what or _("(a new goal)"))
            size = self._measure.sizeHint().expandedTo(self._measure.minimumSize())
            width, height = max(width, size.width()), height + size.height()
        return QSize(width, height + max(0, spacing) * (len(goals) - 1))

    def links_due(self) -> None:
        if self.isVisible():
            self._due.start()

    def _make_links_in_view(self, *_args) -> None:
        if not self.isVisible():
            return
        for box in self.boxes.values():
            if not box.links_made and self.near_view(box):
                box.make_links()

    def _make_due_links(self) -> None:
        """Those in view now, then one more area, until every link is made."""
        if not self.isVisible():
            return
        self._make_links_in_view()
        box = next((b for b in self.boxes.values() if not b.links_made), None)
        if box is not None:
            box.make_links()
            self._due.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._make_links_in_view()
        self.links_due()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            if self.isVisible():
                self._view_check.start()    # what is near the view may have changed
            self.links_due()
        return False

    def _refresh(self, *_args) -> None:
        for box in self.boxes.values():
            box.refresh()

    def has_content(self) -> bool:
        return any(box.has_content() for box in self.boxes.values())
