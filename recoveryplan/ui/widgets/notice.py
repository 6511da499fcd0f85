"""A calm notice across the top of the plan: an icon, words, and buttons."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from .kit import tall, text_label
from .translated import translations


class NoticeBar(QFrame):
    """A calm line across the top of the plan: an icon, words, and buttons.

    Not colour alone: the icon and the words carry the meaning; the
    background comes from the palette so dark mode and high contrast work."""

    def __init__(self, icon: QStyle.StandardPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.icon = QLabel(self)
        size = max(16, self.fontMetrics().height())
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.icon.setAccessibleName("")
        self.label = text_label("")
        self.label.setObjectName("noticeText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self._buttons = row
        translations(self).follow(self.refresh)

    def add_button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = tall(QPushButton(self))
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        self._buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return button

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)

    @staticmethod
    def name_button(button: QPushButton, text: str) -> None:
        button.setText(text)
        button.setAccessibleName(text.replace("&", ""))

    def refresh(self, *_args) -> None:
        """Show the notice's words for now (subclasses say what they are)."""
