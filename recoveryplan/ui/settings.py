"""The app's own preferences, as typed options over ``QSettings``.

Only choices about the app live here (idle lock delay, language, text
size, where the last plan and the second place for backups are); never
plan text, names or secrets. Tests pass a ``QSettings`` on a
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
LAST_PLAN_KEY = "plan/lastFolder"
SECOND_PLACE_KEY = "backups/secondPlace"
SECOND_PLACE_LAST_KEY = "backups/secondPlaceLastMade"
#: Ending planning together asks for the passphrase (on unless switched off).
TOGETHER_PASSPHRASE_KEY = "together/askPassphraseToEnd"
#: Plans (by their random id, never a name) whose newest recovery key the
#: person has not yet confirmed keeping.
UNCONFIRMED_KEYS = "recoveryKey/unconfirmedPlans"


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
    def together_asks_passphrase(self) -> bool:
        """Whether ending planning together asks for my passphrase first."""
        value = self._store.value(TOGETHER_PASSPHRASE_KEY, True)
        return value not in (False, "false", "0", 0)

    @together_asks_passphrase.setter
    def together_asks_passphrase(self, value: bool) -> None:
        self._store.setValue(TOGETHER_PASSPHRASE_KEY, bool(value))
        self._store.sync()

    def _unconfirmed(self) -> list[str]:
        value = self._store.value(UNCONFIRMED_KEYS, "") or ""
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        return [v for v in str(value).split(",") if v.isalnum() and len(v) <= 64][:50]

    def recovery_key_unconfirmed(self, plan_id: str) -> bool:
        """True while the newest recovery key of plan ``plan_id`` is not
        known to be kept (shown, but the app closed before it was confirmed)."""
        return plan_id in self._unconfirmed()

    def set_recovery_key_unconfirmed(self, plan_id: str, unconfirmed: bool) -> None:
        ids = [v for v in self._unconfirmed() if v != plan_id]
        if unconfirmed and plan_id:
            ids.append(plan_id)
        self._store.setValue(UNCONFIRMED_KEYS, ",".join(ids))
        self._store.sync()

    @property
    def language(self) -> str:
        """The chosen language code, or "" to follow the computer."""
        return str(self._store.value(LANGUAGE_KEY, "") or "")

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue(LANGUAGE_KEY, value)
        self._store.sync()

    def _get_path(self, key: str) -> str:
        value = self._store.value(key, "")
        return value if isinstance(value, str) else ""

    def _set_path(self, key: str, value: str) -> None:
        if value:
            self._store.setValue(key, str(value))
        else:
            self._store.remove(key)
        self._store.sync()

    @property
    def last_plan(self) -> str:
        """The folder of the plan opened last ("" for the usual place)."""
        return self._get_path(LAST_PLAN_KEY)

    @last_plan.setter
    def last_plan(self, value: str) -> None:
        self._set_path(LAST_PLAN_KEY, value)

    @property
    def second_place(self) -> str:
        """The folder where a second backup is kept ("" for none)."""
        return self._get_path(SECOND_PLACE_KEY)

    @second_place.setter
    def second_place(self, value: str) -> None:
        self._set_path(SECOND_PLACE_KEY, value)

    @property
    def second_place_last(self) -> str:
        """When the last backup in the second place was made (ISO 8601, UTC;
        "" if never): for the reminder while that place can't be reached."""
        return self._get_path(SECOND_PLACE_LAST_KEY)

    @second_place_last.setter
    def second_place_last(self, value: str) -> None:
        self._set_path(SECOND_PLACE_LAST_KEY, value)
