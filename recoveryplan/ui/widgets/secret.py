"""A passphrase field, its "Show what I type" box and its Caps Lock hint."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from ...i18n import _
from .kit import tall


class SecretEdit(QLineEdit):
    """A passphrase field: hidden text, paste allowed, Caps Lock noticed.

    Qt cannot ask the keyboard about Caps Lock, so it is inferred from typed
    letters: an upper-case letter without Shift (or lower-case with Shift)
    means Caps Lock is on.
    """

    caps_lock_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                                 | Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhSensitiveData)
        self._caps = False
        tall(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        text = event.text()
        if len(text) == 1 and text.isalpha() and text.upper() != text.lower():
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            caps = text.isupper() != shift
            if caps != self._caps:
                self._caps = caps
                self.caps_lock_changed.emit(caps)
        super().keyPressEvent(event)

    def set_revealed(self, revealed: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password)


class RevealBox(QCheckBox):
    """The "Show what I type" box for one or more ``SecretEdit``s."""

    def __init__(self, *edits: SecretEdit) -> None:
        super().__init__()
        self._edits = edits
        self.toggled.connect(self._apply)
        tall(self)

    def _apply(self, revealed: bool) -> None:
        for edit in self._edits:
            edit.set_revealed(revealed)

    def retranslate(self) -> None:
        self.setText(_("Show what I type"))


class CapsLockHint(QLabel):
    """Says "Caps Lock seems to be on" while a ``SecretEdit`` thinks so."""

    def __init__(self, *edits: SecretEdit) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setVisible(False)
        for edit in edits:
            edit.caps_lock_changed.connect(self._changed)

    def _changed(self, on: bool) -> None:
        self.setVisible(on)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Caps Lock seems to be on."))
        self.setAccessibleName(self.text())
