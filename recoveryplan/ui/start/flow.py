"""The way in: welcome -> create -> recovery key, or straight to unlock.

``StartFlow`` owns the four start screens and the slow background work
(creating or opening a plan derives keys, which takes about half a second).
It emits ``opened(plan)`` with an ``opened.OpenPlan`` when the plan is ready
to show; the window then builds everything else.

Each screen is built (and its module imported) when it is first needed:
the app comes up on the unlock or the welcome screen having loaded only that
one; ``screen_built`` tells the window, which adds to the unlock screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ...i18n import _, format_date
from ... import opened
from ..background import BackgroundTask, run_in_background
from ..warm_up import before_workers
from ..widgets.kit import show_message

if TYPE_CHECKING:   # each screen's module is imported when the screen is built
    from ..dialogs import DialogService
    from .common import Screen
    from .create import CreateScreen
    from .recovery_key import RecoveryKeyScreen
    from .unlock import UnlockScreen
    from .welcome import WelcomeScreen


#: The folder made for a new plan inside a chosen place (a USB stick).
PLAN_FOLDER_NAME = "Recovery Plan"


def plan_folder_in(chosen: Path) -> Path:
    """Where a plan goes in a folder the person chose: a "Recovery Plan"
    folder in it (so a USB stick's top level or Documents get one tidy
    folder), unless they chose an empty "Recovery Plan" folder itself."""
    chosen = Path(chosen)
    try:
        empty = chosen.is_dir() and not any(chosen.iterdir())
    except OSError:
        empty = False
    if empty and chosen.name == PLAN_FOLDER_NAME:
        return chosen
    return chosen / PLAN_FOLDER_NAME


def nearest_folder(path: Path) -> Path:
    """``path`` or its nearest parent that exists (to start a folder dialog in)."""
    for folder in (Path(path), *Path(path).parents):
        if folder.is_dir():
            return folder
    return Path.home()


def _close_quietly(plan: Any) -> None:
    (plan[0] if isinstance(plan, tuple) else plan).close()    # an OpenPlan never raises


class StartFlow(QStackedWidget):
    opened = Signal(object)
    #: (plan id, waiting): a new recovery key is on screen and not yet
    #: confirmed kept (True), or it has been (False).
    key_waiting = Signal(str, bool)
    #: The person chose another language on the welcome screen (its code).
    language_chosen = Signal(str)
    #: A start screen was built (when first needed).
    screen_built = Signal(QWidget)

    def __init__(self, plan_path: Path, dialogs: DialogService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startFlow")
        self.plan_path = plan_path
        self._dialogs = dialogs
        self._task: BackgroundTask | None = None
        self._new_db: Any = None     # created, waiting for the key to be kept
        self._with_key = ""
        self._backup_file: Path | None = None   # chosen on the welcome screen
        #: The recovery key the plan was last opened with (taken once by the
        #: window to offer a new passphrase), else "".
        self.opened_with_key = ""
        self._screens: dict[str, Screen] = {}

    # -- the screens, each built when first needed ---------------------------------
    def _screen(self, name: str) -> Any:
        screen = self._screens.get(name)
        if screen is None:
            screen = self._screens[name] = self._build(name)
            self.addWidget(screen)
            self.screen_built.emit(screen)
        return screen

    def _build(self, name: str) -> Screen:
        if name == "welcome":
            from .welcome import WelcomeScreen

            welcome = WelcomeScreen()
            welcome.start_requested.connect(lambda: self.show_screen(self.create))
            welcome.restore_requested.connect(self._choose_backup_file)
            welcome.language_chosen.connect(self.language_chosen)
            return welcome
        if name == "create":
            from .create import CreateScreen

            create = CreateScreen()
            create.back_requested.connect(lambda: self.show_screen(self.welcome))
            create.create_requested.connect(self._create)
            create.place_requested.connect(self._choose_place)
            create.set_place(str(self.plan_path))
            return create
        if name == "recovery_key":
            from .recovery_key import RecoveryKeyScreen

            recovery_key = RecoveryKeyScreen(self._dialogs)
            recovery_key.done.connect(self._key_kept)
            return recovery_key
        from .unlock import UnlockScreen

        unlock = UnlockScreen()
        unlock.unlock_requested.connect(self._open)
        unlock.back_requested.connect(self._forget_backup_file)
        unlock.restore_newest_requested.connect(self._restore_newest)
        unlock.restore_file_requested.connect(self._restore_file)
        return unlock

    @property
    def welcome(self) -> WelcomeScreen:
        return self._screen("welcome")

    @property
    def create(self) -> CreateScreen:
        return self._screen("create")

    @property
    def recovery_key(self) -> RecoveryKeyScreen:
        return self._screen("recovery_key")

    @property
    def unlock(self) -> UnlockScreen:
        return self._screen("unlock")

    def built(self, name: str) -> Screen | None:
        """The screen called ``name`` if it has been built, else None."""
        return self._screens.get(name)

    # -- which screen ------------------------------------------------------------
    def show_first(self) -> None:
        """Unlock if a plan is already there, else the welcome."""
        if opened.plan_exists(self.plan_path):
            self.show_unlock()
        else:
            self.show_screen(self.welcome)

    def set_plan_path(self, path: Path) -> None:
        """Work with the plan in ``path`` from now on (another plan, a new
        place for a new one)."""
        self._backup_file = None
        if (unlock := self.built("unlock")) is not None:
            unlock.set_backup_file("")
        self.plan_path = Path(path)
        if (create := self.built("create")) is not None:
            create.set_place(str(self.plan_path))

    def _choose_place(self) -> None:
        """"Choose another place…" on the create screen: a folder (a USB
        stick, say) where a new folder for the plan is made."""
        chosen = self._dialogs.get_folder(self.window(), _("Choose where to keep my plan"),
                                          str(nearest_folder(self.plan_path)))
        if chosen is None:
            return
        if opened.plan_exists(chosen):
            self._dialogs.information(self.window(), _("There's a plan there already"), _(
                "There is already a plan in that folder. To open it, use File, then Open "
                "another plan."))
            return
        self.set_plan_path(plan_folder_in(chosen))

    def show_unlock(self) -> None:
        self.unlock.reset()
        self.show_screen(self.unlock)

    def show_screen(self, screen: Screen) -> None:
        self.setCurrentWidget(screen)
        target = screen.first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def busy(self) -> bool:
        return self._task is not None

    def _in_background(self, work: Callable[[], Any], done: Callable[[Any], None],
                       failed: Callable[[BaseException], None],
                       discard: Callable[[Any], None] | None = None) -> BackgroundTask:
        """``work`` on a worker thread, with what it imports imported first here."""
        before_workers()
        return run_in_background(work, done, failed, discard)

    # -- creating ------------------------------------------------------------------
    def _create(self, name: str, passphrase: str) -> None:
        from ...plans.model import Plan

        self.create.set_busy(True)
        path = self.plan_path

        def work():
            return opened.create(path, passphrase, Plan.new(owner_name=name))

        self._task = self._in_background(work, self._created, self._create_failed, _close_quietly)

    def _created(self, result: tuple[Any, str]) -> None:
        self._task = None
        self._new_db, key = result
        self.create.set_busy(False)
        self.create.clear_secrets()
        self.recovery_key.set_key(key)
        self.key_waiting.emit(self._new_db.plan_id, True)
        self.show_screen(self.recovery_key)

    def _create_failed(self, error: BaseException) -> None:
        self._task = None
        self.create.show_error(opened.error_message(error))

    def _key_kept(self) -> None:
        db, self._new_db = self._new_db, None
        self.recovery_key.forget_key()
        self.key_waiting.emit(db.plan_id, False)
        self.opened.emit(db)

    def showing_new_key(self) -> bool:
        """A new plan's recovery key is on screen, not yet confirmed kept."""
        screen = self.built("recovery_key")
        return screen is not None and self.currentWidget() is screen and self._new_db is not None

    # -- opening -------------------------------------------------------------------
    def _open(self, secret: str) -> None:
        from ..session import open_and_load

        if self._backup_file is not None:
            source, path = self._backup_file, self.plan_path
            self._restore(lambda: opened.restore(source, path, secret), secret)
            return
        path = self.plan_path
        self._with_key = secret if self.unlock.using_recovery_key() else ""
        # Read-only media or a full disk: opened for reading only.
        self._task = self._in_background(
            lambda: open_and_load(lambda: opened.open_plan(path, secret, read_only=None)),
                                       self._unlocked, self._unlock_failed, _close_quietly)

    def _unlocked(self, db: Any) -> None:
        self._task = None
        self.opened_with_key, self._with_key = self._with_key, ""
        self.unlock.reset()
        self.opened.emit(db)
        self.opened_with_key = ""

    def _unlock_failed(self, error: BaseException) -> None:
        self._task = None
        self._with_key = ""
        self.unlock.set_backups_available(opened.has_backups(self.plan_path))
        self.unlock.show_failure(error)

    # -- bringing back a backup ----------------------------------------------------
    def _restore_newest(self, secret: str) -> None:
        path = self.plan_path
        self._restore(lambda: opened.restore_newest(path, secret), secret)

    def _choose_backup_file(self) -> None:
        """From the welcome screen: a plan made on another computer."""
        source = self._dialogs.get_open_path(self, _("Choose a backup of my plan"), "",
                                             _("Recovery Plan backups (*.rpbackup);;All files (*)"))
        if source is None:
            return
        self._backup_file = Path(source)
        self.unlock.reset()
        self.unlock.set_backup_file(self._backup_file.name)
        self.show_screen(self.unlock)

    def _forget_backup_file(self) -> None:
        self._backup_file = None
        self.unlock.set_backup_file("")
        self.show_screen(self.welcome)

    def _restore_file(self, secret: str) -> None:
        source = self._dialogs.get_open_path(self, _("Choose a backup of my plan"), "",
                                             _("Recovery Plan backups (*.rpbackup);;All files (*)"))
        if source is not None:
            path = self.plan_path
            self._restore(lambda: opened.restore(source, path, secret), secret)

    def _restore(self, restore: Callable[[], Any], secret: str) -> None:
        """Check and swap in the backup, then open it, all off the GUI thread."""
        path = self.plan_path
        self.unlock.set_busy(True, _("Checking your backup and bringing it back…"))

        def work():
            done = restore()
            try:
                return done, opened.open_plan(path, secret)
            except opened.StorageError as exc:
                # Never "nothing has changed" here: the backup is already back.
                raise opened.StorageError(_(
                    "Your plan has been brought back from the backup, but it couldn't be "
                    "opened just now. Please try opening it again.")) from exc

        self._task = self._in_background(work, self._restored, self._restore_failed,
                                       lambda result: _close_quietly(result[1]))

    def _restored(self, result: tuple[Any, Any]) -> None:
        self._task = None
        if self._backup_file is not None:
            self._backup_file = None
            self.unlock.set_backup_file("")
        done, db = result
        self.unlock.reset()
        self.opened.emit(db)
        text = _("Your plan is back as it was on {date}, when the backup was made. Anything "
                 "written after that isn't in it.").format(
            date=format_date(done.created.astimezone().date()))
        if done.replaced is not None:
            text = _("{restored}\n\nThe damaged copy has been kept, unchanged, in {path}.").format(
                restored=text, path=str(done.replaced))
        self._dialogs.information(self.window(), _("Your plan is back"), text)

    def _restore_failed(self, error: BaseException) -> None:
        self._task = None
        self.unlock.show_restore_failure(error)

    # -- getting ready -------------------------------------------------------------
    def prepare(self, make: Callable[[], object], busy_text: str, failed_text: str) -> None:
        """Run slow set-up (making the demo plan) off the GUI thread while
        the unlock screen shows that it is busy."""
        self.show_screen(self.unlock)
        self.unlock.set_busy(True, busy_text)

        def done(_result: object) -> None:
            self._task = None
            self.show_unlock()

        def failed(_error: BaseException) -> None:
            self._task = None
            self.unlock.set_busy(False)
            self.unlock.unlock_button.setEnabled(False)
            show_message(self.unlock.error_label, failed_text)

        self._task = self._in_background(make, done, failed)

    # -- leaving -------------------------------------------------------------------
    def shutdown(self) -> None:
        """The window is closing: drop work in progress and close a plan
        that was created but not yet handed over."""
        if self._task is not None:
            self._task.cancel()
            self._task.done.disconnect()
            self._task.failed.disconnect()
            self._task.finished.wait(30)
            self._task = None
        if self._new_db is not None:
            _close_quietly(self._new_db)
            self._new_db = None
        if (recovery_key := self.built("recovery_key")) is not None:
            recovery_key.forget_key()
