""""Need help now?": a calm crisis screen in large type.

In this order: what I can do on my own and what keeps me going (the
person's own words), my people (with the best times to call them), then
crisis services. Each number is large, can be selected, and has a Copy
button. Nothing here changes the plan: "Change these…" opens a separate
step where services are added, changed or removed, each removal asked
first and undoable on the spot. Built-in services are shown in the app's
language. With the plan locked the screen still helps: it shows the usual
crisis services (but nothing from the plan).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from .. import opened
from ..i18n import _, isolate
from ..plans.model import (Contact, CrisisService, Entry, default_crisis_services,
                           shown_crisis_service)
from .dialogs import DialogService
from .widgets.kit import Heading, close_row, size_to_text, tall, text_label
from .style import set_role
from .widgets.bidi import align_with_layout
from .widgets.scrolling import scrolling
from .widgets.translated import translations

#: The person's own words shown first: (section, field, heading).
OWN_WORDS = (
    ("hard_times", "on_my_own"),
    ("hard_times", "keeps_me_going"),
)

if TYPE_CHECKING:   # the plan's context loads with the plan, not at launch
    from .context import PlanContext


def _phone_label(number: str) -> QLabel:
    label = align_with_layout(QLabel(number))  # the number as it is, to copy and dial
    label.setObjectName("phoneLabel")
    set_role(label, "phone")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # Translators: read out by screen readers before a phone number.
    label.setAccessibleName(_("Phone {number}").format(number=number))
    return label


def _phone_row(number: str) -> QHBoxLayout:
    """The number in large type and a Copy button beside it."""
    row = QHBoxLayout()
    row.addWidget(_phone_label(number))
    copy = tall(QPushButton(_("Copy")))
    copy.setObjectName("copyNumberButton")
    copy.setAutoDefault(False)
    # Translators: a button beside a phone number; read out as "Copy 116 123".
    copy.setAccessibleName(_("Copy {number}").format(number=number))

    def copy_number() -> None:
        QGuiApplication.clipboard().setText(number)
        copy.setText(_("Copied"))
    copy.clicked.connect(lambda _checked=False: copy_number())
    row.addWidget(copy, 0, Qt.AlignmentFlag.AlignVCenter)
    row.addStretch(1)
    return row


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


def card_people(ctx: PlanContext) -> list[opened.lock_card.CardPerson]:
    """What the lock screen may show: crisis-card people, never "just for me" ones."""
    return [opened.lock_card.CardPerson(c.name, c.phone, c.best_times)
            for c in ctx.plan.crisis_contacts() if not c.private]


def update_card(folder, ctx: PlanContext) -> None:
    """If I chose to show my people on the lock screen, bring them up to date."""
    if opened.lock_card.is_shown(folder):
        try:
            opened.lock_card.write_card(folder, card_people(ctx))
        except opened.StorageError:
            pass    # the card keeps what it had; the plan itself is safe


def _person_card(object_name: str, name: str, relationship: str = "", phone: str = "",
                 best_times: str = "", can_help_with: str = "") -> QFrame:
    """One person: the name, who they are, the number large, best times and
    what they can help with (each only when written)."""
    frame, layout = _card(object_name, name)
    if relationship:
        layout.addWidget(align_with_layout(text_label(relationship)))
    if phone:
        layout.addLayout(_phone_row(phone))
    if best_times:
        layout.addWidget(text_label(_("Best times: {times}").format(times=isolate(best_times))))
    if can_help_with:
        layout.addWidget(text_label(_("Can help with: {things}")
                                    .format(things=isolate(can_help_with))))
    return frame


class LockScreenCard(QFrame):
    """My people on the unlock screen, when I have chosen to show them there."""

    def __init__(self, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.refresh)
        self.setObjectName("lockScreenCard")
        self.folder = folder
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 8)
        self.refresh()

    def refresh(self) -> None:
        _delete_layout(self._layout)
        people = opened.lock_card.read_card(self.folder) if self.folder is not None else []
        self.setVisible(bool(people))
        if not people:
            return
        title = Heading(1.2)
        title.setText(_("My people, if I need help now"))
        self._layout.addWidget(title)
        for person in people:
            self._layout.addWidget(_person_card("lockCardPerson", person.name, phone=person.phone,
                                                best_times=person.best_times))


class HelpNowDialog(QDialog):
    def __init__(self, ctx: PlanContext | None, parent: QWidget | None = None,
                 dialogs: DialogService | None = None, card_folder: Path | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.rebuild)
        self.setObjectName("helpNowDialog")
        self.ctx = ctx
        self.dialogs = dialogs or DialogService()
        #: The plan's folder, where the lock-screen card lives if I choose one.
        self.card_folder = card_folder
        self.lock_card_check: QCheckBox | None = None
        self._body = QWidget()
        self._content = QVBoxLayout(self._body)
        self._content.setSpacing(12)
        self._content.setContentsMargins(16, 12, 16, 12)
        scroll = scrolling(self._body)
        self.close_button, row = close_row(self, "helpNowCloseButton")
        self.change_button: QPushButton | None = None
        if ctx is not None:
            self.change_button = tall(QPushButton())
            self.change_button.setObjectName("changeServicesButton")
            self.change_button.setAutoDefault(False)
            self.change_button.clicked.connect(self.change_services)
            row.insertWidget(0, self.change_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(row)
        if ctx is not None:
            ctx.changed.connect(self._plan_changed)
        self.rebuild()
        size_to_text(self, 60, 40, parent)

    # -- content -------------------------------------------------------------------
    def contacts(self) -> list[Contact]:
        if self.ctx is None:
            return []
        return self.ctx.visible(self.ctx.plan.crisis_contacts())

    def services(self) -> list[CrisisService]:
        if self.ctx is None:
            return default_crisis_services()
        return self.ctx.visible(self.ctx.plan.services)

    def own_words(self, section: str, field: str) -> list[Entry]:
        if self.ctx is None:
            return []
        return [entry for entry in self.ctx.visible(self.ctx.plan.entries_for(section, field))
                if entry.text.strip()]

    def rebuild(self) -> None:
        self.setWindowTitle(_("Need help now?"))
        self.close_button.setText(_("Close"))
        if self.change_button is not None:
            self.change_button.setText(_("Change these…"))
            self.change_button.setToolTip(_("Add, change or remove crisis services"))
        while self._content.count():
            item = self._content.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                _delete_layout(item.layout())
        add = self._content.addWidget
        heading = Heading(1.6)
        heading.setText(_("Need help now?"))
        add(heading)
        intro = text_label(_("You don't have to cope with this on your own. "
                             "If your life or someone else's is in danger right now, call 999."))
        intro.setObjectName("crisisWords")
        add(intro)

        later: QLabel | None = None
        if self.ctx is not None:
            titles = {"on_my_own": _("What I can do on my own"),
                      "keeps_me_going": _("What keeps me going")}
            any_words = False
            for section, field in OWN_WORDS:
                entries = self.own_words(section, field)
                if not entries:
                    continue
                any_words = True
                title = Heading(1.2)
                title.setObjectName(f"{field}Heading")
                title.setText(titles[field])
                add(title)
                for entry in entries:
                    words = align_with_layout(text_label(entry.text, selectable=True))
                    words.setObjectName("crisisWords")
                    add(words)
            if not any_words:
                # Not a task at the top of a crisis screen: a quiet line at its foot.
                later = text_label(_("When you're ready, write what you can do on your own and "
                                     "what keeps you going in \"When things are really hard\". "
                                     "Your words will show here first."))
                later.setObjectName("ownWordsHint")

        people = Heading(1.2)
        people.setObjectName("myPeopleHeading")
        people.setText(_("My people"))
        add(people)
        card = (opened.lock_card.read_card(self.card_folder)
                if self.ctx is None and self.card_folder is not None else [])
        if self.ctx is None and card:
            for person in card:
                add(_person_card("crisisContactCard", person.name, phone=person.phone,
                                 best_times=person.best_times))
        elif self.ctx is None:
            add(text_label(_("The people on your crisis card show here when your plan is open.")))
        elif not self.contacts():
            add(text_label(_("You haven't put anyone on your crisis card yet. You can do that "
                             "in My people, whenever you're ready.")))
        for contact in self.contacts():
            add(self._contact_card(contact))
        if self.ctx is not None and self.card_folder is not None:
            self.lock_card_check = QCheckBox(_("Show these people on the lock screen too"))
            self.lock_card_check.setObjectName("lockCardCheck")
            self.lock_card_check.setChecked(opened.lock_card.is_shown(self.card_folder))
            self.lock_card_check.clicked.connect(self._lock_card_clicked)
            add(self.lock_card_check)
            explain = text_label(_(
                "Off unless I choose it. If I tick this, the names, numbers and best times of "
                "the people on my crisis card can be read while my plan is locked, by anyone "
                "using this computer. Nothing else from my plan is shown, and people I marked "
                "just for me are left out."))
            explain.setObjectName("lockCardExplained")
            add(explain)

        services = Heading(1.2)
        services.setObjectName("servicesHeading")
        services.setText(_("Crisis services"))
        add(services)
        for service in self.services():
            add(self._service_card(shown_crisis_service(service)))
        if later is not None:
            add(later)
        self._content.addStretch(1)

    def _contact_card(self, contact: Contact) -> QFrame:
        return _person_card("crisisContactCard", contact.name, contact.relationship,
                            contact.phone, contact.best_times, contact.can_help_with)

    def _service_card(self, service: CrisisService) -> QFrame:
        frame, layout = _card("crisisServiceCard", service.name)
        if service.phone:
            layout.addLayout(_phone_row(service.phone))
        if service.notes:
            layout.addWidget(align_with_layout(text_label(service.notes)))
        return frame

    # -- changes -------------------------------------------------------------------
    def _lock_card_clicked(self, checked: bool) -> None:
        if self.ctx is None or self.card_folder is None or self.lock_card_check is None:
            return
        try:
            if checked:
                if not self.dialogs.question(
                        self, _("Show my people on the lock screen?"),
                        _("Anyone using this computer will be able to read the names, numbers "
                          "and best times of the people on my crisis card, without my "
                          "passphrase. The rest of my plan stays locked. Show them?"),
                        yes=_("Show them"), no=_("Keep them private")):
                    self.lock_card_check.setChecked(False)
                    return
                opened.lock_card.write_card(self.card_folder, card_people(self.ctx))
            else:
                opened.lock_card.remove_card(self.card_folder)
        except opened.StorageError as error:
            self.lock_card_check.setChecked(opened.lock_card.is_shown(self.card_folder))
            self.dialogs.warning(self, _("Lock screen"), str(error))

    def change_services(self) -> "ServicesDialog | None":
        """The separate step where crisis services are changed."""
        if self.ctx is None:
            return None
        dialog = ServicesDialog(self.ctx, self.dialogs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _plan_changed(self, action: str, subject: object) -> None:
        if action in ("reset", "info") or isinstance(subject, (CrisisService, Contact, Entry)):
            self.rebuild()

    def done(self, result: int) -> None:
        if self.ctx is not None:
            self.ctx.changed.disconnect(self._plan_changed)
            self.ctx = None
        super().done(result)


def _delete_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _delete_layout(item.layout())


class ServicesDialog(QDialog):
    """Change my crisis services: add, change or remove, one at a time.

    Removing asks first; once removed, an Undo button right here brings the
    service back (it is the plan's own Undo step, so Edit ▸ Undo agrees)."""

    def __init__(self, ctx: PlanContext, dialogs: DialogService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.rebuild)
        self.setObjectName("servicesDialog")
        self.ctx, self.dialogs = ctx, dialogs
        self._removed_at: int | None = None
        self._list = QVBoxLayout()
        self.notice = QFrame()
        self.notice.setObjectName("removedNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice_row = QHBoxLayout(self.notice)
        self.notice_label = text_label()
        self.notice_label.setObjectName("removedNoticeText")
        self.notice_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo_button = tall(QPushButton())
        self.undo_button.setObjectName("undoRemoveButton")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_remove)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.undo_button)
        self.notice.hide()
        self.add_button = tall(QPushButton())
        self.add_button.setObjectName("addServiceButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self._edit(None))
        self.close_button, row = close_row(self, "servicesCloseButton")
        self.intro = text_label()
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.intro)
        column.addLayout(self._list)
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)
        column.addStretch(1)
        scroll = scrolling(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(scroll)
        layout.addLayout(row)
        ctx.changed.connect(self._plan_changed)
        self.rebuild()
        size_to_text(self, 56, 32, parent)

    def rebuild(self) -> None:
        self.setWindowTitle(_("Change my crisis services"))
        self.intro.setText(_("These are the services on my crisis screen and crisis plan. "
                             "Changes are saved straight away."))
        self.add_button.setText(_("Add a crisis service…"))
        self.close_button.setText(_("Done"))
        self.undo_button.setText(_("Undo"))
        _delete_layout(self._list)
        for service in self.ctx.visible(self.ctx.plan.services):
            shown = shown_crisis_service(service)
            frame, layout = _card("crisisServiceCard", shown.name)
            if shown.phone:
                layout.addWidget(_phone_label(shown.phone))
            row = QHBoxLayout()
            edit = tall(QPushButton(_("Change")))
            edit.setAccessibleName(_("Change {service}").format(service=shown.name))
            edit.setObjectName("editServiceButton")
            remove = tall(QPushButton(_("Remove")))
            remove.setAccessibleName(_("Remove {service}").format(service=shown.name))
            remove.setObjectName("removeServiceButton")
            for button in (edit, remove):
                button.setAutoDefault(False)
                row.addWidget(button)
            row.addStretch(1)
            edit.clicked.connect(lambda _checked=False, s=service: self._edit(s))
            remove.clicked.connect(lambda _checked=False, s=service: self.remove(s))
            layout.addLayout(row)
            self._list.addWidget(frame)

    def _edit(self, service: CrisisService | None) -> ServiceEditor:
        editor = ServiceEditor(shown_crisis_service(service) if service else None, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._save_service(service, editor.values()))
        editor.open()
        return editor

    def _save_service(self, service: CrisisService | None, values: dict[str, str]) -> None:
        if not (values["name"] or values["phone"]):
            return
        if service is None:
            self.ctx.add(CrisisService(**values))
        else:
            shown = shown_crisis_service(service)
            changes = {key: value for key, value in values.items()
                       if value != getattr(shown, key)}
            if changes:
                self.ctx.update(service, **changes)

    def remove(self, service: CrisisService) -> bool:
        """Ask, then remove ``service``; an Undo shows here at once."""
        name = shown_crisis_service(service).name
        if not self.dialogs.question(
                self, _("Remove a crisis service"),
                _("Remove {service} from my crisis screen and crisis plan?").format(service=name),
                yes=_("Remove it"), no=_("Keep it")):
            return False
        self.ctx.remove(service)
        self._removed_at = self.ctx.undo_stack.index()
        text = _("{service} is removed.").format(service=name)
        self.notice_label.setText(text)
        self.notice.setAccessibleName(text)
        self.undo_button.setAccessibleName(_("Undo removing {service}").format(service=name))
        self.notice.show()
        self.undo_button.setFocus()
        return True

    def undo_remove(self) -> None:
        if self._removed_at is not None and self.ctx.undo_stack.index() == self._removed_at:
            self.ctx.undo()
        self._removed_at = None
        self.notice.hide()
        self.add_button.setFocus()

    def _plan_changed(self, action: str, subject: object) -> None:
        if action in ("reset", "info") or isinstance(subject, CrisisService):
            self.rebuild()
        if self._removed_at is not None and self.ctx.undo_stack.index() != self._removed_at:
            self._removed_at = None
            self.notice.hide()

    def done(self, result: int) -> None:
        try:
            self.ctx.changed.disconnect(self._plan_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
