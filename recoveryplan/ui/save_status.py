"""The save status in the status bar ("Saving…", "Saved", "Not saved
yet"), and the one offer, when saving fails, to save a copy of the plan as
it is on screen."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from ..i18n import N_, _
from .widgets.translated import translations


class SaveStatus(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._error_shown = False
        self.label = QLabel()
        self.label.setObjectName("saveStatusLabel")
        # Read out with the status bar; not a Tab stop (it was one with no name).
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        window.statusBar().addPermanentWidget(self.label)
        #: What the label says, as its source words (N_), so that it is
        #: worded again when the language changes.
        self._source = ""
        translations(self.label).follow(self._word)

    def show(self, source: str) -> None:
        """Say ``source`` (words marked with ``N_``, or "" for nothing)."""
        self._source = source
        self._word()

    def _word(self) -> None:
        text = _(self._source) if self._source else ""
        self.label.setText(text)
        self.label.setAccessibleName(text or _("Save status"))

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
