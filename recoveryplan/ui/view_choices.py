"""How the app looks and speaks, for the main window to connect: the
Preferences dialog, the language and the text size. Only settings, never
plan text."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from .. import i18n
from ..i18n import _
from .preferences import PreferencesDialog
from .settings import TEXT_STEPS
from .style import apply_text_scale



class ViewChoices(QObject):
    """Preferences, the app's language and its text size."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def show_preferences(self) -> PreferencesDialog:
        window = self.window
        dialog = PreferencesDialog(window.settings, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.minutes(), dialog.language(),
                                                               dialog.text_scale()))
        dialog.accepted.connect(lambda: setattr(window.settings, "together_asks_passphrase",
                                                dialog.together_asks_passphrase()))
        dialog.open()
        return dialog

    def apply_preferences(self, minutes: int, language: str, text_scale: int | None = None) -> None:
        settings = self.window.settings
        settings.idle_lock_minutes = minutes
        if text_scale is not None:
            self.set_text_scale(text_scale)
        self.window.idle.set_interval_ms(settings.idle_lock_minutes * 60_000)
        self.choose_language(language)

    def choose_language(self, language: str) -> None:
        """Switch the app's language at once and remember the choice."""
        window = self.window
        if language != i18n.current_language() and window.languages is not None:
            try:
                window.languages.apply(language)
            except i18n.CatalogueMissing:
                window.dialogs.warning(window, _("Language"),
                                       _("That language isn't installed, so nothing changed."))
                return
            window.settings.language = language

    # -- text size -------------------------------------------------------------------
    def set_text_scale(self, percent: int) -> None:
        settings = self.window.settings
        settings.text_scale = percent
        apply_text_scale(settings.text_scale)

    def step_text(self, direction: int) -> None:
        current = self.window.settings.text_scale
        if direction > 0:
            bigger = [p for p in TEXT_STEPS if p > current]
            self.set_text_scale(bigger[0] if bigger else TEXT_STEPS[-1])
        else:
            smaller = [p for p in TEXT_STEPS if p < current]
            self.set_text_scale(smaller[-1] if smaller else TEXT_STEPS[0])
