"""Plan > Change my passphrase: the current one, then the new one twice.

The new passphrase gets the same plain-words strength feedback as when the
plan was started. Checking the current passphrase and wrapping the key
under the new one each run a deliberately slow key derivation, so both run
off the GUI thread; the dialog shows that it is busy meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget,
)

from .. import opened
from ..i18n import _
from ..plans.passphrase import assess
from .background import BackgroundTask, run_in_background
from .fields.strength import StrengthMeter
from .widgets.kit import Heading, busy_bar, message_label, show_message, tall, text_label
from .widgets.secret import CapsLockHint, RevealBox, SecretEdit
from .widgets.translated import translations


class ChangePassphraseDialog(QDialog):
    """Emits ``accepted`` once the new passphrase is in place."""

    def __init__(self, open_plan: Any, owner_name: str = "", parent: QWidget | None = None,
                 known_secret: str = "") -> None:
        """``open_plan``: the plan's ``opened.OpenPlan``. ``known_secret``:
        the recovery key the plan was just opened with; then the
        "passphrase now" box is not asked for."""
        super().__init__(parent)
        translations(self).follow(self.retranslate)
        self.setObjectName("changePassphraseDialog")
        self._plan = open_plan
        self._known = bool(known_secret)
        self._owner = owner_name
        self._task: BackgroundTask | None = None
        self._heading = Heading(1.2)
        self._intro = text_label()
        self.current_edit = SecretEdit()
        self.current_edit.setObjectName("currentPassphraseEdit")
        self.new_edit = SecretEdit()
        self.new_edit.setObjectName("newPassphraseEdit")
        self.repeat_edit = SecretEdit()
        self.repeat_edit.setObjectName("repeatNewPassphraseEdit")
        self._labels = [text_label() for _i in range(3)]
        for label, edit in zip(self._labels, (self.current_edit, self.new_edit, self.repeat_edit)):
            label.setBuddy(edit)
        self.reveal_box = RevealBox(self.current_edit, self.new_edit, self.repeat_edit)
        self.reveal_box.setObjectName("revealChangePassphraseBox")
        self._caps = CapsLockHint(self.current_edit, self.new_edit, self.repeat_edit)
        self.meter = StrengthMeter("newStrength")
        self.strength_bar, self.strength_label = self.meter.bar, self.meter.label
        self.error_label = message_label()
        self.error_label.setObjectName("changePassphraseError")
        self.busy = busy_bar()
        self.busy_label = message_label()
        self.change_button = tall(QPushButton())
        self.change_button.setObjectName("changePassphraseButton")
        self.change_button.setDefault(True)
        self.cancel_button = tall(QPushButton())
        self.cancel_button.setObjectName("cancelChangePassphraseButton")
        self.cancel_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (self._heading, self._intro, self._labels[0], self.current_edit,
                       self._labels[1], self.new_edit, self.strength_bar, self.strength_label,
                       self._labels[2], self.repeat_edit, self.reveal_box, self._caps,
                       self.error_label, self.busy_label, self.busy):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.change_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

        self.change_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.current_edit.returnPressed.connect(self.new_edit.setFocus)
        self.new_edit.returnPressed.connect(self.repeat_edit.setFocus)
        self.repeat_edit.returnPressed.connect(self._submit)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.textChanged.connect(self._update_feedback)
        if known_secret:
            self.current_edit.setText(known_secret)
            self.current_edit.hide()
            self._labels[0].hide()
        self.retranslate()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        (self.new_edit if known_secret else self.current_edit).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change my passphrase"))
        self._heading.setText(_("Change my passphrase"))
        self._intro.setText(_("You opened your plan with your recovery key. Choose a new "
                              "passphrase to open it with from now on; your recovery key keeps "
                              "working too.") if self._known else
                            _("Your plan stays exactly as it is, and your recovery key keeps "
                              "working. Only the passphrase you type to open it changes."))
        for label, edit, text in zip(self._labels, (self.current_edit, self.new_edit, self.repeat_edit),
                                     (_("My passphrase now"), _("My new passphrase"),
                                      _("My new passphrase again, to be sure"))):
            label.setText(text)
            edit.setAccessibleName(text)
        self.reveal_box.retranslate()
        self._caps.retranslate()
        self.strength_bar.setAccessibleName(_("How hard my new passphrase is to guess"))
        self.busy_label.setText(_("Changing your passphrase…"))
        self.change_button.setText(_("Change my passphrase"))
        self.cancel_button.setText(_("Cancel"))
        self._update_feedback()

    # -- feedback ------------------------------------------------------------------
    def _update_feedback(self) -> None:
        self.meter.show(self.new_edit.text(), [self._owner])
        show_message(self.error_label, "")

    def _submit(self) -> None:
        if self._task is not None:
            return
        current, new = self.current_edit.text(), self.new_edit.text()
        strength = assess(new, [self._owner] if self._owner else [])
        if not current:
            self._refuse(_("Please type the passphrase you use now first."), self.current_edit)
        elif not strength.acceptable:
            self._refuse(_("Please choose a passphrase that is harder to guess. {advice}")
                         .format(advice=strength.advice), self.new_edit)
        elif self.repeat_edit.text() != new:
            self._refuse(_("The two new passphrases are not the same yet. Please type it again "
                           "in the last box."), self.repeat_edit)
        elif new == current:
            self._refuse(_("That is the passphrase you use now. Please choose a new one."),
                         self.new_edit)
        else:
            self._set_busy(True)
            # The slow part: prove ``current`` opens the plan, then re-wrap the key.
            plan = self._plan
            self._task = run_in_background(lambda: plan.change_passphrase(new, current=current),
                                           self._done, self._failed)

    def _refuse(self, text: str, field: QWidget) -> None:
        show_message(self.error_label, text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.current_edit, self.new_edit, self.repeat_edit, self.reveal_box,
                       self.change_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _done(self, _result: object) -> None:
        self._task = None
        self._clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        wrong = isinstance(error, opened.WrongSecret)
        self._refuse(opened.error_message(error), self.current_edit if wrong else self.new_edit)
        if wrong:
            self.current_edit.selectAll()

    def _clear(self) -> None:
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.clear()

    def busy_now(self) -> bool:
        return self._task is not None

    def reject(self) -> None:
        """Cancel, or (when locking) close. A rewrite already under way
        finishes on its own: the key file is replaced whole or not at all."""
        if self._task is not None:
            self._task.done.disconnect()
            self._task.failed.disconnect()
            self._task = None
        self._clear()
        super().reject()


__all__ = ["ChangePassphraseDialog"]
