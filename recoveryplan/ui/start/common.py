"""Building blocks shared by the start screens (welcome, create, key, unlock)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (QCheckBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from ...i18n import _
from ..style import set_role
from ..widgets.scrolling import scrolling

#: Smallest height of anything clickable (WCAG 2.2 target size).
MIN_TARGET = 32
#: Widest the text column grows, in average characters, so lines stay readable.
_COLUMN_CHARS = 70


def text_label(text: str = "", *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class Heading(QLabel):
    """A bold, larger label; the style layer sizes it relative to the app's
    text size, so it grows and shrinks with Larger and Smaller text."""

    def __init__(self, scale: float = 1.6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self, "heading1" if scale >= 1.5 else "heading2")


def heading_label(level: int = 1) -> Heading:
    return Heading(1.6 if level == 1 else 1.2)


def tall(widget: QWidget) -> QWidget:
    """Make a control at least ``MIN_TARGET`` pixels high."""
    widget.setMinimumHeight(max(MIN_TARGET, widget.sizeHint().height()))
    return widget


def message_label() -> QLabel:
    """A label for errors and hints: hidden while empty, read out when shown."""
    label = text_label()
    label.setVisible(False)
    label.setObjectName("messageLabel")
    font = QFont(label.font())
    font.setBold(True)      # stands out without a colour, in any theme
    label.setFont(font)
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)           # "busy": no percentage to pretend about
    bar.setTextVisible(False)
    bar.setVisible(False)
    bar.setMaximumHeight(MIN_TARGET // 2)
    return bar


class Screen(QWidget):
    """A scrolling, centred column with a heading; text set in ``retranslate``.

    Subclasses add rows with ``self.column.addWidget`` and set their words in
    ``retranslate``, which runs on construction and on every language change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget()
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        scroll = scrolling(body, self)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.column = QVBoxLayout(body)
        self.column.setSpacing(12)
        self.heading = heading_label()
        self.column.addWidget(self.heading)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._body = body

    def finish_layout(self) -> None:
        self.column.addStretch(1)
        self._limit_width()
        self.retranslate()

    def _limit_width(self) -> None:
        width = self.fontMetrics().averageCharWidth() * _COLUMN_CHARS
        margin = 24
        self.column.setContentsMargins(margin, margin, margin, margin)
        self._body.setMaximumWidth(width + 2 * margin)

    def retranslate(self) -> None:  # pragma: no cover - every screen overrides
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._limit_width()
        super().changeEvent(event)

    def first_focus(self) -> QWidget | None:
        """The control that gets the keyboard when the screen is shown."""
        return None


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



def close_row(dialog: QDialog, object_name: str) -> tuple[QPushButton, QHBoxLayout]:
    """A "Close" button (the default) at the trailing end of a row."""
    button = tall(QPushButton(dialog))
    button.setObjectName(object_name)
    button.setAutoDefault(True)
    button.setDefault(True)
    button.clicked.connect(dialog.accept)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return button, row


def size_to_text(dialog: QWidget, chars: int, lines: int, parent: QWidget | None) -> None:
    """Size a dialog to about ``chars`` characters by ``lines`` lines of its
    font (so it grows with large text), never taller than 90% of ``parent``."""
    dialog.ensurePolished()     # the style layer's text size, not the default one
    width = dialog.fontMetrics().averageCharWidth() * chars
    height = dialog.fontMetrics().height() * lines
    if parent is not None:
        height = min(height, int(parent.height() * 0.9))
    dialog.resize(width, height)


class StrengthMeter:
    """How hard a passphrase is to guess, as a bar and plain words (the
    create screen and the change-passphrase dialog share it). The bar and
    the label are laid out by the owner; ``show`` updates both."""

    def __init__(self, object_name: str) -> None:
        from PySide6.QtWidgets import QProgressBar

        self.bar = QProgressBar()
        self.bar.setObjectName(f"{object_name}Bar")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.label = text_label()
        self.label.setObjectName(f"{object_name}Label")

    def show(self, passphrase: str, user_inputs: list[str]):
        """Assess ``passphrase`` and show the verdict; returns the Strength."""
        from ...plans.passphrase import assess

        strength = assess(passphrase, [word for word in user_inputs if word])
        self.bar.setValue(strength.level if passphrase else 0)
        words = _("How strong it is: {summary}.").format(summary=strength.summary)
        if strength.advice and passphrase:
            words = _("{verdict} {advice}").format(verdict=words, advice=strength.advice)
        self.label.setText(words)
        self.label.setAccessibleName(words)
        return strength
