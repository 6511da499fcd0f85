"""My people: the people and services I can turn to."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QSizePolicy, QVBoxLayout, QWidget

from ...i18n import N_
from ...plans.model import Contact
from ...plans.sections import SectionSpec
from ..context import PlanContext
from ...plans.labels import FIELD_LABELS
from ..models.people import ContactTableModel
from ..fields.binding import TextBinding
from ..fields.together_note import TogetherNote
from ..widgets.controls import MIN_TARGET, JustForMeCheck
from ..widgets.text import CleanLineEdit, GrowingTextEdit
from .base import SectionPage
from .listing import ListSection

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
        self.section = ListSection(
            self, self.model, self.body, view="contactsView", title=N_("My people"), table=True,
            max_rows=10, stretch_column=ContactTableModel.COL_RELATIONSHIP, empty=N_(
                "No one here yet. I can add the people and services I can turn to, one at a "
                "time, whenever I like."),
            add=N_("Add a person"), remove=N_("Remove this person"), name="Contact",
            undo="contactUndoNotice", show=self._show)
        self.view, self.empty = self.section.view, self.section.empty
        self.buttons, self.undo_notice = self.section.buttons, self.section.undo_notice
        for column in (ContactTableModel.COL_EMAIL, ContactTableModel.COL_BEST_TIMES,
                       ContactTableModel.COL_CAN_HELP, ContactTableModel.COL_PROFESSIONAL,
                       ContactTableModel.COL_AGREED):
            self.view.setColumnHidden(column, True)  # all of them are in the form below
        self.section.place(self.layout_)

        self.detail = self.section.detail = QGroupBox(self.body)
        self.detail.setObjectName("contactDetail")
        self.tr_text(self.detail, N_("About this person"))
        form = QVBoxLayout(self.detail)
        self.bindings = self.section.bindings
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

        self.view.activated.connect(lambda _i: self.edits["name"].setFocus())
        self.buttons.add_clicked.connect(
            lambda: self.section.add(Contact(), focus=self.edits["name"]))
        self.section.start(first=True)
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
        return self.section.current()

    def _update(self, **changes) -> None:
        contact = self.current()
        if contact is not None:
            self.ctx.update(contact, **changes)

    def _show(self, contact: Contact | None) -> None:
        if contact is None:
            return
        for field, check in self.checks.items():
            check.setChecked(getattr(contact, field))
        self.just_for_me.setChecked(contact.private)
        self.together.show_for(contact)

    def has_content(self) -> bool:
        return bool(self.ctx.plan.contacts)
