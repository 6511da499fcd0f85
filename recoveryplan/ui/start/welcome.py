"""The first thing a new person sees: what the app is and that it is theirs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ... import i18n
from ...i18n import _
from ..preferences import available_languages
from ..widgets.kit import tall, text_label
from .common import Screen


class WelcomeScreen(Screen):
    start_requested = Signal()
    #: "I already have a plan": bring it back from a backup file.
    restore_requested = Signal()
    #: The person chose another language for the app (its code).
    language_chosen = Signal(str)

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
        self.restore_button = tall(QPushButton())
        self.restore_button.setObjectName("welcomeRestoreButton")
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_requested)
        # Side by side where both fit; one above the other where they don't
        # (longer words in Welsh, larger text), so no button's words are cut.
        self._button_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._button_row.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeading)
        self._button_row.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeading)
        self._button_row.addStretch(1)
        self.column.addLayout(self._button_row)
        self.language_label = QLabel()
        self.language_combo = tall(QComboBox())
        self.language_combo.setObjectName("welcomeLanguage")
        self.language_label.setBuddy(self.language_combo)
        for code, name in available_languages():
            self.language_combo.addItem(name, code)
        self._show_current_language()
        self.language_combo.activated.connect(
            lambda index: self.language_chosen.emit(str(self.language_combo.itemData(index))))
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language_combo)
        language_row.addStretch(1)
        # First, so someone who doesn't read English finds their language
        # before anything else (each is named in its own language).
        self.column.insertLayout(0, language_row)
        self.column.insertSpacing(1, 12)
        self.finish_layout()

    def _fit_buttons(self) -> None:
        room = self.column.contentsRect().width() or self.width()
        wanted = (self.start_button.sizeHint().width() + self.restore_button.sizeHint().width()
                  + self._button_row.spacing())
        direction = (QBoxLayout.Direction.LeftToRight if wanted <= room
                     else QBoxLayout.Direction.TopToBottom)
        if self._button_row.direction() != direction:
            self._button_row.setDirection(direction)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_buttons()

    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        handled = super().event(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange, QEvent.Type.LayoutRequest):
            self._fit_buttons()
        return handled

    def _show_current_language(self) -> None:
        index = self.language_combo.findData(i18n.current_language())
        if index >= 0:
            self.language_combo.setCurrentIndex(index)

    def retranslate(self) -> None:
        self.language_label.setText(_("Language:"))
        self.language_combo.setAccessibleName(_("Language"))
        self._show_current_language()
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
        self.restore_button.setText(_("Bring back my plan from a backup file…"))
        self.restore_button.setToolTip(_("If your plan was on another computer, a backup file "
                                         "made there brings all of it here."))

    def first_focus(self) -> QWidget:
        return self.start_button
