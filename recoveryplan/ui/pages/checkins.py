"""Check-ins: a quick personal reflection, whenever I like."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ...i18n import N_, _, format_date, format_number
from ...plans.model import CheckIn
from ...plans.sections import CHECKIN_QUESTIONS, SectionSpec
from ...plans.validation import clean_text
from ..context import PlanContext
from ..models.people import CheckInTableModel
from ..progress import ProgressView
from ..widgets.controls import MIN_TARGET, JustForMeCheck, make_button, retranslate_button
from ..widgets.text import GrowingTextEdit
from .base import SectionPage
from .listing import ListSection


#: Rows measured to size the columns of the past check-ins.
CONTENT_SAMPLE_ROWS = 60


class CheckInsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.editing: CheckIn | None = None
        self.disclaimer = QLabel(self.body)
        self.disclaimer.setObjectName("checkinDisclaimer")
        self.disclaimer.setWordWrap(True)
        self.tr_text(self.disclaimer, N_("A personal reflection, not a test or a clinical measure. "
                                         "There are no right or wrong answers."))
        font = self.disclaimer.font()
        font.setItalic(True)
        self.disclaimer.setFont(font)
        self.layout_.addWidget(self.disclaimer)

        self.form = QGroupBox(self.body)
        self.form.setObjectName("checkinForm")
        box = QVBoxLayout(self.form)
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}
        #: Sliders the person has set for this check-in; a new one starts with none,
        #: so no answer is suggested.
        self.chosen: set[str] = set()
        for key, question in CHECKIN_QUESTIONS:
            slider = QSlider(Qt.Orientation.Horizontal, self.form)
            slider.setObjectName(f"checkin-{key}")
            slider.setRange(0, 10)
            slider.setPageStep(1)
            slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            slider.setTickInterval(1)
            slider.setMinimumHeight(MIN_TARGET)
            slider.setValue(5)
            value = QLabel(self.form)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("10") + 8)
            value.setObjectName(f"checkin-{key}-value")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            ends = QHBoxLayout()
            low, high = QLabel(self.form), QLabel(self.form)
            self.tr_text(low, N_("0: not at all"))
            self.tr_text(high, N_("10: very much"))
            ends.addWidget(low)
            ends.addStretch(1)
            ends.addWidget(high)
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            row.addWidget(value)
            box.addWidget(self.label_for(slider, question, self.form))
            box.addLayout(row)
            box.addLayout(ends)
            slider.valueChanged.connect(lambda v, k=key: self._show_value(k, v))
            slider.actionTriggered.connect(lambda _action, k=key: self._choose(k))
            slider.sliderPressed.connect(lambda k=key: self._choose(k))
            self.sliders[key], self.values[key] = slider, value
        self.unset_hint = self.wrapped_label(self.form, N_(
            "Move each slider to where I am today (the keyboard's arrow keys work too), "
            "then save."), name="checkinUnsetHint")
        box.addWidget(self.unset_hint)
        self.note = GrowingTextEdit(self.form)
        self.note.setObjectName("checkinNote")
        box.addWidget(self.label_for(self.note, N_("A note, if I like"), self.form))
        box.addWidget(self.note)
        self.tr_name(self.note, N_("A note, if I like"), N_("For example: a good week, saw my sister"))
        self.just_for_me = JustForMeCheck(self.form)
        box.addWidget(self.just_for_me)
        row = QHBoxLayout()
        self.save_button = make_button(N_("Save my check-in"), self.form, "saveCheckinButton")
        self.new_button = make_button(N_("Start a new check-in instead"), self.form, "newCheckinButton")
        row.addWidget(self.save_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        box.addLayout(row)
        self.layout_.addWidget(self.form)

        self.progress_box = QGroupBox(self.body)
        self.progress_box.setObjectName("howAmIDoing")
        self.tr_text(self.progress_box, N_("How am I doing"))
        progress_layout = QVBoxLayout(self.progress_box)
        self.progress = ProgressView(ctx, self.progress_box)
        progress_layout.addWidget(self.progress)
        self.layout_.addWidget(self.progress_box)

        past = QGroupBox(self.body)
        self.tr_text(past, N_("My past check-ins"))
        self.section = ListSection(
            self, CheckInTableModel(ctx, self), past, view="checkinsView",
            title=N_("My past check-ins"), table=True, max_rows=10,
            stretch_column=CheckInTableModel.COL_NOTE,
            empty=N_("No check-ins yet. They will show here, newest first."),
            add=N_("Change this check-in"), remove=N_("Delete this check-in"), movable=False,
            name="Checkin", undo="checkinUndoNotice", hide_buttons=True,
            prepare=self._check_editing, show=self._show)
        self.model, self.view, self.empty = self.section.model, self.section.view, self.section.empty
        self.buttons, self.undo_notice = self.section.buttons, self.section.undo_notice
        # column widths from the newest rows only: years of daily check-ins
        # would otherwise all be measured each time the page is laid out
        self.view.horizontalHeader().setResizeContentsPrecision(CONTENT_SAMPLE_ROWS)
        self.section.place(QVBoxLayout(past))
        self.layout_.addWidget(past)
        self.layout_.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(lambda: self.start(None))
        self.buttons.add_clicked.connect(lambda: self.start(self.current()))
        self.buttons.remove_clicked.disconnect(self.section.remove_current)
        self.buttons.remove_clicked.connect(self.delete_current)
        self.view.activated.connect(lambda _i: self.start(self.current()))
        self.on_retranslate(self._retranslate)
        self.start(None)
        self.section.start()
        self._check_content()

    def current(self) -> CheckIn | None:
        return self.section.current()

    def _choose(self, key: str) -> None:
        if key not in self.chosen:
            self.chosen.add(key)
            self._show_value(key, self.sliders[key].value())
            self._show_chosen()

    def _show_chosen(self) -> None:
        ready = self.chosen >= set(self.sliders)
        self.save_button.setEnabled(ready)
        self.unset_hint.setVisible(not ready)

    def _show_value(self, key: str, value: int) -> None:
        slider = self.sliders[key]
        unset = key not in self.chosen
        if bool(slider.property("unset")) != unset:
            slider.setProperty("unset", unset)
            slider.style().unpolish(slider)
            slider.style().polish(slider)
        if unset:
            # Translators: shown beside a check-in slider nobody has moved yet.
            self.values[key].setText(_("not set"))
            self.sliders[key].setAccessibleDescription(
                _("Not set yet. 0 means not at all, 10 means very much."))
            return
        text = format_number(value)
        self.values[key].setText(text)
        self.sliders[key].setAccessibleDescription(
            _("{value} out of 10. 0 means not at all, 10 means very much.").format(value=text))

    def start(self, checkin: CheckIn | None) -> None:
        """Fill the form for a new check-in, or to change ``checkin``."""
        self.editing = checkin
        self.chosen = set(self.sliders) if checkin else set()
        for key, slider in self.sliders.items():
            slider.setValue(getattr(checkin, key) if checkin else 5)
            self._show_value(key, slider.value())
        self._show_chosen()
        self.note.set_text_quietly(checkin.note if checkin else "")
        self.just_for_me.setChecked(bool(checkin and checkin.private))
        self._retranslate_form()
        if checkin is not None:
            self.sliders[CHECKIN_QUESTIONS[0][0]].setFocus()

    def save(self) -> None:
        if not self.chosen >= set(self.sliders):
            return
        values = {key: slider.value() for key, slider in self.sliders.items()}
        values["note"] = clean_text(self.note.toPlainText()).strip()
        values["private"] = self.just_for_me.isChecked()
        if self.editing is None:
            if self.ctx.add(CheckIn(**values)):
                self.ctx.notify(_("Check-in saved. Thank you for taking a moment."))
                self.start(None)
        elif self.ctx.update(self.editing, **values):
            self.ctx.notify(_("Check-in changed."))
            self.start(None)

    def delete_current(self) -> None:
        if self.editing is not None and self.current() is self.editing:
            self.start(None)
        self.section.remove_current()

    def _check_editing(self) -> None:
        if self.editing is not None and self.editing not in self.ctx.visible(self.ctx.plan.checkins):
            self.start(None)  # deleted, undone, or hidden while planning together

    def _show(self, checkin: CheckIn | None) -> None:
        self.buttons.add_button.setEnabled(checkin is not None)

    def _retranslate_form(self) -> None:
        if self.editing is None:
            self.form.setTitle(_("A new check-in"))
            self.save_button.setProperty("source_text", N_("Save my check-in"))
        else:
            self.form.setTitle(_("Changing my check-in from {date}").format(
                date=format_date(self.editing.at, "long")))
            self.save_button.setProperty("source_text", N_("Save changes"))
        retranslate_button(self.save_button)
        self.form.setAccessibleName(self.form.title())
        self.new_button.setVisible(self.editing is not None)

    def _retranslate(self) -> None:
        self._retranslate_form()
        for key, slider in self.sliders.items():
            self._show_value(key, slider.value())

    def has_content(self) -> bool:
        return bool(self.ctx.plan.checkins)
