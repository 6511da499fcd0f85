"""The one window: start screens while locked, the plan while open.

Kept thin: commands come from the action registry (``MENUS`` too), the
start screens from ``StartFlow``, the open plan from ``PlanSession`` and
``Workspace``, and the jobs from controllers: ``PlanFiles`` (backup copies,
places), ``PlanSecrets`` (recovery key, passphrase), ``ShareActions``,
``ViewChoices`` (preferences, language, text size) and ``SaveStatus``. This
module wires them together and owns locking.
It comes up having loaded only what its start screen shows; the rest is
made when first used (``WindowParts``) and imported soon after (``WarmUp``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu, QStackedWidget, QVBoxLayout, QWidget

from .. import opened
from . import app_events
from ..i18n import N_, _
from .actions import MENUS, ActionRegistry
from .dialogs import DialogService
from .fit import ScreenFit, place_on_screen
from .idle import IdleWatcher
from .language import LanguageSwitcher, window_title
from .wheel import WheelGuard
from .save_status import SaveStatus
from .settings import Settings
from .style import apply_text_scale
from .warm_up import WarmUp
from .widgets.translated import translations
from .window_bars import build_menus, build_toolbar
from .window_parts import WindowParts
from .start.flow import StartFlow

if TYPE_CHECKING:   # loaded when first used (or warmed up), not at launch
    from .about import AboutDialog
    from .help_now import HelpNowDialog
    from .places import SecondPlaceDialog
    from .preferences import PreferencesDialog
    from .session import PlanSession
    from .workspace import Workspace


class MainWindow(WindowParts, QMainWindow):
    def __init__(self, plan_path: Path, settings: Settings, dialogs: DialogService | None = None,
                 languages: LanguageSwitcher | None = None, demo_passphrase: str = "") -> None:
        super().__init__()
        app_events.hold()       # out until the window is on screen (see app_events)
        self.setObjectName("mainWindow")
        self.plan_path = Path(plan_path)
        self.settings = settings
        self.dialogs = dialogs or DialogService()
        self.languages = languages
        self.session: PlanSession | None = None
        self.workspace: Workspace | None = None
        self._copy_before_close = False
        #: The section on screen when the plan was locked, to come back to (memory only).
        self._last_section = ""

        self.actions_ = ActionRegistry(self)
        self._init_parts()      # the controllers and the rest: made when first needed
        self._menus: dict[str, QMenu] = build_menus(self.menuBar(), self.actions_)
        self._toolbar = build_toolbar(self)
        self.save_status = SaveStatus(self)
        self.save_label = self.save_status.label

        self.screens = QStackedWidget()
        self._remember_plan = not demo_passphrase     # the demo's plan is thrown away
        self.start = StartFlow(self.plan_path, self.dialogs)
        self.start.screen_built.connect(self._start_screen_built)
        self.start.language_chosen.connect(lambda code: self.view.choose_language(code))
        self.start.opened.connect(self._plan_opened)
        self.start.key_waiting.connect(settings.set_recovery_key_unconfirmed)
        if demo_passphrase:
            self.start.unlock.set_demo_passphrase(demo_passphrase)
        self.screens.addWidget(self.start)
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.screens, 1)
        self.setCentralWidget(central)
        self._warm_up = WarmUp(self)

        self.idle = IdleWatcher(settings.idle_lock_minutes * 60_000, self)
        self._wheel_guard = WheelGuard(self)
        self._wheel_guard.install(QApplication.instance())
        self._screen_fit = ScreenFit(self)
        self._screen_fit.install(QApplication.instance())
        self.idle.idle.connect(self._idle_lock)
        self._connect_actions()
        self._set_plan_open(False)
        self._lock_slot.setVisible(False)
        apply_text_scale(settings.text_scale)
        translations(self).call(self.retranslate)
        self.start.show_first()

    def place_on_screen(self) -> None:
        """A comfortable size, or the screen's available area if that is smaller."""
        place_on_screen(self, 1100, 760)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if app_events.held():       # once on screen: the idle lock, wheel guard, screen fit
            QTimer.singleShot(0, app_events.release)
        self._warm_up.start()       # and what opening a plan needs

    # -- building ------------------------------------------------------------------
    def _connect_actions(self) -> None:
        connect = self.actions_.connect
        connect("lock", self.lock)
        connect("new_recovery_key", lambda: self.secrets.new_recovery_key())
        connect("change_passphrase", lambda: self.secrets.show_change_passphrase())
        connect("save_backup", lambda: self.files.save_backup_copy())
        connect("share_paper", lambda: self.share.open_export_dialog())
        connect("save_json", lambda: self.share.save_json_copy())
        connect("bring_in_json", lambda: self.share.bring_in_json())
        connect("preferences", lambda: self.view.show_preferences())
        connect("open_other", lambda: self.files.open_other_plan())
        connect("copy_to_computer", lambda: self.files.copy_to_computer())
        connect("second_place", self.show_second_place)
        connect("quit", self.close)
        connect("next_section", lambda: self.workspace and self.workspace.step(1))
        connect("previous_section", lambda: self.workspace and self.workspace.step(-1))
        connect("go_to_sections", lambda: self.workspace and self.workspace.focus_nav())
        connect("larger_text", lambda: self.view.step_text(1))
        connect("smaller_text", lambda: self.view.step_text(-1))
        connect("normal_text", lambda: self.view.set_text_scale(100))
        connect("help_now", self.show_help_now)
        connect("about", self.show_about)

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(window_title())   # never plan text or a name
        self.actions_.retranslate()
        for key, label, _items in MENUS:
            self._menus[key].setTitle(_(label))
        self.lock_button.setAccessibleName(_("Lock my plan"))
        keys = self.actions_["help_now"].shortcut().toString(
            QKeySequence.SequenceFormat.NativeText)
        # Translators: the button always at the top; {keys} is its shortcut key, F1.
        self.help_now_button.setText(_("Need help now? ({keys})").format(keys=keys))
        self.help_now_button.setAccessibleName(_("Need help now?"))
        self.help_now_button.setToolTip(_("Phone numbers of my people and of crisis services"))

    # -- an open plan ----------------------------------------------------------------
    @Slot(object)
    def _plan_opened(self, plan) -> None:
        """``plan``: the ``opened.OpenPlan`` unlocked, created or copied."""
        from .session import PlanSession

        app_events.release()        # if the window was never shown
        try:
            session = PlanSession(plan, self.dialogs, self)
        except opened.StorageError as error:
            plan.close()
            self.start.show_unlock()
            self.start.unlock.show_failure(error)
            return
        self.session = session
        session.saving.connect(lambda: self.save_status.show(N_("Saving…")))
        session.saved.connect(self.save_status.saved)
        session.save_failed.connect(self.save_status.failed)
        session.backup_failed.connect(lambda reason: self.statusBar().showMessage(
            _("Today's automatic backup couldn't be made. {reason}").format(reason=reason), 30_000))
        session.ctx.status.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self._install_undo(session)
        from .workspace import Workspace

        self.workspace = Workspace(session.ctx, self.screens,
                                   snapshot_loader=session.open_plan.load_snapshot)
        self.screens.addWidget(self.workspace)
        self.screens.setCurrentWidget(self.workspace)
        self._set_plan_open(True)
        self.together.attach(session.ctx, self.workspace)
        self._lock_slot.setVisible(True)
        self.save_status.show("")
        self.idle.start()
        if self._last_section:
            self.workspace.go_to(self._last_section)
        self.workspace.focus_nav()
        path = session.open_plan.path
        if path != self.start.plan_path:     # a copy made on this computer
            self.start.set_plan_path(path)
        self.plan_path = path
        if self._lock_card is not None:
            self._lock_card.folder = self.plan_path
        if self._remember_plan:
            self.settings.last_plan = str(path.absolute())
        if session.read_only:
            from .places import make_read_only

            self._set_plan_open(True)       # after planning together set its actions
            self.together.button.setEnabled(False)
            self.read_only_banner.show_for(str(path))
            make_read_only(self.workspace)
            self.save_status.show(N_("Read only"))
        else:
            session.second_place_made.connect(self.files.second_place_made)
            session.second_place_failed.connect(self.files.second_place_failed)
            session.start_daily_backup(self.settings.second_place)
            self._keep_card(session)
        plan_id, with_key = session.open_plan.plan_id, self.start.opened_with_key
        QTimer.singleShot(0, self, lambda: self.secrets.after_unlock(session, plan_id, with_key))

    def _set_plan_open(self, is_open: bool) -> None:
        """Plan actions on or off; a plan open for reading only keeps the
        ones that would change it off, and offers to copy it instead."""
        self.actions_.set_plan_open(is_open)
        read_only = is_open and self.session is not None and self.session.read_only
        if is_open:     # closed, each of them is off already: they need a plan
            from .places import WRITING_ACTIONS

            for key in WRITING_ACTIONS:
                self.actions_[key].setEnabled(not read_only)
        self.actions_["copy_to_computer"].setEnabled(read_only)
        self.actions_["copy_to_computer"].setVisible(read_only)
        if not read_only:
            if self._read_only_banner is not None:
                self._read_only_banner.hide()
            if self._together is not None:
                self._together.button.setEnabled(True)

    def _install_undo(self, session: PlanSession) -> None:
        # "Undo typing in …" as one translatable sentence, standard shortcuts.
        self._undo, self._redo = session.ctx.undo_actions(self)
        self._menus["edit"].addActions([self._undo, self._redo])
        self._menus["edit"].setEnabled(True)

    # -- locking ---------------------------------------------------------------------
    def lock(self) -> bool:
        """Save, close the plan and show only the unlock screen. Returns
        False (and stays open) if the latest writing could not be saved."""
        if self.session is None:
            return True
        self._close_dialogs()
        if not self.session.flush():
            self.save_status.failed(_("Your plan is not locked yet, because your latest writing "
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
        self._finish_card()
        session.close()
        for controller in (self._files, self._secrets):
            if controller is not None:
                controller.cancel()
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
        self.save_status.show("")
        self.statusBar().clearMessage()

    def _close_dialogs(self) -> None:
        """Nothing from the plan may stay on screen: close open dialogs."""
        from .start.recovery_key import RecoveryKeyDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RecoveryKeyDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)    # without asking again
            elif isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    # -- dialogs ---------------------------------------------------------------------
    def show_help_now(self) -> HelpNowDialog:
        from .help_now.dialog import HelpNowDialog

        dialog = HelpNowDialog(self.session.ctx if self.session else None, self, self.dialogs,
                               card_folder=self.plan_path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        from .about import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save_backup_copy(self, then: Callable[[], object] | None = None) -> bool:
        """File > Save a backup copy (also asked for before bringing a plan in)."""
        return self.files.save_backup_copy(then)

    def show_second_place(self) -> SecondPlaceDialog | None:
        return self.files.show_second_place()

    def show_preferences(self) -> PreferencesDialog:
        return self.view.show_preferences()

    def _set_text_scale(self, percent: int) -> None:
        self.view.set_text_scale(percent)

    # -- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        # Only the start flow or the secrets' own dialogs show a recovery key.
        may_show_key = self._secrets is not None or self.start.showing_new_key()
        if may_show_key and not self.secrets.may_leave_key():
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
                    self.files.save_copy_now(then=self._close_after_copy)
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
        app_events.release()        # if it was never shown: others still see their events
        self._warm_up.stop()
