"""The way in: first run through the real screens, and unlocking."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from recoveryplan import storage
from recoveryplan.plans.passphrase import assess
from recoveryplan.ui.start.recovery_key import key_groups, same_group

PASSPHRASE = "purple tiger river lamp"   # the same as tests/ui/conftest.py



def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_first_run_creates_a_plan_through_the_screens(qtbot, make_window, plan_dir):
    window = make_window()
    flow = window.start
    assert flow.currentWidget() is flow.welcome
    assert window.windowTitle() == "Recovery Plan"
    qtbot.mouseClick(flow.welcome.start_button, Qt.MouseButton.LeftButton)
    create = flow.create
    assert flow.currentWidget() is create
    qtbot.keyClicks(create.name_edit, "Sam")
    qtbot.keyClicks(create.passphrase_edit, "sam")
    assert "guess" in create.strength_label.text()
    qtbot.keyClicks(create.repeat_edit, "sam")
    qtbot.mouseClick(create.create_button, Qt.MouseButton.LeftButton)
    assert create.error_label.isVisible()           # too easy to guess: refused kindly
    assert not storage.plan_exists(plan_dir)

    create.passphrase_edit.clear()
    create.repeat_edit.clear()
    qtbot.keyClicks(create.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(create.repeat_edit, PASSPHRASE + "x")
    assert create.match_label.isVisible()
    qtbot.keyClick(create.repeat_edit, Qt.Key.Key_Backspace)
    assert not create.match_label.isVisible()
    qtbot.keyClick(create.repeat_edit, Qt.Key.Key_Return)

    key_screen = flow.recovery_key
    qtbot.waitUntil(lambda: flow.currentWidget() is key_screen, timeout=20_000)
    key = key_screen._key
    groups = key_groups(key)
    assert len(groups) == 8 and groups[0] in key_screen.key_label.text()

    qtbot.keyClicks(key_screen.check_edit, "XXXX")
    qtbot.keyClick(key_screen.check_edit, Qt.Key.Key_Return)
    assert key_screen.error_label.isVisible() and window.workspace is None
    key_screen.check_edit.clear()
    qtbot.keyClicks(key_screen.check_edit, groups[-1].lower())
    qtbot.mouseClick(key_screen.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert window.session.plan.info.owner_name == "Sam"
    assert key_screen.key_label.text() == ""         # the key is off the screen now
    assert len(window.workspace.pages) == 14
    assert window.windowTitle() == "Recovery Plan"
    window.lock()
    # both secrets open the plan that was made
    storage.open_plan(plan_dir, PASSPHRASE).close()
    storage.open_plan(plan_dir, key).close()


def test_wrong_passphrase_is_kind_and_changes_nothing(qtbot, make_window, created_plan, unlock,
                                                      plan_dir):
    before = _snapshot(plan_dir)
    window = unlock(make_window(), "not my passphrase")
    screen = window.start.unlock
    assert window.workspace is None
    assert "didn't open" in screen.error_label.text()
    assert "Nothing has changed" in screen.error_label.text()
    assert screen.secret_edit.isEnabled() and not screen.busy.isVisible()
    assert _snapshot(plan_dir) == before
    # no lockout: the right passphrase still opens it straight away
    screen.secret_edit.clear()
    unlock(window)
    assert window.workspace is not None


def test_unlock_with_the_recovery_key(qtbot, make_window, created_plan, unlock):
    window = unlock(make_window(), created_plan.lower().replace("-", " "), recovery_key=True)
    assert window.workspace is not None


def test_a_wrong_recovery_key_says_so(qtbot, make_window, created_plan, unlock):
    window = unlock(make_window(), "0000-0000-0000-0000-0000-0000-0000-0000", recovery_key=True)
    assert "recovery key didn't open" in window.start.unlock.error_label.text()


def test_unlock_is_busy_off_the_gui_thread(qtbot, make_window, created_plan):
    window = make_window()
    screen = window.start.unlock
    qtbot.keyClicks(screen.secret_edit, PASSPHRASE)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    # the click returned at once: key derivation is still running elsewhere
    assert screen.busy.isVisible() and not screen.unlock_button.isEnabled()
    assert screen.busy_label.text() == "Opening your plan…"
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)


def test_damaged_plan_is_reported_kindly(qtbot, make_window, created_plan, unlock, plan_dir):
    (plan_dir / "keys.json").write_text("{not json", encoding="utf-8")
    before = _snapshot(plan_dir)
    window = unlock(make_window())
    text = window.start.unlock.error_label.text()
    assert "damaged" in text and "Nothing has been changed" in text
    assert _snapshot(plan_dir) == before


def test_caps_lock_hint(qtbot, make_window, created_plan):
    window = make_window()
    screen = window.start.unlock
    def press(text, modifiers=Qt.KeyboardModifier.NoModifier):
        QApplication.sendEvent(screen.secret_edit,
                               QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, modifiers, text))

    press("A")                                    # upper case without Shift
    assert screen._caps.isVisible()
    assert screen._caps.text() == "Caps Lock seems to be on."
    press("a", Qt.KeyboardModifier.ShiftModifier)  # still Caps Lock
    assert screen._caps.isVisible()
    press("a")
    assert not screen._caps.isVisible()


def test_copied_key_leaves_the_clipboard(qtbot, make_window):
    from recoveryplan.ui.start.recovery_key import SecretClipboard

    clip = SecretClipboard(clear_after_ms=50)
    clip.copy("AAAA-BBBB")
    assert QApplication.clipboard().text() == "AAAA-BBBB"
    qtbot.waitUntil(lambda: QApplication.clipboard().text() != "AAAA-BBBB")
    # something the person copied since is left alone
    clip.copy("CCCC")
    QApplication.clipboard().setText("my own words")
    clip.clear()
    assert QApplication.clipboard().text() == "my own words"


def test_recovery_key_saved_as_pdf(tmp_path, qtbot, dialogs):
    import pypdf

    from recoveryplan.ui.start.recovery_key import RecoveryKeyScreen

    screen = RecoveryKeyScreen(dialogs)
    qtbot.addWidget(screen)
    key = "7K2M-QX9D-AB12-CD34-EF56-GH78-JK90-MN12"
    screen.set_key(key)
    dialogs.paths.append(tmp_path / "my key")
    qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    text = " ".join(pypdf.PdfReader(tmp_path / "my key.pdf").pages[0].extract_text().split())
    for group in key_groups(key):
        assert group in text
    assert "nobody can open my plan" in text


def test_last_group_check_forgives_case_and_lookalikes():
    assert same_group(" mn1o ", "MN10")
    assert same_group("1l1I", "1111")
    assert not same_group("", "MN10")
    assert not same_group("MN11", "MN10")


def test_passphrase_strength_uses_the_name():
    assert not assess("Samantha", ["Samantha"]).acceptable
    assert "name" in assess("samantha1", ["Samantha"]).advice
    strong = assess(PASSPHRASE, ["Sam"])
    assert strong.acceptable and strong.level >= 3 and strong.advice == ""


def test_welcome_offers_the_language_and_switches_at_once(qtbot, qapp, make_window):
    """Choosing Polish on the welcome screen retranslates the open window."""
    from recoveryplan import i18n
    from recoveryplan.ui.language import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    window = make_window(languages=switcher)
    welcome = window.start.welcome
    english = welcome.start_button.text()
    combo = welcome.language_combo
    assert combo.accessibleName() == "Language"
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes[0] == "en" and "pl" in codes
    combo.setCurrentIndex(codes.index("pl"))
    combo.activated.emit(codes.index("pl"))
    assert i18n.current_language() == "pl"
    qtbot.waitUntil(lambda: welcome.start_button.text() not in ("", english))
    assert window.settings.language == "pl"
    switcher.apply("en")


def test_the_not_the_same_message_waits_until_the_second_box_is_finished(qtbot, make_window):
    from PySide6.QtTest import QTest

    window = make_window()
    flow = window.start
    qtbot.mouseClick(flow.welcome.start_button, Qt.MouseButton.LeftButton)
    create = flow.create
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    create.passphrase_edit.setFocus()
    handle = window.windowHandle()
    for char in PASSPHRASE:
        QTest.keyClick(handle, char)
    QTest.keyClick(handle, Qt.Key.Key_Return)           # on to the second box
    assert create.repeat_edit.hasFocus()
    for char in "purple tig":                            # still typing: no warning yet
        QTest.keyClick(handle, char)
        assert not create.match_label.isVisible()
    QTest.keyClick(handle, Qt.Key.Key_Tab)               # finished, and not the same
    assert create.match_label.isVisible()
    create.repeat_edit.setFocus()
    QTest.keyClick(handle, Qt.Key.Key_End)
    for char in PASSPHRASE[len("purple tig"):]:
        QTest.keyClick(handle, char)
    assert not create.match_label.isVisible()


@contextmanager
def _welcome_in(qtbot, qapp, make_window, language: str, width: int):
    """A window on its welcome screen in ``language``, ``width`` wide."""
    from recoveryplan.ui.language import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    window = make_window(languages=switcher)
    try:
        switcher.apply(language)
        window.resize(width, 600)
        qtbot.waitUntil(lambda: window.start.welcome.isVisible())
        yield window
    finally:
        switcher.apply("en")


def _all_words_shown(qapp, window, buttons, *where) -> None:
    """Each button as wide as its words and inside the window."""
    for _ in range(3):
        qapp.processEvents()
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), (*where, button.text())
        corner = button.mapTo(window, button.rect().bottomRight())
        assert 0 < corner.x() <= window.width(), (*where, button.text())


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ar"])
@pytest.mark.parametrize("width", [1366, 1024, 700])
def test_welcome_buttons_show_all_their_words(qtbot, qapp, make_window, language, width):
    """Side by side where they fit, one above the other where they don't:
    never a button narrower than its words (Welsh cut "Adfer … gefn" short)."""
    with _welcome_in(qtbot, qapp, make_window, language, width) as window:
        welcome = window.start.welcome
        _all_words_shown(qapp, window, (welcome.start_button, welcome.restore_button),
                         language, width)


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("width", [1366, 700])
def test_bringing_back_a_backup_shows_every_button_whole(qtbot, qapp, make_window, dialogs,
                                                        tmp_path, language, width):
    """From the welcome screen, "Bring back my plan from a backup file…":
    the unlock screen then has three buttons in a row, and the middle one
    read "se my recovery key instea". They wrap onto a second line instead."""
    with _welcome_in(qtbot, qapp, make_window, language, width) as window:
        dialogs.paths.append(str(tmp_path / "my-plan.rpbackup"))
        qtbot.mouseClick(window.start.welcome.restore_button, Qt.MouseButton.LeftButton)
        unlock = window.start.unlock
        qtbot.waitUntil(lambda: unlock.isVisible() and unlock.back_button.isVisible())
        _all_words_shown(qapp, window, (unlock.unlock_button, unlock.switch_button,
                                        unlock.back_button), language, width)


def test_return_on_a_weak_passphrase_says_why(qtbot, make_window):
    """Return in the second box with a passphrase that is too easy to guess:
    the reason stays on screen (it was cleared as focus left the box)."""
    from PySide6.QtTest import QTest

    window = make_window()
    flow = window.start
    qtbot.mouseClick(flow.welcome.start_button, Qt.MouseButton.LeftButton)
    create = flow.create
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    create.passphrase_edit.setFocus()
    handle = window.windowHandle()
    for box_text in ("password", "password"):
        for char in box_text:
            QTest.keyClick(handle, char)
        QTest.keyClick(handle, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert create.error_label.isVisible() and "harder to guess" in create.error_label.text()
    assert create.passphrase_edit.hasFocus()
    assert not storage.plan_exists(window.plan_path)
