"""The one window: start screens while locked, the plan while open.

Kept thin: commands come from the action registry, the start screens from
``StartFlow``, the open plan from ``PlanSession`` and ``Workspace``. This
module wires them together and owns locking.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QStandardPaths, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDialog, QLabel, QMainWindow, QMenu, QPushButton, QSizePolicy, QStackedWidget,
    QToolBar, QToolButton, QVBoxLayout, QWidget,
)

from .. import i18n, storage
from ..i18n import N_, _
from ..plans.model import today
from ..storage import backup, lock_card
from .about import AboutDialog
from .actions import ActionRegistry
from .change_passphrase import ChangePassphraseDialog
from .dialogs import DialogService
from .help_now import HelpNowDialog, LockScreenCard, card_people
from .fit import ScreenFit, place_on_screen
from .idle import IdleWatcher
from .wheel import WheelGuard
from .language import LanguageSwitcher
from .places import (WRITING_ACTIONS, ReadOnlyBanner, SecondPlaceDialog, make_read_only,
                     second_place_reminder)
from .preferences import PreferencesDialog
from .session import BackgroundTask, PlanSession, run_in_background
from .settings import TEXT_STEPS, Settings
from .share import ShareActions
from .style import apply_text_scale
from .widgets.kit import MIN_TARGET, Heading
from .start.flow import PLAN_FOLDER_NAME, StartFlow, nearest_folder, plan_folder_in
from .start.recovery_key import RecoveryKeyDialog
from .together import TogetherMode

if TYPE_CHECKING:   # the plan's pages are loaded when a plan is opened, not at launch
    from .workspace import Workspace


_MENUS = (
    ("file", N_("&File"), ("open_other", None, "share_paper", None, "save_json", "bring_in_json",
                           None, "save_backup", "second_place", "copy_to_computer",
                           None, "quit")),
    ("plan", N_("&Plan"), ("plan_together", "end_together", "record_review", None,
                           "lock", "change_passphrase", "new_recovery_key", None, "preferences")),
    ("edit", N_("&Edit"), ()),
    ("view", N_("&View"), ("next_section", "previous_section", "go_to_sections", None,
                           "larger_text", "smaller_text", "normal_text")),
    ("help", N_("&Help"), ("help_now", None, "about")),
)


class MainWindow(QMainWindow):
    def __init__(self, plan_path: Path, settings: Settings, dialogs: DialogService | None = None,
                 languages: LanguageSwitcher | None = None, demo_passphrase: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.plan_path = Path(plan_path)
        self.settings = settings
        self.dialogs = dialogs or DialogService()
        self.languages = languages
        self.session: PlanSession | None = None
        self.workspace: Workspace | None = None
        self._save_error_shown = False
        self._copy_before_close = False
        self._key_task: BackgroundTask | None = None
        self._backup_task: BackgroundTask | None = None
        #: The section on screen when the plan was locked, to come back to (memory only).
        self._last_section = ""

        self.actions_ = ActionRegistry(self)
        self.share = ShareActions(self)
        self._menus: dict[str, QMenu] = {}
        self._build_menus()
        toolbar = self._build_toolbar()
        # Planning together outlives locking: its state lives here, not in the plan.
        self.together = TogetherMode(self, self.actions_, toolbar)
        # Tab follows the toolbar as it is seen: Lock, Plan together, then Need help now.
        together_button = self.together.button
        if together_button is not None:
            QWidget.setTabOrder(self.lock_button, together_button)
            QWidget.setTabOrder(together_button, self.help_now_button)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveStatusLabel")
        # Read out with the status bar; not a Tab stop (it was one with no name).
        self.save_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.statusBar().addPermanentWidget(self.save_label)

        self.screens = QStackedWidget()
        self._remember_plan = not demo_passphrase     # the demo's plan is thrown away
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_banner.copy_requested.connect(self.copy_to_computer)
        self.start = StartFlow(self.plan_path, self.dialogs)
        self.start.welcome.language_chosen.connect(self.choose_language)
        self.start.opened.connect(self._plan_opened)
        self.start.key_waiting.connect(settings.set_recovery_key_unconfirmed)
        if demo_passphrase:
            self.start.unlock.set_demo_passphrase(demo_passphrase)
        self.screens.addWidget(self.start)
        # My people on the unlock screen, only if I chose that (Need help now?).
        self.lock_card = LockScreenCard(self.plan_path)
        unlock_column = self.start.unlock.column
        unlock_column.insertWidget(max(unlock_column.count() - 1, 0), self.lock_card)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.screens, 1)
        self.setCentralWidget(central)

        self.idle = IdleWatcher(settings.idle_lock_minutes * 60_000, self)
        self._wheel_guard = WheelGuard(self)
        self._wheel_guard.install(QApplication.instance())
        self._screen_fit = ScreenFit(self)
        self._screen_fit.install(QApplication.instance())
        self.idle.idle.connect(self._idle_lock)
        self._connect_actions()
        self._set_plan_open(False)
        self._lock_slot.setVisible(False)
        self._apply_text_scale(settings.text_scale)
        self.retranslate()
        self.start.show_first()

    def place_on_screen(self) -> None:
        """A comfortable size, or the screen's available area if that is smaller."""
        place_on_screen(self, 1100, 760)

    # -- building ------------------------------------------------------------------
    def _build_menus(self) -> None:
        for key, _label, items in _MENUS:
            menu = self.menuBar().addMenu("")
            menu.setObjectName(f"{key}Menu")
            self._menus[key] = menu
            for item in items:
                if item is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions_[item])
        self._menus["edit"].setEnabled(False)

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.toggleViewAction().setVisible(False)
        self.lock_button = QToolButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setDefaultAction(self.actions_["lock"])
        self.lock_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.lock_button.setMinimumHeight(MIN_TARGET)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.help_now_button = QPushButton()
        self.help_now_button.setObjectName("helpNowButton")
        self.help_now_button.setMinimumHeight(MIN_TARGET)
        self.help_now_button.setAutoDefault(False)
        bold = QFont(self.help_now_button.font())
        bold.setBold(True)
        self.help_now_button.setFont(bold)
        self.help_now_button.clicked.connect(self.show_help_now)
        self._lock_slot = bar.addWidget(self.lock_button)
        bar.addWidget(spacer)
        bar.addWidget(self.help_now_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return bar

    def _connect_actions(self) -> None:
        connect = self.actions_.connect
        connect("lock", self.lock)
        connect("new_recovery_key", self._new_recovery_key)
        connect("change_passphrase", self.show_change_passphrase)
        connect("save_backup", self.save_backup_copy)
        connect("share_paper", self.share.open_export_dialog)
        connect("save_json", self.share.save_json_copy)
        connect("bring_in_json", self.share.bring_in_json)
        connect("preferences", self.show_preferences)
        connect("open_other", self.open_other_plan)
        connect("copy_to_computer", self.copy_to_computer)
        connect("second_place", self.show_second_place)
        connect("quit", self.close)
        connect("next_section", lambda: self.workspace and self.workspace.step(1))
        connect("previous_section", lambda: self.workspace and self.workspace.step(-1))
        connect("go_to_sections", lambda: self.workspace and self.workspace.focus_nav())
        connect("larger_text", lambda: self._step_text(1))
        connect("smaller_text", lambda: self._step_text(-1))
        connect("normal_text", lambda: self._set_text_scale(100))
        connect("help_now", self.show_help_now)
        connect("about", self.show_about)

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Recovery Plan"))   # never plan text or a name
        self.actions_.retranslate()
        for key, label, _items in _MENUS:
            self._menus[key].setTitle(_(label))
        self.lock_button.setAccessibleName(_("Lock my plan"))
        keys = self.actions_["help_now"].shortcut().toString(
            QKeySequence.SequenceFormat.NativeText)
        # Translators: the button always at the top; {keys} is its shortcut key, F1.
        self.help_now_button.setText(_("Need help now? ({keys})").format(keys=keys))
        self.help_now_button.setAccessibleName(_("Need help now?"))
        self.help_now_button.setToolTip(_("Phone numbers of my people and of crisis services"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- an open plan ----------------------------------------------------------------
    @Slot(object)
    def _plan_opened(self, db) -> None:
        try:
            session = PlanSession(db, self.dialogs, self)
        except storage.StorageError as error:
            db.close()
            self.start.show_unlock()
            self.start.unlock.show_failure(error)
            return
        self.session = session
        session.saving.connect(lambda: self._set_save_state(_("Saving…")))
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.backup_failed.connect(lambda reason: self.statusBar().showMessage(
            _("Today's automatic backup couldn't be made. {reason}").format(reason=reason), 30_000))
        session.ctx.status.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self._install_undo(session)
        from .workspace import Workspace

        self.workspace = Workspace(session.ctx, snapshot_loader=session.db.load_snapshot)
        self.screens.addWidget(self.workspace)
        self.screens.setCurrentWidget(self.workspace)
        self._set_plan_open(True)
        self.together.attach(session.ctx, self.workspace)
        self._lock_slot.setVisible(True)
        self._set_save_state("")
        self.idle.start()
        if self._last_section:
            self.workspace.go_to(self._last_section)
        self.workspace.focus_nav()
        if Path(db.path) != self.start.plan_path:     # a copy made on this computer
            self.start.set_plan_path(Path(db.path))
        self.plan_path = Path(db.path)
        self.lock_card.folder = self.plan_path
        if self._remember_plan:
            self.settings.last_plan = str(Path(db.path).absolute())
        if session.read_only:
            self._set_plan_open(True)       # after planning together set its actions
            self.together.button.setEnabled(False)
            self.read_only_banner.show_for(str(db.path))
            make_read_only(self.workspace)
            self._set_save_state(_("Read only"))
        else:
            session.second_place_made.connect(self._second_place_made)
            session.second_place_failed.connect(self._second_place_failed)
            session.start_daily_backup(self.settings.second_place)
        plan_id, with_key = db.plan_id, self.start.opened_with_key
        QTimer.singleShot(0, self, lambda: self._after_unlock(session, plan_id, with_key))

    def _set_plan_open(self, is_open: bool) -> None:
        """Plan actions on or off; a plan open for reading only keeps the
        ones that would change it off, and offers to copy it instead."""
        self.actions_.set_plan_open(is_open)
        read_only = is_open and self.session is not None and self.session.read_only
        for key in WRITING_ACTIONS:
            self.actions_[key].setEnabled(is_open and not read_only)
        self.actions_["copy_to_computer"].setEnabled(read_only)
        self.actions_["copy_to_computer"].setVisible(read_only)
        if not read_only:
            self.read_only_banner.hide()
            self.together.button.setEnabled(True)

    def _after_unlock(self, session: PlanSession, plan_id: str, with_key: str) -> None:
        """Opened with the recovery key: offer a new passphrase. A recovery
        key never confirmed kept: remind, and offer a new one."""
        if session is not self.session or session.read_only:
            return      # a plan open for reading only can't take a new secret
        if with_key:
            # The key opened the plan, so it is kept.
            self.settings.set_recovery_key_unconfirmed(plan_id, False)
            if self.dialogs.question(
                    self, _("Choose a new passphrase?"),
                    _("You opened your plan with your recovery key. Would you like to choose a "
                      "new passphrase now, to open it with from now on? Your recovery key keeps "
                      "working."),
                    yes=_("Choose a new passphrase"), no=_("Not now")):
                self.show_change_passphrase(known_secret=with_key)
            return
        if self.settings.recovery_key_unconfirmed(plan_id):
            if self.dialogs.question(
                    self, _("Is your recovery key kept safe?"),
                    _("When your recovery key was shown, the app closed before you confirmed "
                      "keeping it. If it is lost and you forget your passphrase, nobody can "
                      "open your plan. Would you like a new recovery key now? The old one will "
                      "stop working."),
                    yes=_("Make a new recovery key"), no=_("Remind me next time")):
                self._new_recovery_key(confirmed=True)

    def _install_undo(self, session: PlanSession) -> None:
        # "Undo typing in …" as one translatable sentence, standard shortcuts.
        self._undo, self._redo = session.ctx.undo_actions(self)
        self._menus["edit"].addActions([self._undo, self._redo])
        self._menus["edit"].setEnabled(True)

    def _set_save_state(self, text: str) -> None:
        self.save_label.setText(text)
        self.save_label.setAccessibleName(text or _("Save status"))

    def _saved(self) -> None:
        self._save_error_shown = False
        self._set_save_state(_("Saved"))

    def _save_failed(self, message: str) -> None:
        self._set_save_state(_("Not saved yet"))
        if not self._save_error_shown:
            self._save_error_shown = True
            if self.dialogs.question(self, _("Not saved yet"), _(
                    "{reason}\n\nYour writing is still on the screen, and I'll keep trying to "
                    "save it. To be safe, you can save a copy of your plan as it is now "
                    "somewhere else, such as a USB stick.").format(reason=message),
                    yes=_("Save a copy of my plan as it is now"), no=_("Not now")):
                self.save_copy_now()

    def save_copy_now(self, then: Callable[[], object] | None = None) -> bool:
        """"Save a copy of my plan as it is now": an encrypted backup file,
        in a place the person chooses, of exactly what is on screen (also
        when the plan's own file can't be written). ``then`` runs once it is
        saved. False if no saving was started."""
        if self.session is None or self._backup_task is not None:
            return False
        path = self._ask_backup_path(_("Save a copy of my plan as it is now"))
        if path is None:
            return False
        self.statusBar().showMessage(_("Saving a copy of your plan…"))
        self._backup_task = self.session.save_copy(
            path, lambda _made: self._backup_saved(path, then), self._backup_failed)
        return True

    def _ask_backup_path(self, title: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = _("my-recovery-plan-{date}.rpbackup").format(date=today().isoformat())
        path = self.dialogs.get_save_path(self, title, Path(folder) / name if folder else name,
                                          _("Recovery Plan backups (*.rpbackup)"))
        if path is not None and path.suffix.lower() != backup.SUFFIX:
            path = path.with_name(path.name + backup.SUFFIX)
        return path

    # -- locking ---------------------------------------------------------------------
    def lock(self) -> bool:
        """Save, close the plan and show only the unlock screen. Returns
        False (and stays open) if the latest writing could not be saved."""
        if self.session is None:
            return True
        self._close_dialogs()
        if not self.session.flush():
            self._save_failed(_("Your plan is not locked yet, because your latest writing "
                                "could not be saved."))
            return False
        self._end_session()
        self.start.show_unlock()
        self.lock_card.refresh()
        return True

    @Slot()
    def _idle_lock(self) -> None:
        if not self.lock():
            self.idle.start()   # try again after another quiet spell

    def _end_session(self) -> None:
        self.idle.stop()
        session, self.session = self.session, None
        if session is None:
            return
        self.together.detach()
        self._update_lock_card(session)
        session.close()
        for task in (self._key_task, self._backup_task):
            if task is not None:
                task.cancel()
        self._key_task = self._backup_task = None
        for action in (self._undo, self._redo):
            self._menus["edit"].removeAction(action)
            action.deleteLater()
        self._menus["edit"].setEnabled(False)
        if self.workspace is not None:
            self._last_section = self.workspace.current_page().spec.key
            self.screens.removeWidget(self.workspace)
            self.workspace.dispose()
            self.workspace.hide()
            self.workspace.setParent(None)
            self.workspace.deleteLater()
            self.workspace = None
        session.deleteLater()
        self._set_plan_open(False)
        self._lock_slot.setVisible(False)
        self._set_save_state("")
        self.statusBar().clearMessage()

    def _update_lock_card(self, session: PlanSession) -> None:
        """If I chose to show my people on the lock screen, bring them up to date."""
        if not session.read_only and lock_card.is_shown(self.plan_path):
            try:
                lock_card.write_card(self.plan_path, card_people(session.ctx))
            except storage.StorageError:
                pass    # the card keeps what it had; the plan itself is safe

    def _close_dialogs(self) -> None:
        """Nothing from the plan may stay on screen: close open dialogs."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RecoveryKeyDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)    # without asking again
            elif isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def _key_not_kept(self) -> bool:
        return self.start.showing_new_key() or any(
            isinstance(w, RecoveryKeyDialog) and w.isVisible() and not w.kept
            for w in QApplication.topLevelWidgets())

    def _may_leave_key(self) -> bool:
        """On the recovery-key screen: warn before closing (it is shown only once)."""
        if not self._key_not_kept():
            return True
        return self.dialogs.question(
            self, _("Your recovery key isn't kept yet"),
            _("Your recovery key is shown only this once. If you close now without writing it "
              "down, printing it or saving it, and later forget your passphrase, nobody can "
              "open your plan. Close anyway?"),
            yes=_("Close anyway"), no=_("Go back to my key"))

    # -- dialogs ---------------------------------------------------------------------
    def show_help_now(self) -> HelpNowDialog:
        dialog = HelpNowDialog(self.session.ctx if self.session else None, self, self.dialogs,
                               card_folder=self.plan_path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.minutes(), dialog.language(),
                                                               dialog.text_scale()))
        dialog.accepted.connect(lambda: setattr(self.settings, "together_asks_passphrase",
                                                dialog.together_asks_passphrase()))
        dialog.open()
        return dialog

    def apply_preferences(self, minutes: int, language: str, text_scale: int | None = None) -> None:
        self.settings.idle_lock_minutes = minutes
        if text_scale is not None:
            self._set_text_scale(text_scale)
        self.idle.set_interval_ms(self.settings.idle_lock_minutes * 60_000)
        self.choose_language(language)

    def choose_language(self, language: str) -> None:
        """Switch the app's language at once and remember the choice."""
        if language != i18n.current_language() and self.languages is not None:
            try:
                self.languages.apply(language)
            except i18n.CatalogueMissing:
                self.dialogs.warning(self, _("Language"),
                                     _("That language isn't installed, so nothing changed."))
                return
            self.settings.language = language

    def _new_recovery_key(self, confirmed: bool = False) -> None:
        if self.session is None or self._key_task is not None:
            return
        if not confirmed and not self.dialogs.question(
                self, _("Make a new recovery key"),
                _("Your old recovery key will stop working and a new one will be shown once. "
                  "Your passphrase stays the same. Make a new recovery key?"),
                yes=_("Make a new key"), no=_("Keep my old key")):
            return
        db = self.session.db
        self.statusBar().showMessage(_("Making a new recovery key…"))
        self._key_task = run_in_background(db.regenerate_recovery_key, self._show_new_key,
                                           self._new_key_failed)

    def _show_new_key(self, key: str) -> None:
        self._key_task = None
        self.statusBar().clearMessage()
        if self.session is None:
            return
        plan_id = self.session.db.plan_id
        self.settings.set_recovery_key_unconfirmed(plan_id, True)
        dialog = RecoveryKeyDialog(key, self.dialogs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._renew_second_place()      # the key changed: so does the copy kept there
        dialog.accepted.connect(lambda: self.settings.set_recovery_key_unconfirmed(plan_id, False))
        dialog.accepted.connect(lambda: self.dialogs.information(
            self, _("New recovery key made"), self._old_secret_note(
                _("Your old recovery key no longer opens this plan or the backups kept with it. "
                  "It still opens any backup file you saved somewhere else before now."))))
        dialog.open()
        return dialog

    def _new_key_failed(self, error: BaseException) -> None:
        self._key_task = None
        self.statusBar().clearMessage()
        message = str(error) if isinstance(error, storage.StorageError) else \
            storage.StorageError.default_message()
        self.dialogs.warning(self, _("No new recovery key"),
                             _("{reason} Your old recovery key still works.").format(reason=message))

    def _renew_second_place(self) -> None:
        """After a change of secret, the backup in the second place (if one
        is chosen) is made again under the new key."""
        if self.session is not None and self.settings.second_place:
            self.session.start_daily_backup(self.settings.second_place)

    def _old_secret_note(self, rotated_text: str) -> str:
        """What the old secret still opens, after a change just made."""
        db = self.session.db if self.session is not None else None
        if getattr(db, "last_change_rotated", True):
            return rotated_text
        return _("This plan was made by an earlier version, so this time only the secret itself "
                 "was renewed: someone with the old one and a backup made before now could still "
                 "open this plan. Renew your other secret too (a new recovery key after a new "
                 "passphrase, or the other way round) and the old one stops working everywhere.")

    def show_change_passphrase(self, known_secret: str = "") -> ChangePassphraseDialog | None:
        if self.session is None:
            return None
        dialog = ChangePassphraseDialog(self.session.db, self.session.plan.info.owner_name, self,
                                        known_secret=known_secret)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._renew_second_place)
        dialog.accepted.connect(lambda: self.dialogs.information(
            self, _("Passphrase changed"),
            _("{changed}\n\n{old_secret}").format(
                changed=_("Your passphrase has been changed. Next time, open your plan with the "
                          "new one. Your recovery key still works."),
                old_secret=self._old_secret_note(
                    _("Your old passphrase no longer opens this plan or the backups kept with it. "
                      "It still opens any backup file you saved somewhere else before now.")))))
        dialog.open()
        return dialog

    def save_backup_copy(self, then: Callable[[], object] | None = None) -> bool:
        """File > Save a backup copy: one encrypted file, anywhere. ``then``
        runs once it is saved. Returns False if no saving was started."""
        if self.session is None or self._backup_task is not None:
            return False
        path = self._ask_backup_path(_("Save a backup copy of my plan"))
        if path is None:
            return False
        db = self.session.db
        self.statusBar().showMessage(_("Saving a backup copy of your plan…"))
        # The scratch copy is made beside the target, so this works for a
        # plan on read-only media too.
        self._backup_task = run_in_background(lambda: backup.save_copy(db, path),
                                              lambda _made: self._backup_saved(path, then),
                                              self._backup_failed)
        return True

    def _backup_saved(self, path: Path, then: Callable[[], object] | None = None) -> None:
        self._backup_task = None
        self.statusBar().clearMessage()
        self.dialogs.information(self, _("Backup saved"), _(
            "An encrypted copy of your plan is saved in {path}. It opens with the passphrase or "
            "recovery key you use now. Keep it somewhere safe, such as a USB stick.")
            .format(path=str(path)))
        if then is not None:
            then()

    def _backup_failed(self, error: BaseException) -> None:
        self._backup_task = None
        self.statusBar().clearMessage()
        message = str(error) if isinstance(error, storage.StorageError) else \
            storage.StorageError.default_message()
        self.dialogs.warning(self, _("Backup not saved"), _(
            "{reason} Your plan itself is fine and unchanged.").format(reason=message))

    # -- places ----------------------------------------------------------------------
    def open_other_plan(self) -> bool:
        """File > Open another plan…: a plan kept somewhere else (a USB
        stick). The open plan is saved and locked first. True if the unlock
        screen for the other plan is showing."""
        if self.session is not None and not self.lock():
            return False
        chosen = self.dialogs.get_folder(self, _("Open another plan"),
                                         str(nearest_folder(self.plan_path.parent)))
        if chosen is None:
            return False
        folder = chosen
        if not storage.plan_exists(folder) and storage.plan_exists(folder / PLAN_FOLDER_NAME):
            folder = folder / PLAN_FOLDER_NAME
        if not storage.plan_exists(folder):
            self.dialogs.warning(self, _("No plan there"), _(
                "There's no plan in that folder. Choose the folder your plan is kept in (it "
                "holds a file called plan.db). Nothing has been changed."))
            return False
        self.plan_path = Path(folder)
        self.start.set_plan_path(self.plan_path)
        self.lock_card.folder = self.plan_path      # that plan's card, if it has one
        self.lock_card.refresh()
        self.start.show_unlock()
        return True

    def copy_to_computer(self) -> bool:
        """A plan open for reading only: copy it into a folder on this
        computer and carry on there. False if no copying was started."""
        if self.session is None or self._backup_task is not None:
            return False
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = self.dialogs.get_folder(self, _("Choose a folder on this computer for my plan"),
                                         start)
        if chosen is None:
            return False
        target = plan_folder_in(chosen)
        db = self.session.db
        self.statusBar().showMessage(_("Copying your plan…"))
        self._backup_task = run_in_background(lambda: storage.copy_plan(db, target),
                                              self._copied, self._copy_failed,
                                              lambda copy: copy.close())
        return True

    def _copied(self, copy) -> None:
        self._backup_task = None
        self.statusBar().clearMessage()
        old = self.plan_path
        self._end_session()
        self._plan_opened(copy)
        self.dialogs.information(self, _("Your plan is copied"), _(
            "Your plan is now on this computer, in {path}, and you can carry on writing. It "
            "opens with the same passphrase and recovery key. The copy in {old} hasn't been "
            "changed.").format(path=str(copy.path), old=str(old)))

    def _copy_failed(self, error: BaseException) -> None:
        self._backup_task = None
        self.statusBar().clearMessage()
        message = str(error) if isinstance(error, storage.StorageError) else \
            storage.StorageError.default_message()
        self.dialogs.warning(self, _("Not copied"), _(
            "{reason} Your plan hasn't been changed.").format(reason=message))

    def show_second_place(self) -> SecondPlaceDialog | None:
        """File > A second place for backups…"""
        if self.session is None:
            return None
        dialog = SecondPlaceDialog(self.settings, self.session.db, self.dialogs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _second_place_made(self) -> None:
        self.settings.second_place_last = dt.datetime.now(dt.timezone.utc).isoformat(
            timespec="seconds")

    def _second_place_failed(self, reason: str) -> None:
        reminder = second_place_reminder(self.settings.second_place_last)
        if reminder:
            self.statusBar().showMessage(reminder, 60_000)

    # -- text size -------------------------------------------------------------------
    def _apply_text_scale(self, percent: int) -> None:
        apply_text_scale(percent)

    def _set_text_scale(self, percent: int) -> None:
        self.settings.text_scale = percent
        self._apply_text_scale(self.settings.text_scale)

    def _step_text(self, direction: int) -> None:
        current = self.settings.text_scale
        if direction > 0:
            bigger = [p for p in TEXT_STEPS if p > current]
            self._set_text_scale(bigger[0] if bigger else TEXT_STEPS[-1])
        else:
            smaller = [p for p in TEXT_STEPS if p < current]
            self._set_text_scale(smaller[-1] if smaller else TEXT_STEPS[0])

    # -- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._may_leave_key():
            event.ignore()
            return
        if self.session is not None and not self._copy_before_close:
            self._close_dialogs()
            saved = self.session.flush() and self.session.all_saved()
            if not saved:
                if self.dialogs.question(
                        self, _("Not saved yet"),
                        _("Some of your latest writing couldn't be saved into your plan yet. "
                          "Save a copy of your plan as it is now before closing, so nothing "
                          "is lost?"),
                        yes=_("Save a copy of my plan as it is now"), no=_("Don't save a copy")):
                    self.save_copy_now(then=self._close_after_copy)
                    event.ignore()
                    return
                if not self.dialogs.question(
                        self, _("Not saved yet"),
                        _("If you close now without a copy, your latest writing will be lost. "
                          "Close anyway?"),
                        yes=_("Close anyway"), no=_("Keep it open")):
                    event.ignore()
                    return
        self.shut_down()
        event.accept()

    def _close_after_copy(self) -> None:
        """The copy asked for when closing is saved: now close."""
        self._copy_before_close = True
        self.close()

    @Slot(object)
    def save_for_logout(self, _manager=None) -> None:
        """The desktop session is ending: save everything and close the
        plan (nothing to ask; the app may be ended next)."""
        if self.session is not None:
            self._close_dialogs()
            self.session.flush()
            self._end_session()
            self.start.show_unlock()

    def shut_down(self) -> None:
        """Last call (also when the app quits without closing the window,
        as at log-out): save what can be saved and close everything."""
        if self.session is not None:
            self.session.flush()
            self._end_session()
        self.start.shutdown()
        self.idle.uninstall()
