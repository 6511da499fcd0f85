"""Open my plan with my passphrase, or with my recovery key instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ...i18n import _
from ... import opened
from ..widgets.flow import FlowLayout
from ..widgets.kit import busy_bar, message_label, show_message, tall, text_label
from ..widgets.secret import CapsLockHint, RevealBox, SecretEdit
from .common import Screen


def _row(*buttons: QPushButton) -> QWidget:
    row = QWidget()
    layout = FlowLayout(row)
    for button in buttons:
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(button)
    return row


class UnlockScreen(Screen):
    """Emits ``unlock_requested(secret)``; the window opens the plan off the
    GUI thread and calls ``set_busy``/``show_failure`` meanwhile."""

    unlock_requested = Signal(str)
    #: While bringing back a backup from the welcome screen: go back there.
    back_requested = Signal()
    #: The plan is damaged; bring back a backup, opened with this secret.
    restore_newest_requested = Signal(str)
    restore_file_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockScreen")
        self._use_key = False
        self._backups_available = False
        self._backup_name = ""       # set while bringing back a backup file
        self._intro = text_label()
        self.demo_label = text_label(selectable=True)
        self.demo_label.setObjectName("demoPassphraseLabel")
        self.demo_label.setVisible(False)
        self.secret_edit = SecretEdit()
        self.secret_edit.setObjectName("unlockSecretEdit")
        self._secret_label = text_label()
        self._secret_label.setBuddy(self.secret_edit)
        self.reveal_box = RevealBox(self.secret_edit)
        self.reveal_box.setObjectName("revealUnlockBox")
        self._caps = CapsLockHint(self.secret_edit)
        self.switch_button = tall(QPushButton())
        self.switch_button.setObjectName("useRecoveryKeyButton")
        self.switch_button.setFlat(True)
        self.switch_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.switch_button.setAutoDefault(False)
        self.unlock_button = tall(QPushButton())
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.error_label = message_label()
        self.error_label.setObjectName("unlockErrorLabel")
        self.restore_newest_button = tall(QPushButton())
        self.restore_newest_button.setObjectName("restoreNewestBackupButton")
        self.restore_file_button = tall(QPushButton())
        self.restore_file_button.setObjectName("restoreBackupFileButton")
        for button in (self.restore_newest_button, self.restore_file_button):
            button.setVisible(False)
            button.setAutoDefault(False)
        self.back_button = tall(QPushButton())
        self.back_button.setObjectName("unlockBackButton")
        self.back_button.setAutoDefault(False)
        self.back_button.setVisible(False)
        self.back_button.clicked.connect(self.back_requested)
        self.busy = busy_bar()
        self.busy_label = message_label()
        self.busy_label.setObjectName("unlockBusyLabel")

        for widget in (self._intro, self.demo_label, self._secret_label, self.secret_edit,
                       self._caps, self.reveal_box):
            self.column.addWidget(widget)
        # Rows that wrap rather than squeeze a button until its words are cut
        # (three buttons when bringing back a backup, longer words in Welsh).
        self.column.addWidget(_row(self.unlock_button, self.switch_button, self.back_button))
        for widget in (self.busy_label, self.busy, self.error_label):
            self.column.addWidget(widget)
        self.column.addWidget(_row(self.restore_newest_button, self.restore_file_button))

        self.unlock_button.clicked.connect(self._submit)
        self.secret_edit.returnPressed.connect(self._submit)
        self.secret_edit.textChanged.connect(lambda _text: show_message(self.error_label, ""))
        self.switch_button.clicked.connect(lambda: self.set_use_recovery_key(not self._use_key))
        self.restore_newest_button.clicked.connect(
            lambda: self._ask_restore(self.restore_newest_requested))
        self.restore_file_button.clicked.connect(
            lambda: self._ask_restore(self.restore_file_requested))
        self.setTabOrder(self.secret_edit, self.reveal_box)
        self.setTabOrder(self.reveal_box, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.switch_button)
        self.finish_layout()

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Bring back my plan") if self._backup_name else _("Open my plan"))
        if self._backup_name:
            self._intro.setText(_("Type the passphrase of the plan in {file}, or its recovery key. "
                                  "It is checked completely before anything is saved on this "
                                  "computer.").format(file=self._backup_name))
            self._secret_label.setText(_("My recovery key") if self._use_key else _("My passphrase"))
            self.switch_button.setText(_("Use my passphrase instead") if self._use_key
                                       else _("Use my recovery key instead"))
        elif self._use_key:
            self._intro.setText(_("Type your recovery key. Spaces, dashes and capital letters "
                                  "don't matter."))
            self._secret_label.setText(_("My recovery key"))
            self.switch_button.setText(_("Use my passphrase instead"))
        else:
            self._intro.setText(_("Your plan is locked. Type your passphrase to open it."))
            self._secret_label.setText(_("My passphrase"))
            self.switch_button.setText(_("Use my recovery key instead"))
        self.secret_edit.setAccessibleName(self._secret_label.text())
        self.reveal_box.retranslate()
        self._caps.retranslate()
        self.unlock_button.setText(_("Bring back my plan") if self._backup_name
                                   else _("Open my plan"))
        self.back_button.setText(_("Back"))
        self.restore_newest_button.setText(_("Open my newest good backup"))
        self.restore_file_button.setText(_("Restore from a backup file…"))
        self.busy_label.setText(_("Opening your plan…"))

    def first_focus(self) -> QWidget:
        return self.secret_edit

    # -- the window calls these ------------------------------------------------------
    def set_backup_file(self, name: str) -> None:
        """Ask for the secret of a backup file (``name``), or "" to go back to
        opening the plan on this computer."""
        self._backup_name = name
        self.back_button.setVisible(bool(name))
        self.retranslate()

    def set_demo_passphrase(self, passphrase: str) -> None:
        self.demo_label.setText(_("This is a demo. The passphrase is: {passphrase}")
                                .format(passphrase=passphrase))
        self.demo_label.setVisible(True)

    def set_backups_available(self, available: bool) -> None:
        """Whether "Open my newest good backup" can be offered when the plan
        turns out to be damaged."""
        self._backups_available = available

    def show_restore_failure(self, error: BaseException) -> None:
        """A backup couldn't be restored; the plan is as it was."""
        self.set_busy(False)
        text = str(error) if isinstance(error, opened.StorageError) else _(
            "Something went wrong while bringing back your backup. Nothing has changed. "
            "Please try again.")
        show_message(self.error_label, text)
        self._show_restore_buttons(True)
        self.secret_edit.setFocus()
        self.secret_edit.selectAll()

    def _show_restore_buttons(self, show: bool) -> None:
        self.restore_newest_button.setVisible(show and self._backups_available)
        self.restore_file_button.setVisible(show)

    def _ask_restore(self, signal) -> None:
        secret = self.secret_edit.text()
        if not secret:
            show_message(self.error_label, _(
                "Please type the passphrase or recovery key that opened your plan when the "
                "backup was made, then choose again."))
            self.secret_edit.setFocus()
            return
        signal.emit(secret)

    def set_use_recovery_key(self, use_key: bool) -> None:
        self._use_key = use_key
        self.secret_edit.clear()
        self.reveal_box.setChecked(use_key)   # a key is easier to type when seen
        show_message(self.error_label, "")
        self.retranslate()
        self.secret_edit.setFocus()

    def using_recovery_key(self) -> bool:
        return self._use_key

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy_label.setText(text or _("Opening your plan…"))
        for widget in (self.secret_edit, self.unlock_button, self.switch_button, self.reveal_box):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        for button in (self.restore_newest_button, self.restore_file_button):
            button.setEnabled(not busy)
        if busy:
            show_message(self.error_label, "")

    def show_failure(self, error: BaseException) -> None:
        """A kind message for why the plan did not open; nothing has changed."""
        self.set_busy(False)
        damaged = isinstance(error, opened.PlanDamaged)
        if isinstance(error, opened.WrongSecret):
            text = (_("That recovery key didn't open this plan. Please check it against the "
                      "copy you kept and try again. Nothing has changed.")
                    if self._use_key else
                    _("That passphrase didn't open this plan. Please check it and try again; "
                      "you can take as many tries as you need. Nothing has changed."))
        elif damaged:
            text = _("Part of your plan's files seems to be damaged, so it can't be opened as "
                     "it is. Nothing has been changed or deleted.")
        elif isinstance(error, opened.StorageError):
            text = str(error)
        else:
            text = _("Something went wrong while opening your plan. Nothing has changed. "
                     "Please try again.")
        if damaged:
            text = _("{problem} You can bring back a backup of your plan: the damaged copy "
                     "is kept, unchanged.").format(problem=text)
        show_message(self.error_label, text)
        self._show_restore_buttons(damaged)
        self.secret_edit.setFocus()
        self.secret_edit.selectAll()

    def reset(self) -> None:
        """Back to an empty passphrase field (after locking)."""
        self.set_busy(False)
        if self._use_key:
            self.set_use_recovery_key(False)
        self.secret_edit.clear()
        self.reveal_box.setChecked(False)
        show_message(self.error_label, "")
        self._show_restore_buttons(False)

    def _submit(self) -> None:
        if self.busy.isVisible():
            return
        secret = self.secret_edit.text()
        if not secret:
            show_message(self.error_label,
                         _("Please type your recovery key first.") if self._use_key
                         else _("Please type your passphrase first."))
            self.secret_edit.setFocus()
            return
        self.set_busy(True)
        self.unlock_requested.emit(secret)
