"""Translation helpers and locale-aware formatting.

Every user-visible string goes through ``_`` (or ``ngettext``/``pgettext``);
strings defined at import time are marked with ``N_`` and translated where
they are shown. Catalogues are Babel ``.mo`` files compiled from
``translations/*.po`` into ``recoveryplan/locale/<lang>/LC_MESSAGES``, read
with the standard library's ``gettext``.

This module imports no Qt: the command line and the PDF export use it too.
Nor Babel, until a date or number is first formatted: the app's first screen
needs only the words, and comes up before Babel's locale data is loaded.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib
import stat as _stat
import sys
import gettext as _gettext
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:   # Babel is imported when a date or number is first formatted
    from babel import Locale

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

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
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
    from babel import Locale

    return Locale.parse(FORMAT_LOCALES.get(language, language))


#: The offered languages written from right to left (as Babel's locale data
#: says; a test checks), so the window's direction is set without Babel.
RTL_LANGUAGES = frozenset({"ar"})


def is_rtl(language: str | None = None) -> bool:
    language = language or _language
    if language in LANGUAGES or language == PSEUDO:
        return language in RTL_LANGUAGES
    return babel_locale(language).text_direction == "rtl"


# -- direction of mixed text ----------------------------------------------------
# The person's words, in any language, appear inside app sentences and
# tables in any other: each piece is wrapped in a Unicode directional
# isolate (UAX #9) so it is ordered by its own letters and cannot reorder,
# or be reordered by, what is around it. Only for display: stored text is
# never wrapped.

#: Left-to-right isolate, first-strong isolate, pop directional isolate.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
_OPENERS = frozenset("\u2066\u2067\u2068")
_NO_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def isolate(text: str) -> str:
    """The person's own words for display: laid out in the direction of
    their first letter, whatever the direction around them."""
    return f"{FSI}{text}{PDI}" if text else text


def ltr(text: str) -> str:
    """Phone numbers and e-mail addresses for display: always left to right
    (07700 900123 must not become 900123 07700 in an Arabic table)."""
    return f"{LRI}{text}{PDI}" if text else text


def strip_isolates(text: str) -> str:
    """``text`` without directional isolates (for screen readers and search)."""
    return text.translate(_NO_ISOLATES)


def text_direction(text: str) -> str | None:
    """``"ltr"`` or ``"rtl"`` from the first strong letter of ``text``
    (text inside isolates is skipped, as UAX #9 says); None if it has none,
    such as a phone number."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        elif not depth:
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return None


class _PseudoTranslations(_gettext.NullTranslations):
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


def catalogue_installed(language: str) -> bool:
    """True if ``language`` needs no catalogue (English, the pseudo-locale)
    or its compiled catalogue is installed."""
    if language in (DEFAULT_LANGUAGE, PSEUDO):
        return True
    return (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def missing_catalogue_message(language: str, pdf: bool = False) -> str:
    """What to tell the person when ``language``'s words are not installed
    (instead of silently showing English)."""
    name = LANGUAGES.get(language, language)
    if pdf:
        return _("The words in {language} aren't installed on this computer, so the PDF's "
                 "words are in English. Reinstalling Recovery Plan should bring them "
                 "back.").format(language=name)
    return _("The words in {language} aren't installed on this computer, so Recovery Plan "
             "is in English for now. Reinstalling Recovery Plan should bring them "
             "back.").format(language=name)


def load_translations(language: str) -> _gettext.NullTranslations:
    """Return the catalogue for ``language``; English needs none."""
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    if language == PSEUDO:
        return _PseudoTranslations()
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        info = path.stat()
    except OSError:
        raise CatalogueMissing(language) from None
    if not _stat.S_ISREG(info.st_mode):
        raise CatalogueMissing(language)
    return _read_catalogue(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _read_catalogue(path: str, _mtime_ns: int, _size: int) -> _gettext.GNUTranslations:
    """A compiled catalogue, read once while the file stays the same (a
    PDF, the crisis screen and each built-in service's words ask for their
    language's catalogue again and again)."""
    with open(path, "rb") as catalogue:
        return _gettext.GNUTranslations(catalogue)


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
            self._catalogue = _gettext.NullTranslations()

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
    if "babel" in sys.modules:
        # Dates are on screen already: read the language's date and number
        # data now, once, rather than in the middle of redrawing the tables
        # (Babel reads it when first asked for something in it).
        babel_locale(language).text_direction  # noqa: B018
    for listener in list(_listeners):
        listener(language)


def add_language_listener(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


# -- formatting --------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _babel(part: str):
    """Babel's ``dates`` or ``numbers``, imported when first needed."""
    return importlib.import_module(f"babel.{part}")


def format_date(value: _dt.date | None, fmt: str = "long", language: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    return _format_date(value, fmt, language or _language)


@functools.lru_cache(maxsize=8192)
def _format_date(value: _dt.date, fmt: str, language: str) -> str:
    """Tables show the same dates over and over (a date holds no plan text)."""
    return _babel("dates").format_date(value, format=fmt, locale=babel_locale(language))


def format_datetime(value: _dt.datetime | None, fmt: str = "medium", language: str | None = None) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()  # show local wall-clock time
    return _babel("dates").format_datetime(value, format=fmt, locale=babel_locale(language))


def format_number(value: float | int, language: str | None = None) -> str:
    if type(value) is int and -1000 < value < 1000:    # check-in scores, counts
        return _format_small_number(value, language or _language)
    return _babel("numbers").format_decimal(value, locale=babel_locale(language))


@functools.lru_cache(maxsize=4096)
def _format_small_number(value: int, language: str) -> str:
    return _babel("numbers").format_decimal(value, locale=babel_locale(language))
