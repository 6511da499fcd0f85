"""The app's widget kit: labels, headings, messages, busy bars, the Close row
and dialog sizing, and ``MIN_TARGET``. Generic Qt only: it knows nothing of
the plan and imports nothing above ``ui/style.py``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..style import set_role

#: Smallest height of anything clickable (WCAG 2.2 target size).
MIN_TARGET = 32


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
