"""My appointments: the date of the next one and things to talk about."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...i18n import N_, _
from ...plans.model import Topic
from ...plans.sections import SectionSpec
from ...plans.validation import clean_text
from ..context import PlanContext
from ..models.people import TopicListModel
from ..widgets.controls import (MIN_TARGET, JustForMeCheck, OptionalDateEdit, make_button,
                                tab_chain)
from ..widgets.text import CleanLineEdit
from .base import SectionPage
from .listing import ListSection


class AppointmentsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        when = QGroupBox(self.body)
        self.tr_text(when, N_("My next appointment"))
        when_box = QVBoxLayout(when)
        self.next_date = OptionalDateEdit(N_("Not booked yet"), when)
        self.next_date.setObjectName("nextAppointment")
        date_label = QLabel(when)
        date_label.setBuddy(self.next_date.date_edit)
        self.tr_text(date_label, N_("Date of my next appointment"))
        when_box.addWidget(date_label)
        when_box.addWidget(self.next_date)
        self.layout_.addWidget(when)

        topics = QGroupBox(self.body)
        self.tr_text(topics, N_("Things I want to talk about next time"))
        box = QVBoxLayout(topics)
        self.section = ListSection(
            self, TopicListModel(ctx, self), topics, view="topicsView",
            title=N_("Things I want to talk about next time"), max_rows=12, remove=N_("Remove"),
            movable=False, name="Topic", undo="topicUndoNotice", hide_buttons=True, show=self._show)
        self.model, self.view = self.section.model, self.section.view
        self.buttons, self.undo_notice = self.section.buttons, self.section.undo_notice
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.hint = QLabel(topics)
        self.hint.setWordWrap(True)
        self.new_topic = CleanLineEdit(topics)
        self.new_topic.setObjectName("newTopic")
        self.new_topic.setMinimumHeight(MIN_TARGET)
        self.tr_name(self.new_topic, N_("Something I want to talk about"),
                     N_("For example: whether I can reduce my tablets"))
        self.add_button = make_button(N_("Add"), topics, "addTopicButton")
        self.just_for_me = JustForMeCheck(topics)
        self.just_for_me.clicked.connect(self._on_private)
        row = QHBoxLayout()
        row.addWidget(self.new_topic, 1)
        row.addWidget(self.add_button)
        box.addWidget(self.view)
        box.addWidget(self.hint)
        box.addWidget(self.buttons)
        box.addWidget(self.undo_notice)
        box.addWidget(self.just_for_me)
        box.addWidget(self.label_for(self.new_topic, N_("Something I want to talk about"), topics))
        box.addLayout(row)
        self.layout_.addWidget(topics)
        tab_chain(self.view, self.buttons.remove_button, self.undo_notice.undo_button,
                  self.just_for_me, self.new_topic, self.add_button)
        self.layout_.addStretch(1)

        self.next_date.date_changed.connect(lambda d: ctx.set_info(next_appointment_on=d))
        self.add_button.clicked.connect(self.add_topic)
        self.new_topic.returnPressed.connect(self.add_topic)
        self.on_retranslate(self._retranslate)
        self.section.start()
        self._check_content()

    def add_topic(self) -> None:
        text = clean_text(self.new_topic.text()).strip()
        if text and self.section.add(Topic(text=text)):
            self.new_topic.clear()

    def _on_private(self, checked: bool) -> None:
        topic = self.section.current()
        if topic is not None:
            self.ctx.update(topic, private=checked)

    def _show(self, topic: Topic | None) -> None:
        self.next_date.set_date(self.ctx.plan.info.next_appointment_on)
        self.just_for_me.setVisible(topic is not None)
        self.just_for_me.setChecked(bool(topic and topic.private))
        self.hint.setText(_hint(self.model.rowCount()))

    def _retranslate(self) -> None:
        self.next_date.set_accessible_name(_("Date of my next appointment"))
        self.section.refresh()

    def has_content(self) -> bool:
        return bool(self.ctx.plan.topics) or self.ctx.plan.info.next_appointment_on is not None


def _hint(rows: int) -> str:
    if not rows:
        return _("Nothing on the list yet. When something comes to mind, I can jot it down here "
                 "so I don't forget.")
    return _("Tick a topic once we have talked about it (Space). Ticked ones move to the end.")
