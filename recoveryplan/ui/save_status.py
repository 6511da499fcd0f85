"""The save status in the status bar ("Saving…", "Saved", "Not saved
yet"), and the one offer, when saving fails, to save a copy of the plan as
it is on screen.

The label is as wide as the longest of its words, and keeps that size
while it changes from one to another: every save says "Saving…" and then
"Saved", and a label that changed its size each time would lay out the
whole window again twice per change (the status bar, then the window
around it). It is measured again when the language, the font or the style
change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from ..i18n import N_, _
from .widgets.translated import translations


class SaveStatus(QObject):
    #: Everything the label says (the size it keeps fits the longest).
    WORDS = (N_("Saving…"), N_("Saved"), N_("Not saved yet"), N_("Read only"))

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._error_shown = False
        self.label = QLabel()
        self.label.setObjectName("saveStatusLabel")
        # Read out with the status bar; not a Tab stop (it was one with no name).
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Against the end of the status bar, where it stood when it was
        # only as wide as its words.
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        window.statusBar().addPermanentWidget(self.label)
        #: What the label says, as its source words (N_), so that it is
        #: worded again when the language changes.
        self._source = ""
        translations(self.label).follow(self._word)
        self.label.installEventFilter(self)
        self._fit()

    def _fit(self) -> None:
        """The label's size: the largest its words (and what it says now) need."""
        label = self.label
        current = label.text()
        sizes = []
        for text in {_(source) for source in self.WORDS} | {current}:
            label.setText(text)
            sizes.append(label.sizeHint())
        label.setText(current)
        label.setFixedSize(max(size.width() for size in sizes),
                           max(size.height() for size in sizes))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.label and event.type() in (
                QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish,
                QEvent.Type.LanguageChange):
            self._fit()
        return False

    def show(self, source: str) -> None:
        """Say ``source`` (words marked with ``N_``, or "" for nothing)."""
        self._source = source
        self._word()

    def _word(self) -> None:
        text = _(self._source) if self._source else ""
        self.label.setText(text)
        self.label.setAccessibleName(text or _("Save status"))
        if self.label.width() < self.label.sizeHint().width():
            self._fit()     # words from another language, or not among WORDS

    def saved(self) -> None:
        self._error_shown = False
        self.show(N_("Saved"))

    def failed(self, message: str) -> None:
        self.show(N_("Not saved yet"))
        if not self._error_shown:
            self._error_shown = True
            window = self.window
            if window.dialogs.question(window, _("Not saved yet"), _(
                    "{reason}\n\nYour writing is still on the screen, and I'll keep trying to "
                    "save it. To be safe, you can save a copy of your plan as it is now "
                    "somewhere else, such as a USB stick.").format(reason=message),
                    yes=_("Save a copy of my plan as it is now"), no=_("Not now")):
                window.files.save_copy_now()
