"""The frozen app's entry point (PyInstaller runs this, not ``-m recoveryplan``).

A console build (Linux, and ``recoveryplan.exe`` on Windows) behaves like the
``recoveryplan`` command: no sub-command opens the app. A windowed build
(``Recovery Plan.exe``, the macOS ``.app``) has no standard output and always
opens the app.

``RECOVERYPLAN_PROBE_WINDOW=1`` is for the build's smoke test and start-time
measurement: once the main window has been shown and the event loop has run
once, print ``window shown <seconds since the epoch> <start screen>`` and quit. It reads no
plan and changes nothing.
"""

from __future__ import annotations

import os
import sys


def _probe_window() -> None:
    import time

    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstShow(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
            if not self.done and event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow):
                self.done = True
                QTimer.singleShot(0, lambda: self.report(obj))
            return False

        def report(self, window) -> None:
            start = getattr(window, "start", None)
            screen = start.currentWidget().objectName() if start is not None else "?"
            print(f"window shown {time.time():.3f} {screen}", flush=True)
            QCoreApplication.quit()

    # The app uses the QApplication that exists already (as tests do).
    app = QApplication(sys.argv[:1])
    watcher = FirstShow()
    app.installEventFilter(watcher)
    _probe_window.keep = (app, watcher)


def run() -> int:
    if os.environ.get("RECOVERYPLAN_PROBE_WINDOW") == "1":
        _probe_window()
    from recoveryplan.__main__ import gui_main, main

    return gui_main() if sys.stdout is None else main()


if __name__ == "__main__":
    sys.exit(run())
