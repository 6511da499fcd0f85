"""The app under test for the AT-SPI check, run by ``test_atspi.py``.

    python atspi_app.py PLAN_DIR PASSPHRASE

Opens the real main window on the real X server the test started, with
accessibility on, and takes one command a line on stdin (read on a thread,
so the event loop keeps answering the accessibility bus meanwhile):

    unlock          type the passphrase on the unlock screen and press Enter
    page KEY        show the section KEY
    tab             press Tab, through the window system (as a keyboard would)
    quit

Each command is answered with one JSON line on stdout once it is done.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QTabBar


class Commands(QObject):
    line = Signal(str)


def _reader(commands: Commands) -> None:
    for raw in sys.stdin:
        commands.line.emit(raw.strip())
    commands.line.emit("quit")


def main() -> int:
    plan_dir, passphrase = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(sys.argv[:1])
    app.setApplicationName("recoveryplan")
    app.setOrganizationName("recoveryplan-atspi-test")

    from recoveryplan.ui.dialogs import ScriptedDialogs
    from recoveryplan.ui.main_window import MainWindow
    from recoveryplan.ui.settings import Settings

    settings = Settings(QSettings(str(plan_dir.parent / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(plan_dir, settings, ScriptedDialogs())
    window.resize(1100, 760)
    window.show()
    window.activateWindow()

    def reply(**data) -> None:
        print(json.dumps(data), flush=True)

    def focused() -> dict:
        """The focus as Qt has it, with its place on the page (in the page's
        own coordinates, so scrolling doesn't move it), to check the order."""
        widget = app.focusWidget()
        info = {"focus": type(widget).__name__ if widget else "",
                "object": widget.objectName() if widget else "",
                "name": widget.accessibleName() if widget else "",
                "text": widget.text().replace("&", "") if widget is not None
                and isinstance(getattr(widget, "text", None), type(widget.objectName))
                else "",
                "shown": bool(widget is not None and widget.isVisible()
                              and not widget.visibleRegion().isEmpty())}
        if widget is not None:
            corner = widget.mapToGlobal(widget.rect().topLeft())
            info["screen_box"] = [corner.x(), corner.y(), widget.width(), widget.height()]
        if isinstance(widget, QComboBox):
            # Qt's bridge names a combo box by its label or, at times, its choice.
            info["text"] = widget.currentText()
        elif isinstance(widget, QTabBar):
            # A tab bar is on the bus as its page tabs, named by their words.
            info["text"] = widget.tabText(widget.currentIndex()).replace("&", "")
        workspace = window.workspace
        if widget is not None and workspace is not None:
            body = workspace.current_page().body
            if body.isAncestorOf(widget):
                top_left = widget.mapTo(body, widget.rect().topLeft())
                info["page_box"] = [top_left.x(), top_left.y(), widget.width(), widget.height()]
                # On a page, "shown" is all of it in sight (its top, if it is
                # taller than the page), not a pixel of its edge.
                viewport = workspace.current_page().scroll.viewport()
                top = widget.mapTo(viewport, widget.rect().topLeft()).y()
                if widget.height() > viewport.height():
                    whole = 0 <= top <= viewport.height() // 2
                else:
                    whole = top >= 0 and top + widget.height() <= viewport.height()
                info["shown"] = info["shown"] and whole
        return info

    def run(command: str) -> None:
        word, _sep, arg = command.partition(" ")
        if word == "unlock":
            screen = window.start.unlock
            screen.secret_edit.setFocus()
            screen.secret_edit.setText(passphrase)
            QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)

            def opened() -> None:
                if window.workspace is None:
                    QTimer.singleShot(20, opened)
                    return
                reply(ok=True)
            opened()
        elif word == "page":
            window.workspace.go_to(arg)
            page = window.workspace.current_page()
            page.scroll.verticalScrollBar().setValue(0)
            nav = window.workspace.nav
            nav.clearFocus()                    # so that taking it is a focus change
            QApplication.processEvents()
            nav.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.processEvents()
            QTest.qWait(150)
            reply(ok=True, **focused())
        elif word == "tab":
            QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
            for _round in range(3):         # growing boxes lay out again after a pass
                QApplication.sendPostedEvents()
                QApplication.processEvents()
            reply(ok=True, **focused())
        elif word == "quit":
            reply(ok=True)
            window.close()
            app.quit()
        else:
            reply(ok=False, error=f"unknown command {word!r}")

    commands = Commands()
    commands.line.connect(run, Qt.ConnectionType.QueuedConnection)
    threading.Thread(target=_reader, args=(commands,), daemon=True).start()
    QTimer.singleShot(0, lambda: reply(ready=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
