"""The Plan menu's jobs on the plan's secrets, for the main window to
connect: a new recovery key (shown once), a new passphrase, the offers made
just after unlocking, and the warning before closing on a key not yet kept.

The slow work runs off the GUI thread through the open plan's owner
(``opened.OpenPlan``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from .. import opened
from ..i18n import _
from .background import BackgroundTask, run_in_background
from .change_passphrase import ChangePassphraseDialog
from .start.recovery_key import RecoveryKeyDialog

if TYPE_CHECKING:
    from .session import PlanSession


class PlanSecrets(QObject):
    """A new recovery key, a new passphrase, and what is offered after unlocking."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._task: BackgroundTask | None = None

    def cancel(self) -> None:
        """The plan is closing: a new key still being made is not shown."""
        if self._task is not None:
            self._task.cancel()
        self._task = None

    # -- just after unlocking ----------------------------------------------------------
    def after_unlock(self, session: "PlanSession", plan_id: str, with_key: str) -> None:
        """Opened with the recovery key: offer a new passphrase. A recovery
        key never confirmed kept: remind, and offer a new one."""
        window = self.window
        if session is not window.session or session.read_only:
            return      # a plan open for reading only can't take a new secret
        if with_key:
            # The key opened the plan, so it is kept.
            window.settings.set_recovery_key_unconfirmed(plan_id, False)
            if window.dialogs.question(
                    window, _("Choose a new passphrase?"),
                    _("You opened your plan with your recovery key. Would you like to choose a "
                      "new passphrase now, to open it with from now on? Your recovery key keeps "
                      "working."),
                    yes=_("Choose a new passphrase"), no=_("Not now")):
                self.show_change_passphrase(known_secret=with_key)
            return
        if window.settings.recovery_key_unconfirmed(plan_id):
            if window.dialogs.question(
                    window, _("Is your recovery key kept safe?"),
                    _("When your recovery key was shown, the app closed before you confirmed "
                      "keeping it. If it is lost and you forget your passphrase, nobody can "
                      "open your plan. Would you like a new recovery key now? The old one will "
                      "stop working."),
                    yes=_("Make a new recovery key"), no=_("Remind me next time")):
                self.new_recovery_key(confirmed=True)

    # -- a new recovery key ------------------------------------------------------------
    def new_recovery_key(self, confirmed: bool = False) -> None:
        window = self.window
        if window.session is None or self._task is not None:
            return
        if not confirmed and not window.dialogs.question(
                window, _("Make a new recovery key"),
                _("Your old recovery key will stop working and a new one will be shown once. "
                  "Your passphrase stays the same. Make a new recovery key?"),
                yes=_("Make a new key"), no=_("Keep my old key")):
            return
        plan = window.session.open_plan
        window.statusBar().showMessage(_("Making a new recovery key…"))
        self._task = run_in_background(plan.new_recovery_key, self._show_new_key,
                                       self._new_key_failed)

    def _show_new_key(self, key: str) -> RecoveryKeyDialog | None:
        self._task = None
        window = self.window
        window.statusBar().clearMessage()
        if window.session is None:
            return None
        plan = window.session.open_plan
        plan_id = plan.plan_id
        window.settings.set_recovery_key_unconfirmed(plan_id, True)
        dialog = RecoveryKeyDialog(key, window.dialogs, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.files.renew_second_place()      # the key changed: so does the copy kept there
        dialog.accepted.connect(lambda: window.settings.set_recovery_key_unconfirmed(plan_id, False))
        dialog.accepted.connect(lambda: window.dialogs.information(
            window, _("New recovery key made"), plan.old_secret_note(
                _("Your old recovery key no longer opens this plan or the backups kept with it. "
                  "It still opens any backup file you saved somewhere else before now."))))
        dialog.open()
        return dialog

    def _new_key_failed(self, error: BaseException) -> None:
        self._task = None
        self.window.statusBar().clearMessage()
        self.window.dialogs.warning(self.window, _("No new recovery key"),
                                    _("{reason} Your old recovery key still works.").format(
                                        reason=opened.error_message(error)))

    # -- a new passphrase ----------------------------------------------------------------
    def show_change_passphrase(self, known_secret: str = "") -> ChangePassphraseDialog | None:
        window = self.window
        if window.session is None:
            return None
        plan = window.session.open_plan
        dialog = ChangePassphraseDialog(plan, window.session.plan.info.owner_name, window,
                                        known_secret=known_secret)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(window.files.renew_second_place)
        dialog.accepted.connect(lambda: window.dialogs.information(
            window, _("Passphrase changed"),
            _("{changed}\n\n{old_secret}").format(
                changed=_("Your passphrase has been changed. Next time, open your plan with the "
                          "new one. Your recovery key still works."),
                old_secret=plan.old_secret_note(
                    _("Your old passphrase no longer opens this plan or the backups kept with it. "
                      "It still opens any backup file you saved somewhere else before now.")))))
        dialog.open()
        return dialog

    # -- a key not kept yet ------------------------------------------------------------------
    def key_not_kept(self) -> bool:
        return self.window.start.showing_new_key() or any(
            isinstance(w, RecoveryKeyDialog) and w.isVisible() and not w.kept
            for w in QApplication.topLevelWidgets())

    def may_leave_key(self) -> bool:
        """On the recovery-key screen: warn before closing (it is shown only once)."""
        if not self.key_not_kept():
            return True
        return self.window.dialogs.question(
            self.window, _("Your recovery key isn't kept yet"),
            _("Your recovery key is shown only this once. If you close now without writing it "
              "down, printing it or saving it, and later forget your passphrase, nobody can "
              "open your plan. Close anyway?"),
            yes=_("Close anyway"), no=_("Go back to my key"))
