"""Start the desktop app."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QSocketNotifier, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import i18n, opened
from ..hardening import harden
from ..i18n import _
from ..paths import resource
from .dialogs import DialogService
from .errors import UnexpectedErrors
from .language import LanguageSwitcher
from .main_window import MainWindow
from .settings import Settings

APP_NAME = "Recovery Plan"
ORGANISATION = "recoveryplan"
#: Shown on the demo's unlock screen; the demo plan holds no real person's words.
DEMO_PASSPHRASE = "sunny harbour kettle walk"


def default_plan_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / "plan"


DEMO_PREFIX = "recoveryplan-demo-"
#: Inside a demo folder: the id of the process using it.
DEMO_OWNER = "owner.pid"


class DemoPlan:
    """A throwaway encrypted copy of the sample plan in a temporary folder,
    removed when the app ends (normally, on an error, at interpreter exit,
    on SIGTERM or SIGHUP), and at the next start if the app was killed."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
        (self.folder / DEMO_OWNER).write_text(str(os.getpid()), encoding="ascii")
        atexit.register(self.remove)
        self.path = self.folder / "plan"

    def create(self) -> None:
        from ..plans.samples import load_sample_plan

        made, _key = opened.create(self.path, DEMO_PASSPHRASE, load_sample_plan())
        made.close(quietly=False)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":     # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True         # someone else's process: alive
    return True


def remove_stale_demos(temp_dir: str | os.PathLike | None = None) -> list[Path]:
    """Demo folders (ours only) left by an app that was killed: their
    owner process is gone. Returns what was removed."""
    removed = []
    base = Path(temp_dir or tempfile.gettempdir())
    try:
        candidates = list(base.glob(DEMO_PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        try:
            info = folder.lstat()
            if not folder.is_dir() or folder.is_symlink() or (
                    hasattr(os, "getuid") and info.st_uid != os.getuid()):
                continue
            try:
                pid = int((folder / DEMO_OWNER).read_text(encoding="ascii").strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if _process_alive(pid) and pid != os.getpid():
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


class ExitSignals(QObject):
    """SIGTERM and SIGHUP (log-out, shut-down, a closed terminal) save and
    close the plan, then end the app, instead of killing it mid-sentence.

    Python runs a signal handler only when the interpreter gets control; the
    handler's wake-up byte goes down a pipe (never a socket) that Qt watches,
    so the event loop wakes at once."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

    def __init__(self, on_signal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._previous: dict[int, object] = {}
        self._old_wakeup = -1
        self._notifier = None
        self._timer = None
        self._fds: tuple[int, int] | None = None
        if os.name == "posix":
            read_fd, write_fd = os.pipe()
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self._fds = (read_fd, write_fd)
            self._old_wakeup = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
            self._notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain)
        else:
            self._timer = QTimer(self)   # lets Python run its handlers now and then
            self._timer.timeout.connect(lambda: None)
            self._timer.start(250)
        for number in self.SIGNALS:
            self._previous[number] = signal.signal(number, self._handle)

    def _drain(self, *_args) -> None:
        try:
            while os.read(self._fds[0], 512):
                pass
        except OSError:
            pass

    def _handle(self, number: int, _frame) -> None:
        QTimer.singleShot(0, self._on_signal)

    def uninstall(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        if self._fds is not None:
            signal.set_wakeup_fd(self._old_wakeup)
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            for fd in self._fds:
                os.close(fd)
            self._fds = None


def forget_file_dialog_history() -> None:
    """Qt's own file dialog remembers folders and recent paths in its
    ``QtProject`` settings; a plan's backups and exports are nobody's
    business, so that history is wiped at start and at exit."""
    qt_settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt_settings.beginGroup("FileDialog")
    for key in ("history", "lastVisited", "shortcuts"):
        qt_settings.remove(key)
    qt_settings.endGroup()
    qt_settings.sync()


def tell_missing_catalogue(window: MainWindow, language: str) -> None:
    """Say so, on the terminal and in the window, when the words of the
    person's language are missing, rather than silently showing English."""
    message = i18n.missing_catalogue_message(language)
    if sys.stderr is not None:  # none in a windowed build on Windows
        sys.stderr.write(message + "\n")
    QTimer.singleShot(0, lambda: window.dialogs.warning(window, _("Language"), message))


def _application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName("recoveryplan")
    icon = resource("icons", "recoveryplan.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(argv: list[str], plan_path: Path | None = None, demo: bool = False,
            settings: Settings | None = None, language: str | None = None) -> int:
    """Open the app on ``plan_path`` (default: the app's data folder, or a
    folder on a USB stick when given) and return its exit code.

    ``language`` overrides the saved choice for this run only (the
    pseudo-locale ``qps-ploc`` included, for checking layouts)."""
    app = _application(argv)
    forget_file_dialog_history()
    remove_stale_demos()
    demo_plan = DemoPlan() if demo else None
    try:
        if demo_plan is not None:
            plan_path = demo_plan.path
        settings = settings or Settings(QSettings())
        languages = LanguageSwitcher(app)
        try:
            languages.apply(language or languages.initial_language(settings.language))
        except i18n.CatalogueMissing:
            languages.apply(languages.initial_language(settings.language))
        if plan_path is None and settings.last_plan and opened.plan_exists(settings.last_plan):
            plan_path = Path(settings.last_plan)      # the plan opened last time
        wanted = languages.wanted_language(language or settings.language)
        missing = None if i18n.catalogue_installed(wanted) else wanted
        window = MainWindow(plan_path or default_plan_path(), settings, DialogService(),
                            languages, demo_passphrase=DEMO_PASSPHRASE if demo else "")
        if demo_plan is not None:
            window.start.prepare(demo_plan.create, _("Getting the demo plan ready…"),
                                 _("The demo plan couldn't be prepared, sorry. Nothing on this "
                                   "computer was changed."))
        window.place_on_screen()
        sys.excepthook = UnexpectedErrors(
            window.dialogs, lambda: window,
            lambda: window.session.flush() if window.session is not None else None)
        app.aboutToQuit.connect(window.shut_down)
        # Log-out: the session manager asks for everything to be saved.
        app.commitDataRequest.connect(window.save_for_logout)

        def leave() -> None:
            # Key presses already on their way are typed before saving.
            QCoreApplication.processEvents()
            window.shut_down()
            app.quit()

        exit_signals = ExitSignals(leave)
        window.show()
        if missing is not None:
            tell_missing_catalogue(window, missing)
        try:
            return app.exec()
        finally:
            exit_signals.uninstall()
            app.commitDataRequest.disconnect(window.save_for_logout)
            app.aboutToQuit.disconnect(window.shut_down)
            window.shut_down()
            window.deleteLater()
    finally:
        sys.excepthook = sys.__excepthook__
        forget_file_dialog_history()
        if demo_plan is not None:
            demo_plan.remove()


def main() -> int:
    harden()
    return run_app(sys.argv, demo="--demo" in sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
