"""My people on the lock screen: off by default, explained plainly, only by
my choice (asked twice), and never "just for me" people or anything else
from the plan. Turning it off deletes the one unencrypted file."""

from __future__ import annotations

import os
import stat

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QLabel, QLineEdit

from recoveryplan.plans.model import Contact, Entry
from recoveryplan.storage import lock_card


def _labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def _click(window, widget) -> None:
    target = widget.window()
    QTest.mouseClick(target.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(target, widget.rect().center()))


def _lock(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is None


def test_off_by_default_nothing_is_left_readable(qtbot, open_window, plan_dir) -> None:
    window = open_window
    window.session.ctx.add(Contact(name="Ann", phone="07700 900123", on_crisis_card=True))
    _lock(qtbot, window)
    assert not (plan_dir / lock_card.CARD_NAME).exists()
    assert "Ann" not in _labels(window.start.unlock)
    assert not window.lock_card.isVisible()


def test_my_choice_shows_my_people_on_the_lock_screen(qtbot, open_window, plan_dir, dialogs,
                                                      unlock) -> None:
    window = open_window
    ctx = window.session.ctx
    ctx.add(Contact(name="Ann", phone="07700 900123", best_times="Evenings", on_crisis_card=True))
    ctx.add(Contact(name="Secret friend", phone="07700 900999", on_crisis_card=True, private=True))
    ctx.add(Contact(name="Bob", phone="01632 960000", on_crisis_card=False))
    ctx.add(Entry(section="hopes", field="hopes", text="To see my sister in Dublin"))
    dialog = window.show_help_now()
    qtbot.waitExposed(dialog)
    check = dialog.findChild(QCheckBox, "lockCardCheck")
    assert not check.isChecked()
    assert "anyone" in dialog.findChild(QLabel, "lockCardExplained").text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialogs.answers.append(False)                       # "Keep them private"
    _click(dialog, check)
    assert not check.isChecked() and not (plan_dir / lock_card.CARD_NAME).exists()
    dialogs.answers.append(True)                        # "Show them"
    _click(dialog, check)
    assert check.isChecked()
    card = plan_dir / lock_card.CARD_NAME
    assert stat.S_IMODE(os.stat(card).st_mode) == 0o600
    text = card.read_text("utf-8")
    assert "Ann" in text and "Secret friend" not in text and "Bob" not in text
    assert "Dublin" not in text
    dialog.close()

    ctx.add(Contact(name="Tom", phone="07700 900456", on_crisis_card=True))   # after choosing
    _lock(qtbot, window)
    shown = _labels(window.start.unlock)
    assert "Ann" in shown and "07700 900123" in shown and "Tom" in shown
    assert "Secret friend" not in shown and "Bob" not in shown
    assert window.lock_card.isVisible()
    locked_help = window.show_help_now()              # Need help now? while locked, too
    qtbot.waitExposed(locked_help)
    assert "07700 900123" in _labels(locked_help)
    locked_help.close()

    unlock(window)
    dialog = window.show_help_now()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    check = dialog.findChild(QCheckBox, "lockCardCheck")
    assert check.isChecked()
    _click(dialog, check)                               # off again: the file is gone
    assert not card.exists()
    dialog.close()
    _lock(qtbot, window)
    assert "Ann" not in _labels(window.start.unlock)


def _choose_card(qtbot, window, dialogs, shown: bool) -> None:
    dialog = window.show_help_now()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    check = dialog.findChild(QCheckBox, "lockCardCheck")
    if check.isChecked() != shown:
        if shown:
            dialogs.answers.append(True)                # "Show them"
        _click(dialog, check)
    assert check.isChecked() == shown
    dialog.close()


def test_the_card_follows_a_changed_number_while_the_plan_is_open(qtbot, open_window, plan_dir,
                                                                 dialogs) -> None:
    """A crash or a power cut after I change a number must not leave the old
    one on my lock screen: the card on disk follows within moments, without
    locking; and once I turn the card off, no change brings it back."""
    window = open_window
    window.session.ctx.add(Contact(name="Ann", phone="07700 900123", on_crisis_card=True))
    _choose_card(qtbot, window, dialogs, shown=True)
    window.workspace.go_to("my_people")
    page = window.workspace.current_page()
    view = page.findChild(QAbstractItemView, "contactsView")
    view.setCurrentIndex(view.model().index(0, 0))
    phone = page.findChild(QLineEdit, "contact-phone")
    _click(window, phone)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for key in "01632960111":
        QTest.keyClick(window.windowHandle(), key)
    qtbot.waitUntil(lambda: [p.phone for p in lock_card.read_card(plan_dir)] == ["01632960111"],
                    timeout=10_000)
    _choose_card(qtbot, window, dialogs, shown=False)
    assert not (plan_dir / lock_card.CARD_NAME).exists()
    window.session.ctx.add(Contact(name="Tom", phone="07700 900456", on_crisis_card=True))
    with qtbot.waitSignal(window.session.ctx.changed, timeout=5000):
        window.session.ctx.update(window.session.ctx.plan.contacts[0], phone="07700 900777")
    keeper = window._card_keeper
    qtbot.waitUntil(lambda: not keeper._timer.isActive() and keeper._task is None, timeout=5000)
    assert not (plan_dir / lock_card.CARD_NAME).exists()


def test_a_damaged_or_planted_card_shows_nothing(tmp_path) -> None:
    card = tmp_path / lock_card.CARD_NAME
    for content in (b"\xff\xfe", b"[1, 2]", b'{"format": "other", "people": []}',
                    b'{"format": "recoveryplan-lock-card", "people": [{"name": 5}]}',
                    b" " * (lock_card.MAX_BYTES + 10)):
        card.write_bytes(content)
        assert lock_card.read_card(tmp_path) == []
    card.unlink()
    os.mkfifo(card)                                     # a FIFO is refused without blocking
    assert lock_card.read_card(tmp_path) == []
