"""Fixtures for the desktop app's tests: a fresh plan folder, fresh settings
and a real window opened on a real encrypted plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recoveryplan import storage
from recoveryplan.plans.model import Plan
from recoveryplan.ui.dialogs import ScriptedDialogs
from recoveryplan.ui.settings import Settings

PASSPHRASE = "purple tiger river lamp"


def settle() -> None:
    """Let the event loop handle what is waiting (layouts, paints, timers at 0)."""
    for _ in range(3):
        QApplication.processEvents()


def key_to_window(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in ``window``, routed by Qt to whatever has the focus."""
    QTest.keyClick(window.windowHandle(), key, modifier)
    settle()



@pytest.fixture(autouse=True)
def _qt_test_paths():
    """Qt's own standard folders point at test locations, never the real home."""
    QStandardPaths.setTestModeEnabled(True)
    yield


@pytest.fixture(autouse=True)
def _normal_text_size():
    """Each test starts and ends at the normal text size and style."""
    from recoveryplan.ui.style import apply_text_scale

    apply_text_scale(100)
    yield
    apply_text_scale(100)


@pytest.fixture(autouse=True)
def _no_window_filters_left():
    """A main window's application-wide filters (fitting windows to the
    screen) end with its test, even before Qt gets round to deleting it."""
    yield
    from PySide6.QtWidgets import QApplication

    from recoveryplan.ui.fit import ScreenFit

    app = QApplication.instance()
    if app is not None:
        for window in QApplication.topLevelWidgets():
            for fit in window.findChildren(ScreenFit):
                fit.uninstall(app)


@pytest.fixture
def ui_settings(tmp_path: Path) -> Settings:
    """A fresh settings file for this test only."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    return tmp_path / "plan"


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def created_plan(plan_dir: Path) -> str:
    """A real plan on disk (closed); returns its recovery key."""
    db, key = storage.create_plan(plan_dir, PASSPHRASE, Plan.new(owner_name="Sam"))
    db.close()
    return key


@pytest.fixture
def make_window(qtbot, plan_dir, ui_settings, dialogs):
    """Build a main window on ``plan_dir``; closed (and saved) after the test."""
    from recoveryplan.ui.main_window import MainWindow

    windows = []

    def make(**kwargs):
        window = MainWindow(plan_dir, ui_settings, dialogs, **kwargs)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def unlock(qtbot):
    """Type a secret into the unlock screen and wait for the plan to open."""

    def do(window, secret: str = PASSPHRASE, *, recovery_key: bool = False):
        screen = window.start.unlock
        assert window.start.currentWidget() is screen
        if recovery_key != screen.using_recovery_key():
            qtbot.mouseClick(screen.switch_button, Qt.MouseButton.LeftButton)
        screen.secret_edit.setFocus()
        qtbot.keyClicks(screen.secret_edit, secret)
        qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.workspace is not None or screen.error_label.isVisible(),
                        timeout=20_000)
        return window

    return do


@pytest.fixture
def open_window(make_window, created_plan, unlock):
    """A window with the plan unlocked through the real unlock screen."""
    return unlock(make_window())
