""""Need help now?" as a calm crisis screen: the person's own words first,
then their people with best times, then services (in the app's language),
each number large and easy to copy; F1 opens it from anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from recoveryplan import i18n
from recoveryplan.plans.model import Contact, Entry


def _texts_in_order(dialog) -> list[str]:
    """Every label's words, top to bottom as the person reads them."""
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    labels.sort(key=lambda label: label.mapTo(dialog, label.rect().topLeft()).y())
    return [label.text() for label in labels]


@pytest.fixture
def english_afterwards():
    yield
    i18n.set_language("en")


def _open_with_f1(qtbot, window) -> QDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "helpNowDialog")
    assert dialog is not None, "F1 opened nothing"
    qtbot.waitExposed(dialog)
    return dialog


def test_f1_opens_a_crisis_screen_with_my_own_words_first(qtbot, open_window) -> None:
    window = open_window
    ctx = window.session.ctx
    ctx.add(Entry(section="hard_times", field="on_my_own", text="A cold shower and my playlist"))
    ctx.add(Entry(section="hard_times", field="keeps_me_going", text="Seeing my niece grow up"))
    ctx.add(Entry(section="hard_times", field="keeps_me_going", text="My secret wish", private=True))
    ctx.add(Contact(name="Ann", phone="07700 900123", best_times="Evenings after six",
                    on_crisis_card=True))
    assert "F1" in window.help_now_button.text()
    help_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "helpMenu")
    assert any(a.shortcut().toString() == "F1" for a in help_menu.actions())

    dialog = _open_with_f1(qtbot, window)
    texts = _texts_in_order(dialog)
    order = [texts.index(t) for t in ("What I can do on my own", "A cold shower and my playlist",
                                      "What keeps me going", "Seeing my niece grow up",
                                      "My people", "Ann", "07700 900123",
                                      "Crisis services", "Samaritans", "116 123")]
    assert order == sorted(order), texts
    assert any("Evenings after six" in t for t in texts)
    assert "My secret wish" in texts      # just for me, and not planning together: shown
    # Large type: the crisis words are larger than the app's, the numbers larger still.
    words = dialog.findChild(QLabel, "crisisWords")
    phone = dialog.findChild(QLabel, "phoneLabel")
    app_px = QFontInfo(window.workspace.nav.font()).pixelSize()
    assert QFontInfo(phone.font()).pixelSize() > QFontInfo(words.font()).pixelSize() > app_px


def test_each_number_has_a_copy_button(qtbot, open_window) -> None:
    dialog = open_window.show_help_now()
    qtbot.waitExposed(dialog)
    copy = next(b for b in dialog.findChildren(QPushButton, "copyNumberButton")
                if b.accessibleName() == "Copy 116 123")
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "116 123"
    assert copy.text() == "Copied"


def test_built_in_services_show_in_the_apps_language(qtbot, open_window,
                                                     english_afterwards) -> None:
    window = open_window
    ctx = window.session.ctx
    samaritans = next(s for s in ctx.plan.services if s.phone == "116 123")
    i18n.set_language("pl")
    dialog = window.show_help_now()
    qtbot.waitExposed(dialog)
    texts = _texts_in_order(dialog)
    assert "Służby ratunkowe" in texts and "Emergency services" not in texts
    # The plan itself keeps the words it was made with.
    assert ctx.plan.services[0].name == "Emergency services"
    dialog.close()
    i18n.set_language("en")
    ctx.update(samaritans, notes="My friend volunteers there")   # the person's own words stay
    i18n.set_language("ar")
    dialog = window.show_help_now()
    qtbot.waitExposed(dialog)
    texts = _texts_in_order(dialog)
    assert "My friend volunteers there" in texts
    assert "Emergency services" not in texts


def test_with_no_words_of_my_own_yet_people_and_services_come_first(qtbot, open_window) -> None:
    """In a crisis the screen opens on who to call, not on a task: the line
    about writing my own words comes after the services."""
    window = open_window
    window.session.ctx.add(Contact(name="Megan", phone="07700 900123", on_crisis_card=True))
    dialog = _open_with_f1(qtbot, window)
    texts = _texts_in_order(dialog)
    hint = next(i for i, t in enumerate(texts) if t.startswith("When you're ready"))
    services = texts.index("Crisis services")
    people = texts.index("My people")
    assert people < services < hint, texts
    dialog.close()
