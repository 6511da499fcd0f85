"""The window's title follows the language chosen, like every other word:
Cymraeg on the welcome screen gives a Welsh title at once, and the name
the desktop puts after each dialog's title (Qt's application display name)
follows it too, so no English is left in a title bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from recoveryplan import i18n


@pytest.mark.parametrize("code, title", [("cy", "Cynllun Adferiad"), ("ar", "خطة التعافي")])
def test_choosing_a_language_on_the_welcome_screen_words_the_title_in_it(
        qtbot, qapp, make_window, code, title) -> None:
    from recoveryplan.ui.language import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    window = make_window(languages=switcher)
    assert window.windowTitle() == "Recovery Plan"
    combo = window.start.welcome.language_combo
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    combo.setFocus()
    try:
        for _ in range(combo.count()):
            if combo.currentData() == code:
                break
            QTest.keyClick(window.windowHandle(), Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: i18n.current_language() == code)
        assert window.windowTitle() == title
        assert QGuiApplication.applicationDisplayName() == title
        assert window.windowHandle().title() == title
    finally:
        switcher.apply("en")
    assert window.windowTitle() == "Recovery Plan"
    assert QGuiApplication.applicationDisplayName() == "Recovery Plan"
