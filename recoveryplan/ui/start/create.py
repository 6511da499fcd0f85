"""Start a new plan: the name I like to be called and a passphrase, twice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...i18n import _
from ...plans.passphrase import Strength, assess
from ..fields.strength import StrengthMeter
from ..widgets.kit import busy_bar, message_label, show_message, tall, text_label
from ..widgets.secret import CapsLockHint, RevealBox, SecretEdit
from .common import Screen


def labelled(label: QLabel, field: QWidget) -> QLabel:
    """Tie a label to its field so screen readers and Alt+key find it."""
    label.setBuddy(field)
    return label


class CreateScreen(Screen):
    """Emits ``create_requested(name, passphrase)`` once both passphrases
    match and are strong enough; the window then does the slow part."""

    _repeat_finished = False

    create_requested = Signal(str, str)
    back_requested = Signal()
    #: "Choose another place…": the flow asks for a folder.
    place_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createScreen")
        self._intro = text_label()
        self.column.addWidget(self._intro)

        self.name_edit = tall(QLineEdit())
        self.name_edit.setObjectName("ownerNameEdit")
        self._name_label = labelled(text_label(), self.name_edit)
        self._name_hint = text_label()
        self.column.addWidget(self._name_label)
        self.column.addWidget(self.name_edit)
        self.column.addWidget(self._name_hint)

        self._about_passphrase = text_label()
        self.column.addWidget(self._about_passphrase)
        self.passphrase_edit = SecretEdit()
        self.passphrase_edit.setObjectName("passphraseEdit")
        self.repeat_edit = SecretEdit()
        self.repeat_edit.setObjectName("repeatPassphraseEdit")
        self._passphrase_label = labelled(text_label(), self.passphrase_edit)
        self._repeat_label = labelled(text_label(), self.repeat_edit)
        self.reveal_box = RevealBox(self.passphrase_edit, self.repeat_edit)
        self.reveal_box.setObjectName("revealPassphraseBox")
        self._caps = CapsLockHint(self.passphrase_edit, self.repeat_edit)

        self.meter = StrengthMeter("strength")
        self.strength_bar, self.strength_label = self.meter.bar, self.meter.label
        self.match_label = message_label()
        self.match_label.setObjectName("matchLabel")

        for widget in (self._passphrase_label, self.passphrase_edit, self.strength_bar,
                       self.strength_label, self._repeat_label, self.repeat_edit,
                       self.match_label, self.reveal_box, self._caps):
            self.column.addWidget(widget)

        # Where the plan will live: the app's own folder, or a USB stick.
        self.place_label = text_label()
        self.place_label.setObjectName("planPlaceLabel")
        self.place_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.place_button = tall(QPushButton())
        self.place_button.setObjectName("choosePlaceButton")
        self.place_button.setAutoDefault(True)
        self.place_button.clicked.connect(self.place_requested)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place_button)
        place_row.addStretch(1)
        self.column.addWidget(self.place_label)
        self.column.addLayout(place_row)
        self._place = ""

        self.error_label = message_label()
        self.error_label.setObjectName("createErrorLabel")
        self.busy = busy_bar()
        self.busy_label = message_label()
        self.create_button = tall(QPushButton())
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self.create_button.setAutoDefault(True)
        self.back_button = tall(QPushButton())
        self.back_button.setObjectName("backButton")
        self.back_button.setAutoDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        for widget in (self.error_label, self.busy_label, self.busy):
            self.column.addWidget(widget)
        self.column.addLayout(row)

        self.create_button.clicked.connect(self._submit)
        self.back_button.clicked.connect(self.back_requested)
        self.passphrase_edit.returnPressed.connect(self.repeat_edit.setFocus)
        self.repeat_edit.returnPressed.connect(self._submit)
        self.name_edit.returnPressed.connect(self.passphrase_edit.setFocus)
        for edit in (self.name_edit, self.passphrase_edit, self.repeat_edit):
            edit.textChanged.connect(self._update_feedback)
        # "Not the same" waits until the second box is finished (left, or typed
        # as long as the first), not while it is still being typed.
        self._repeat_finished = False
        self.repeat_edit.textEdited.connect(self._repeat_typing)
        self.repeat_edit.editingFinished.connect(self._repeat_done)
        self.setTabOrder(self.name_edit, self.passphrase_edit)
        self.setTabOrder(self.passphrase_edit, self.repeat_edit)
        self.setTabOrder(self.repeat_edit, self.reveal_box)
        self.setTabOrder(self.reveal_box, self.place_button)
        self.setTabOrder(self.place_button, self.create_button)
        self.setTabOrder(self.create_button, self.back_button)
        self.finish_layout()

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Start my plan"))
        self._intro.setText(_("Two small things first, then your plan is ready to fill in."))
        self._name_label.setText(_("The name I like to be called (you can leave this empty)"))
        self.name_edit.setAccessibleName(_("The name I like to be called"))
        self._name_hint.setText(_("It is shown inside your plan, never in the window title."))
        self._about_passphrase.setText(_(
            "Now choose a passphrase. It is like a password, but longer: a few words that are "
            "easy for you to remember and hard for anyone else to guess. For example, three "
            "or four words that don't usually go together."))
        self._passphrase_label.setText(_("My passphrase"))
        self.passphrase_edit.setAccessibleName(_("My passphrase"))
        self._repeat_label.setText(_("My passphrase again, to be sure"))
        self.repeat_edit.setAccessibleName(_("My passphrase again"))
        self.reveal_box.retranslate()
        self._caps.retranslate()
        self.strength_bar.setAccessibleName(_("How hard my passphrase is to guess"))
        self.create_button.setText(_("Create my plan"))
        self.back_button.setText(_("Back"))
        self.busy_label.setText(_("Creating your plan and locking it safely…"))
        self.place_button.setText(_("Choose another place…"))
        self.place_button.setAccessibleName(_("Choose another place for my plan"))
        self._show_place()
        self._update_feedback()

    def set_place(self, place: str) -> None:
        """Show where the new plan will be kept."""
        self._place = place
        self._show_place()

    def _show_place(self) -> None:
        self.place_label.setText(_("My plan will be kept in {place}").format(place=self._place))

    def first_focus(self) -> QWidget:
        return self.name_edit

    # -- feedback ------------------------------------------------------------------
    def strength(self) -> Strength:
        return assess(self.passphrase_edit.text(), [self.name_edit.text()])

    def _update_feedback(self, _text: str = "", *, typed: bool = True) -> None:
        self.meter.show(self.passphrase_edit.text(), [self.name_edit.text()])
        repeat, first = self.repeat_edit.text(), self.passphrase_edit.text()
        differs = (bool(repeat) and repeat != first
                   and (self._repeat_finished or len(repeat) >= len(first)))
        show_message(self.match_label,
                     _("The two passphrases are not the same yet.") if differs else "")
        if typed:       # what was refused has changed; leaving a box changes nothing
            show_message(self.error_label, "")

    def _repeat_typing(self, _text: str) -> None:
        self._repeat_finished = False

    def _repeat_done(self) -> None:
        self._repeat_finished = True
        self._update_feedback(typed=False)

    def _submit(self) -> None:
        if self.busy.isVisible():
            return
        strength = self.strength()
        if not strength.acceptable:
            self._refuse(_("Please choose a passphrase that is harder to guess. {advice}")
                         .format(advice=strength.advice), self.passphrase_edit)
        elif self.repeat_edit.text() != self.passphrase_edit.text():
            self._refuse(_("The two passphrases are not the same yet. Please type it again "
                           "in the second box."), self.repeat_edit)
        else:
            self.create_requested.emit(self.name_edit.text().strip(), self.passphrase_edit.text())

    def _refuse(self, text: str, field: QWidget) -> None:
        show_message(self.error_label, text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the window calls these ------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        for widget in (self.name_edit, self.passphrase_edit, self.repeat_edit,
                       self.create_button, self.back_button, self.reveal_box, self.place_button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        show_message(self.error_label, text)

    def clear_secrets(self) -> None:
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
