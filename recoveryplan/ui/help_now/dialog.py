"""The "Need help now?" dialog itself: my own words, my people, then
crisis services, in large type."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QFrame, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from ... import opened
from ...i18n import _
from ...plans.model import (Contact, CrisisService, Entry, default_crisis_services,
                            shown_crisis_service)
from ..dialogs import DialogService
from ..widgets.kit import Heading, close_row, size_to_text, tall, text_label
from ..widgets.bidi import align_with_layout
from ..widgets.scrolling import scrolling
from ..widgets.translated import translations
from .cards import _card, _delete_layout, _person_card, _phone_row
from .lock_screen import card_people
from .services import ServicesDialog

#: The person's own words shown first: (section, field, heading).
OWN_WORDS = (
    ("hard_times", "on_my_own"),
    ("hard_times", "keeps_me_going"),
)

if TYPE_CHECKING:   # the plan's context loads with the plan, not at launch
    from ..context import PlanContext


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
