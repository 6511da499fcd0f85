"""The first thing a new person sees: what the app is and that it is theirs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ...i18n import _
from .common import Screen, tall, text_label


class WelcomeScreen(Screen):
    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeScreen")
        self._what = text_label()
        self._private = text_label()
        self._yours = text_label()
        for label in (self._what, self._private, self._yours):
            self.column.addWidget(label)
        self.start_button = tall(QPushButton())
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.finish_layout()

    def retranslate(self) -> None:
        self.heading.setText(_("Welcome to Recovery Plan"))
        self._what.setText(_(
            "This is a place for your own recovery plan, in your own words: what keeps you "
            "well, what helps when things are hard, your hopes and goals, and the people you "
            "can turn to."))
        self._private.setText(_(
            "Your plan stays on this computer. It is locked with a passphrase that only you "
            "know, and it never goes on the internet."))
        self._yours.setText(_(
            "It is yours. You choose what to write, what to share and what to keep just for "
            "you. Nothing has to be filled in, and you can add to it a little at a time."))
        self.start_button.setText(_("Start my plan"))

    def first_focus(self) -> QWidget:
        return self.start_button
