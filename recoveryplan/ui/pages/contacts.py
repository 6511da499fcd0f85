"""My people: the people and services I can turn to."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QCheckBox, QGroupBox, QSizePolicy, QVBoxLayout, QWidget

from ...i18n import N_
from ...plans.model import Contact
from ...plans.sections import SectionSpec
from ..context import PlanContext
from ...plans.labels import FIELD_LABELS
from ..models.people import ContactTableModel
from ..fields.binding import TextBinding
from ..fields.together_note import TogetherNote
from ..widgets.controls import MIN_TARGET, JustForMeCheck, ListButtons
from ..widgets.lists import GrowingTableView
from ..widgets.text import CleanLineEdit, GrowingTextEdit
from ..fields.undo_notice import UndoNotice
from .base import SectionPage
from .goals import move_among_visible

#: One-line fields of a contact, with a gentle example for each.
_LINE_FIELDS = (
    ("name", N_("For example: Ann")),
    ("relationship", N_("For example: my sister, or my care coordinator")),
    ("phone", N_("For example: 07700 900123")),
    ("email", N_("For example: ann@example.org")),
    ("best_times", N_("For example: evenings after six")),
)
_FLAGS = ("professional", "agreed", "on_crisis_card")


class ContactsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.model = ContactTableModel(ctx, self)
        self.view = GrowingTableView(self.body, max_rows=10,
                                     stretch_column=ContactTableModel.COL_RELATIONSHIP)
        self.view.setObjectName("contactsView")
        self.view.setModel(self.model)
        for column in (ContactTableModel.COL_EMAIL, ContactTableModel.COL_BEST_TIMES,
                       ContactTableModel.COL_CAN_HELP, ContactTableModel.COL_PROFESSIONAL,
                       ContactTableModel.COL_AGREED):
            self.view.setColumnHidden(column, True)  # all of them are in the form below
        self.tr_name(self.view, N_("My people"))
        self.empty = self.wrapped_label(source=N_(
            "No one here yet. I can add the people and services I can turn to, one at a time, "
            "whenever I like."))
        self.buttons = ListButtons(self.view, N_("Add a person"), N_("Remove this person"),
                                   self.body, name="Contact")
        self.undo_notice = UndoNotice(self.ctx, self.body, "contactUndoNotice")
        self.undo_notice.undone.connect(self._undone)
        for widget in (self.empty, self.view, self.buttons, self.undo_notice):
            self.layout_.addWidget(widget)

        self.detail = QGroupBox(self.body)
        self.detail.setObjectName("contactDetail")
        self.tr_text(self.detail, N_("About this person"))
        form = QVBoxLayout(self.detail)
        self.bindings: list[TextBinding] = []
        self.edits: dict[str, QWidget] = {}
        for field, prompt in _LINE_FIELDS:
            edit = CleanLineEdit(self.detail)
            edit.setMinimumHeight(MIN_TARGET)
            self._add_text_field(form, edit, field, prompt, live=field != "email")
        help_edit = GrowingTextEdit(self.detail)
        self._add_text_field(form, help_edit, "can_help_with", N_("For example: a lift to appointments"))
        for binding in self.bindings:
            binding.link(*self.bindings)
        self.checks: dict[str, QCheckBox] = {}
        for field in _FLAGS:
            check = QCheckBox(self.detail)
            check.setObjectName(f"contact-{field}")
            check.setMinimumHeight(MIN_TARGET)
            check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            self.tr_text(check, FIELD_LABELS[("contact", field)])
            check.clicked.connect(lambda checked, f=field: self._update(**{f: checked}))
            form.addWidget(check)
            self.checks[field] = check
        self.just_for_me = JustForMeCheck(self.detail)
        self.just_for_me.clicked.connect(lambda checked: self._update(private=checked))
        self.together = TogetherNote(self.detail)
        form.addWidget(self.just_for_me)
        form.addWidget(self.together)
        self.layout_.addWidget(self.detail)
        self.layout_.addStretch(1)

        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(lambda: self._on_current_changed(self.view.currentIndex()))
        self.view.activated.connect(lambda _i: self.edits["name"].setFocus())
        self.buttons.add_clicked.connect(self.add_contact)
        self.buttons.remove_clicked.connect(self.remove_contact)
        self.buttons.move_clicked.connect(lambda step: move_among_visible(ctx, self.model, self.view, step))
        self.refresh_on_changes(self._refresh)
        ctx.together_changed.connect(self._refresh)
        self.on_retranslate(self._retranslate)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._refresh()
        self._check_content()

    def _add_text_field(self, form, edit, field: str, prompt: str, live: bool = True) -> None:
        edit.setObjectName(f"contact-{field}")
        label = FIELD_LABELS[("contact", field)]
        form.addWidget(self.label_for(edit, label, self.detail))
        form.addWidget(edit)
        self.tr_name(edit, label, prompt)
        self.edits[field] = edit
        self.bindings.append(TextBinding(self.ctx, edit, field, live=live))

    def current(self) -> Contact | None:
        return self.model.record(self.view.currentIndex())

    def _on_current_changed(self, current: QModelIndex, _previous=None) -> None:
        for binding in self.bindings:
            binding.set_record(self.model.record(current))
        self._refresh()

    def _update(self, **changes) -> None:
        contact = self.current()
        if contact is not None:
            self.ctx.update(contact, **changes)

    def _refresh(self, *_args) -> None:
        contact = self.current()
        rows = self.model.rowCount()
        self.empty.setVisible(rows == 0)
        self.view.setVisible(rows > 0)
        row = self.view.currentIndex().row() if contact is not None else -1
        self.buttons.set_state(contact is not None, row > 0, 0 <= row < rows - 1)
        self.detail.setVisible(contact is not None)
        if contact is None:
            return
        for field, check in self.checks.items():
            check.setChecked(getattr(contact, field))
        self.just_for_me.setChecked(contact.private)
        self.together.show_for(contact)

    def add_contact(self) -> None:
        contact = Contact()
        if self.ctx.add(contact):
            self.view.setCurrentIndex(self.model.index_of(contact))
            self.edits["name"].setFocus()

    def remove_contact(self) -> None:
        contact = self.current()
        if contact is not None:
            self.ctx.remove(contact)
            self._refresh()
            self.undo_notice.removed(contact)

    def _undone(self, contact) -> None:
        self.view.setCurrentIndex(self.model.index_of(contact))
        self.view.setFocus()

    def _retranslate(self) -> None:
        self.buttons.retranslate()
        self.just_for_me.retranslate()
        self.together.retranslate()
        self.model.retranslate()

    def has_content(self) -> bool:
        return bool(self.ctx.plan.contacts)
