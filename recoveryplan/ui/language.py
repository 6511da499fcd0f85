"""Switch the app's language at once: our catalogue, Qt's own strings, the
locale (dates in date boxes, the calendar) and the layout direction, then
tell every window to retranslate."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import i18n

#: Qt's locale for a language where Babel's name would pick another one:
#: Babel's "ar" writes the digits 0-9, like Qt's "ar_001" (Qt's "ar" is
#: Egyptian Arabic, with ٠-٩), so date boxes match the dates in tables.
_QT_LOCALES = {"ar": "ar_001"}


def window_title() -> str:
    """The main window's title in the person's language. It is also the
    name the desktop puts after every other window's title ("Preferences —
    Recovery Plan"), so that follows the language too."""
    # Translators: the main window's title, which the desktop also shows
    # after the title of every dialog.
    title = i18n.pgettext("window title", "Recovery Plan")
    QGuiApplication.setApplicationDisplayName(title)
    return title


def qt_locale(code: str) -> QLocale:
    """The Qt locale for dates and numbers in language ``code``."""
    return QLocale(_QT_LOCALES.get(code) or i18n.FORMAT_LOCALES.get(code, code))


class LanguageSwitcher:
    """Owns the ``QTranslator`` for Qt's ``qtbase_*.qm`` (standard buttons,
    context menus of text fields). Qt ships none for some languages, such
    as Welsh: then Qt's own few strings stay in English."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._qt = QTranslator(app)
        self._installed = False

    def _shortcuts_left_to_right(self) -> None:
        """Right to left, menus need the style that keeps shortcuts left to
        right (kept once set: a change of style restyles every widget)."""
        from .widgets.shortcut_style import ShortcutDirectionStyle

        if not isinstance(self._app.style(), ShortcutDirectionStyle):
            self._app.setStyle(ShortcutDirectionStyle(self._app.style().name()))

    def wanted_language(self, chosen: str) -> str:
        """The language the person would see if every catalogue were
        installed: the chosen one if offered, else the computer's, else English."""
        system = QLocale.system().name().split("_")[0]
        for code in (chosen, system):
            if code in i18n.LANGUAGES or (code == i18n.PSEUDO and code == chosen):
                return code
        return i18n.DEFAULT_LANGUAGE

    def initial_language(self, chosen: str) -> str:
        """The chosen language if its catalogue loads, else the computer's
        language if offered, else English."""
        system = QLocale.system().name().split("_")[0]
        for code in (chosen, system):
            if code in i18n.LANGUAGES:
                try:
                    i18n.load_translations(code)
                except i18n.CatalogueMissing:
                    continue
                return code
        return i18n.DEFAULT_LANGUAGE

    def apply(self, code: str) -> None:
        """Raises ``i18n.CatalogueMissing`` (nothing changed) if ``code``'s
        catalogue is not installed."""
        i18n.set_language(code)
        locale = qt_locale(code)
        QLocale.setDefault(locale)          # widgets made from now on
        for widget in QApplication.topLevelWidgets():
            widget.setLocale(locale)        # and those already open (a LocaleChange each)
        if self._installed:
            self._app.removeTranslator(self._qt)
            self._installed = False
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if code != i18n.DEFAULT_LANGUAGE and self._qt.load(QLocale(code), "qtbase", "_", folder):
            self._installed = self._app.installTranslator(self._qt)
        rtl = i18n.is_rtl(code)
        if rtl:
            self._shortcuts_left_to_right()
        self._app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                     else Qt.LayoutDirection.LeftToRight)
        # installTranslator already tells every widget; without a Qt
        # catalogue nobody would hear, so say it ourselves.
        if not self._installed:
            for widget in QApplication.topLevelWidgets():
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
