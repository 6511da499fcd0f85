"""The app's own preferences, as typed options over ``QSettings``.

Only choices about the app live here (idle lock delay, language, text
size); never plan text, names or secrets. Tests pass a ``QSettings`` on a
temporary INI file so they never touch the real home folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

#: Bump when an option changes meaning; ``_upgrade`` converts old values.
VERSION = 1


@dataclass(frozen=True)
class IntOption:
    key: str
    default: int
    minimum: int
    maximum: int

    def clamp(self, value: object) -> int:
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return self.default
        return max(self.minimum, min(self.maximum, number))


IDLE_LOCK_MINUTES = IntOption("lock/idleMinutes", 5, 1, 120)
TEXT_SCALE = IntOption("view/textScalePercent", 100, 75, 250)
#: Text sizes offered by Larger/Smaller text and Preferences, in percent.
TEXT_STEPS = (75, 90, 100, 125, 150, 175, 200, 250)
LANGUAGE_KEY = "view/language"


class Settings:
    """Read and write the options; wraps one ``QSettings``."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()
        self._upgrade()

    def _upgrade(self) -> None:
        if int(self._store.value("settingsVersion", 0) or 0) < VERSION:
            self._store.setValue("settingsVersion", VERSION)

    def _get_int(self, option: IntOption) -> int:
        return option.clamp(self._store.value(option.key, option.default))

    def _set_int(self, option: IntOption, value: int) -> None:
        self._store.setValue(option.key, option.clamp(value))
        self._store.sync()

    @property
    def idle_lock_minutes(self) -> int:
        return self._get_int(IDLE_LOCK_MINUTES)

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self._set_int(IDLE_LOCK_MINUTES, value)

    @property
    def text_scale(self) -> int:
        """Text size in percent of the system's normal size."""
        return self._get_int(TEXT_SCALE)

    @text_scale.setter
    def text_scale(self, value: int) -> None:
        self._set_int(TEXT_SCALE, value)

    @property
    def language(self) -> str:
        """The chosen language code, or "" to follow the computer."""
        return str(self._store.value(LANGUAGE_KEY, "") or "")

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue(LANGUAGE_KEY, value)
        self._store.sync()
