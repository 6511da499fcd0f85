"""Start the desktop app."""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import i18n, storage
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


class DemoPlan:
    """A throwaway encrypted copy of the sample plan in a temporary folder,
    removed when the app ends (normally, on an error, or at interpreter exit)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="recoveryplan-demo-"))
        atexit.register(self.remove)
        self.path = self.folder / "plan"

    def create(self) -> None:
        from ..plans.samples import load_sample_plan

        db, _key = storage.create_plan(self.path, DEMO_PASSPHRASE, load_sample_plan())
        db.close()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


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
        window.show()
        try:
            return app.exec()
        finally:
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
