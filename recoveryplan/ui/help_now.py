""""Need help now?": my own crisis contacts first, then crisis services.

Phone numbers are large and can be selected and copied. Services can be
added, changed and removed; every change goes through the plan context,
so it is saved straight away and can be undone. With the plan locked the
dialog still helps: it shows the usual crisis services (but nothing from
the plan).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ..i18n import _, isolate
from ..plans.model import Contact, CrisisService, default_crisis_services
from .start.common import Heading, close_row, size_to_text, tall, text_label
from .widgets.bidi import align_with_layout

if TYPE_CHECKING:   # the plan's context loads with the plan, not at launch
    from .context import PlanContext


def _phone_label(number: str) -> QLabel:
    label = align_with_layout(QLabel(number))  # the number as it is, to copy and dial
    label.setObjectName("phoneLabel")
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # Translators: read out by screen readers before a phone number.
    label.setAccessibleName(_("Phone {number}").format(number=number))
    return label


def _card(object_name: str, title: str) -> tuple[QFrame, QVBoxLayout]:
    """A framed card headed by ``title`` (a name, in bold)."""
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setSpacing(4)
    name = align_with_layout(QLabel(title))
    font = QFont(name.font())
    font.setBold(True)
    name.setFont(font)
    name.setWordWrap(True)
    layout.addWidget(name)
    return frame, layout


class ServiceEditor(QDialog):
    """Add or change one crisis service: its name, phone number and a note."""

    def __init__(self, service: CrisisService | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceEditor")
        self.setWindowTitle(_("Change a crisis service") if service else _("Add a crisis service"))
        self.name_edit = tall(QLineEdit(service.name if service else ""))
        self.name_edit.setObjectName("serviceNameEdit")
        self.phone_edit = tall(QLineEdit(service.phone if service else ""))
        self.phone_edit.setObjectName("servicePhoneEdit")
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.notes_edit = QPlainTextEdit(service.notes if service else "")
        self.notes_edit.setObjectName("serviceNotesEdit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().height() * 4)
        layout = QVBoxLayout(self)
        for text, field in ((_("Name"), self.name_edit), (_("Phone number"), self.phone_edit),
                            (_("When to call them (a note for me)"), self.notes_edit)):
            label = text_label(text)
            label.setBuddy(field)
            field.setAccessibleName(text)
            layout.addWidget(label)
            layout.addWidget(field)
        buttons = QDialogButtonBox()
        save = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("serviceSaveButton")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (save, cancel):
            tall(button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 50),
                    self.sizeHint().height())

    def values(self) -> dict[str, str]:
        return {"name": self.name_edit.text().strip(), "phone": self.phone_edit.text().strip(),
                "notes": self.notes_edit.toPlainText().strip()}


class HelpNowDialog(QDialog):
    def __init__(self, ctx: PlanContext | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpNowDialog")
        self.ctx = ctx
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self._content = QVBoxLayout(self._body)
        scroll.setWidget(self._body)
        self.close_button, row = close_row(self, "helpNowCloseButton")
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(row)
        if ctx is not None:
            ctx.changed.connect(self._plan_changed)
        self.rebuild()
        size_to_text(self, 60, 34, parent)

    # -- content -------------------------------------------------------------------
    def contacts(self) -> list[Contact]:
        if self.ctx is None:
            return []
        return self.ctx.visible(self.ctx.plan.crisis_contacts())

    def services(self) -> list[CrisisService]:
        if self.ctx is None:
            return default_crisis_services()
        return self.ctx.visible(self.ctx.plan.services)

    def rebuild(self) -> None:
        self.setWindowTitle(_("Need help now?"))
        self.close_button.setText(_("Close"))
        while self._content.count():
            item = self._content.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        add = self._content.addWidget
        heading = Heading(1.6)
        heading.setText(_("Need help now?"))
        add(heading)
        add(text_label(_("You don't have to cope with this on your own. "
                         "If your life or someone else's is in danger right now, call 999.")))

        people = Heading(1.2)
        people.setObjectName("myPeopleHeading")
        people.setText(_("My people"))
        add(people)
        if self.ctx is None:
            add(text_label(_("The people on your crisis card show here when your plan is open.")))
        elif not self.contacts():
            add(text_label(_("You haven't put anyone on your crisis card yet. You can do that "
                             "in My people, whenever you're ready.")))
        for contact in self.contacts():
            add(self._contact_card(contact))

        services = Heading(1.2)
        services.setObjectName("servicesHeading")
        services.setText(_("Crisis services"))
        add(services)
        for service in self.services():
            add(self._service_card(service))
        if self.ctx is not None:
            add_button = tall(QPushButton(_("Add a crisis service…")))
            add_button.setObjectName("addServiceButton")
            add_button.setAutoDefault(False)
            add_button.clicked.connect(lambda: self._edit(None))
            add(add_button, 0, Qt.AlignmentFlag.AlignLeading)
        self._content.addStretch(1)

    def _contact_card(self, contact: Contact) -> QFrame:
        frame, layout = _card("crisisContactCard", contact.name)
        if contact.relationship:
            layout.addWidget(align_with_layout(text_label(contact.relationship)))
        if contact.phone:
            layout.addWidget(_phone_label(contact.phone))
        if contact.can_help_with:
            layout.addWidget(text_label(_("Can help with: {things}")
                                        .format(things=isolate(contact.can_help_with))))
        if contact.best_times:
            layout.addWidget(text_label(_("Best times: {times}").format(times=isolate(contact.best_times))))
        return frame

    def _service_card(self, service: CrisisService) -> QFrame:
        frame, layout = _card("crisisServiceCard", service.name)
        if service.phone:
            layout.addWidget(_phone_label(service.phone))
        if service.notes:
            layout.addWidget(align_with_layout(text_label(service.notes)))
        if self.ctx is not None:
            row = QHBoxLayout()
            edit = tall(QPushButton(_("Change")))
            edit.setAccessibleName(_("Change {service}").format(service=service.name))
            edit.setObjectName("editServiceButton")
            remove = tall(QPushButton(_("Remove")))
            remove.setAccessibleName(_("Remove {service}").format(service=service.name))
            remove.setObjectName("removeServiceButton")
            for button in (edit, remove):
                button.setAutoDefault(False)
                row.addWidget(button)
            row.addStretch(1)
            edit.clicked.connect(lambda _checked=False, s=service: self._edit(s))
            remove.clicked.connect(lambda _checked=False, s=service: self._remove(s))
            layout.addLayout(row)
        return frame

    # -- changes -------------------------------------------------------------------
    def _edit(self, service: CrisisService | None) -> ServiceEditor:
        editor = ServiceEditor(service, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._save_service(service, editor.values()))
        editor.open()
        return editor

    def _save_service(self, service: CrisisService | None, values: dict[str, str]) -> None:
        if self.ctx is None or not (values["name"] or values["phone"]):
            return
        if service is None:
            self.ctx.add(CrisisService(**values))
        else:
            self.ctx.update(service, **values)

    def _remove(self, service: CrisisService) -> None:
        if self.ctx is not None:
            self.ctx.remove(service)

    def _plan_changed(self, action: str, subject: object) -> None:
        if action in ("reset", "info") or isinstance(subject, (CrisisService, Contact)):
            self.rebuild()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.rebuild()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        if self.ctx is not None:
            self.ctx.changed.disconnect(self._plan_changed)
            self.ctx = None
        super().done(result)
