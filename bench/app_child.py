"""Run by ``app_bench`` in a fresh process (QT_QPA_PLATFORM=offscreen).

    python bench/app_child.py bare              a plain QMainWindow
    python bench/app_child.py app PLAN          the app, through its entry point
    python bench/app_child.py memory PLAN PASSPHRASE SETTINGS_FILE

``bare`` and ``app`` print one JSON line with the monotonic time at which
the first window had been shown and the event loop had run once (what is
on screen then). ``memory`` unlocks the plan in the real main window,
shows every page once and prints the peak resident size.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstShow(QObject):
    """Prints the time once the first main window is shown and the event
    loop has turned once after it, then quits.

    It watches that window's own ``showEvent`` (the app's ``MainWindow``,
    or the bare window's class), not every event of the application: an
    application event filter written in Python makes PySide wrap every
    object and event it sees, and the first of those wraps (the first
    scroll area's gesture manager) cost about 40 ms, a cost no real launch
    has."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._window: QMainWindow | None = None

    def watch(self, cls: type) -> None:
        """Patch ``cls.showEvent`` (a Python class) to note the first show."""
        original = cls.showEvent
        watcher = self

        def show_event(window, event) -> None:
            watcher.shown(window)
            original(window, event)

        cls.showEvent = show_event

    def shown(self, window: QMainWindow) -> None:
        if self._window is None:
            self._window = window
            QTimer.singleShot(0, self._report)

    def _report(self) -> None:
        shown = time.monotonic()
        start = getattr(self._window, "start", None)
        screen = start.currentWidget().objectName() if start is not None else "bare"
        print(json.dumps({"shown": shown, "screen": screen}), flush=True)
        self._app.quit()


class BareWindow(QMainWindow):
    """The baseline: a plain main window (with the same showEvent hook)."""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)


def launch(mode: str, argv: list[str]) -> int:
    app = QApplication([sys.argv[0]])
    watcher = FirstShow(app)
    if mode == "bare":
        watcher.watch(BareWindow)
        window = BareWindow()
        window.resize(1100, 760)
        window.show()
        return app.exec()
    from recoveryplan.__main__ import main
    from recoveryplan.ui.main_window import MainWindow

    watcher.watch(MainWindow)
    return main(["--plan", argv[0]])


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _wait(app: QApplication, done, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.002)


def memory(plan_path: str, passphrase: str, settings_file: str) -> int:
    from PySide6.QtCore import QSettings

    from recoveryplan.hardening import harden
    from recoveryplan.ui.dialogs import ScriptedDialogs
    from recoveryplan.ui.main_window import MainWindow
    from recoveryplan.ui.settings import Settings

    harden()
    app = QApplication([sys.argv[0]])
    settings = Settings(QSettings(settings_file, QSettings.Format.IniFormat))
    window = MainWindow(plan_path, settings, ScriptedDialogs())
    window.resize(1100, 760)
    window.show()
    app.processEvents()
    at_unlock = _status_kib("VmRSS")
    screen = window.start.unlock
    screen.secret_edit.setText(passphrase)
    started = time.perf_counter()
    screen.unlock_button.click()
    _wait(app, lambda: window.workspace is not None or screen.error_label.isVisible())
    if window.workspace is None:
        print(json.dumps({"error": "the plan did not open"}), flush=True)
        return 1
    app.processEvents()
    opened = time.perf_counter()
    nav = window.workspace.nav
    for row in range(nav.count()):
        nav.setCurrentRow(row)
        app.processEvents()
    pages = time.perf_counter()
    result = {"peak_kib": _status_kib("VmHWM"), "rss_kib": _status_kib("VmRSS"),
              "at_unlock_kib": at_unlock, "unlock_to_workspace_s": opened - started,
              "all_pages_s": pages - opened, "pages": nav.count()}
    window.close()
    app.processEvents()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    sys.exit(memory(*args) if mode == "memory" else launch(mode, args))
