"""Translation helpers and locale-aware formatting.

Every user-visible string goes through ``_`` (or ``ngettext``/``pgettext``);
strings defined at import time are marked with ``N_`` and translated where
they are shown. Catalogues are Babel ``.mo`` files compiled from
``translations/*.po`` into ``recoveryplan/locale/<lang>/LC_MESSAGES``.

This module imports no Qt: the command line and the PDF export use it too.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gettext as _gettext
from pathlib import Path
from typing import Callable

from babel import Locale
from babel import dates as _bdates
from babel import numbers as _bnumbers
from babel.support import NullTranslations, Translations

DOMAIN = "recoveryplan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Languages the app offers, in the order shown. ``qps-ploc`` is the
#: pseudo-locale for testing layouts; it is offered only when asked for.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "cy": "Cymraeg",
    "pl": "Polski",
    "ar": "العربية",
}
PSEUDO = "qps-ploc"
DEFAULT_LANGUAGE = "en"

_translations: _gettext.NullTranslations = NullTranslations()
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


class CatalogueMissing(LookupError):
    """A language was asked for whose compiled catalogue is not installed."""


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def current_language() -> str:
    return _language


#: Locale used for dates and numbers in each language (British English:
#: the app's defaults are for the UK; the region can differ from the language).
FORMAT_LOCALES = {"en": "en_GB", "cy": "cy_GB", "pl": "pl_PL", "ar": "ar", PSEUDO: "en_GB"}


def babel_locale(language: str | None = None) -> Locale:
    return _parse_locale(language or _language)


@functools.lru_cache(maxsize=None)
def _parse_locale(language: str) -> Locale:
    return Locale.parse(FORMAT_LOCALES.get(language, language))


def is_rtl(language: str | None = None) -> bool:
    return babel_locale(language).text_direction == "rtl"


class _PseudoTranslations(NullTranslations):
    """Stretch and bracket every string so clipping and misses stand out."""

    _MAP = str.maketrans("aeiouAEIOUcnsyz", "áéíóúÁÉÍÓÚçñšýž")

    @classmethod
    def _pseudo(cls, text: str) -> str:
        out, depth = [], 0
        for ch in text:
            # leave {placeholders} alone so formatting still works
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            out.append(ch if depth else ch.translate(cls._MAP))
        body = "".join(out)
        pad = "~" * max(1, len(text) // 3)
        return f"[{body}{pad}]"

    def gettext(self, message):  # noqa: D401 - gettext API
        return self._pseudo(message)

    def ngettext(self, singular, plural, n):
        return self._pseudo(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return self._pseudo(message)

    def npgettext(self, context, singular, plural, n):
        return self._pseudo(singular if n == 1 else plural)


def load_translations(language: str) -> _gettext.NullTranslations:
    """Return the catalogue for ``language``; English needs none."""
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    if language == PSEUDO:
        return _PseudoTranslations()
    mo = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise CatalogueMissing(language)
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


class Translator:
    """Translations for one language, apart from the app's own: exporting a
    PDF in Welsh never switches the screen to Welsh. A language with no
    catalogue falls back to English words (dates and direction still follow
    the language)."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language or _language
        try:
            self._catalogue = (_translations if language is None
                               else load_translations(self.language))
        except CatalogueMissing:
            self._catalogue = NullTranslations()

    def _(self, message: str) -> str:
        return self._catalogue.gettext(message)

    gettext = _

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue.pgettext(context, message)


def translator(language: str | None = None) -> Translator:
    """A translator for ``language`` (the app's current one if None)."""
    return Translator(language)


def set_language(language: str) -> None:
    """Switch the catalogue used by ``_`` and friends, then tell listeners."""
    global _translations, _language
    if language not in LANGUAGES and language != PSEUDO:
        raise CatalogueMissing(language)
    _translations = load_translations(language)
    _language = language
    for listener in list(_listeners):
        listener(language)


def add_language_listener(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


# -- formatting --------------------------------------------------------------

def format_date(value: _dt.date | None, fmt: str = "long", language: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    return _bdates.format_date(value, format=fmt, locale=babel_locale(language))


def format_datetime(value: _dt.datetime | None, fmt: str = "medium", language: str | None = None) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()  # show local wall-clock time
    return _bdates.format_datetime(value, format=fmt, locale=babel_locale(language))


def format_number(value: float | int, language: str | None = None) -> str:
    return _bnumbers.format_decimal(value, locale=babel_locale(language))
