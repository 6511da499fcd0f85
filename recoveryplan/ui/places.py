"""Where a plan lives: a plan open for reading only (read-only media, a full
disk), and a second place for backups (a USB stick, a folder a cloud
service syncs: to the app it is only a folder, never the network)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDialog, QDialogButtonBox,
    QFrame, QHBoxLayout, QLayout, QLineEdit, QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout, QWidget,
)

from .. import opened
from ..i18n import _, format_date, ngettext
from .dialogs import DialogService
from .background import BackgroundTask, run_in_background
from .settings import Settings
from .widgets.kit import tall, text_label
from .widgets.translated import translations

#: Commands that change the plan (or its secrets): off while it is open for
#: reading only.
WRITING_ACTIONS = ("bring_in_json", "change_passphrase", "new_recovery_key", "record_review",
                   "plan_together", "second_place")


class ReadOnlyBanner(QFrame):
    """Across the top of the window while the plan is open for reading only:
    why, in plain words, and the way on ("Copy my plan to this computer…")."""

    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.retranslate)
        self.setObjectName("readOnlyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = text_label(selectable=True)
        self.label.setObjectName("readOnlyLabel")
        self.copy_button = tall(QPushButton())
        self.copy_button.setObjectName("copyToComputerButton")
        self.copy_button.clicked.connect(self.copy_requested)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._place = ""
        self.hide()

    def show_for(self, place: str) -> None:
        self._place = place
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.label.setText(_(
            "This plan is on a disk that can't be changed just now (a locked USB stick, a CD, "
            "or a disk that is full), so changes can't be saved there. You can read, print and "
            "share it. To carry on writing, copy it to this computer."))
        self.label.setAccessibleName(self.label.text())
        self.copy_button.setText(_("Copy my plan to this computer…"))
        self.copy_button.setAccessibleName(_("Copy my plan to this computer"))


def make_read_only(root: QWidget) -> None:
    """Every box under ``root`` can be read, selected and copied from, but
    not changed; buttons and choices that would change the plan are off.
    (The store refuses writes too, should one still be asked for.)"""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
            widget.setReadOnly(True)
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        elif isinstance(widget, (QAbstractButton, QComboBox)):
            widget.setEnabled(False)


def days_since(iso_time: str, today: dt.date | None = None) -> int | None:
    """Whole days since ``iso_time`` (local dates); None if it is not a time."""
    try:
        made = dt.datetime.fromisoformat(iso_time)
    except (TypeError, ValueError):
        return None
    if made.tzinfo is None:
        made = made.replace(tzinfo=dt.timezone.utc)
    return ((today or dt.date.today()) - made.astimezone().date()).days


def second_place_reminder(last_made: str, today: dt.date | None = None) -> str:
    """A kind reminder when the backup in the second place is more than
    ``SECOND_PLACE_REMIND_DAYS`` old (or was never made); "" otherwise."""
    days = days_since(last_made, today)
    if days is not None and days <= opened.SECOND_PLACE_REMIND_DAYS:
        return ""
    if days is None:
        return _("No backup has been made in your second place yet. When you can, plug in the "
                 "USB stick (or open that folder) so one can be made.")
    return ngettext(
        "Your backup in your second place is {days} day old. When you can, plug in the USB "
        "stick (or open that folder) so a new one can be made.",
        "Your backup in your second place is {days} days old. When you can, plug in the USB "
        "stick (or open that folder) so a new one can be made.", days).format(days=days)


class SecondPlaceDialog(QDialog):
    """File > A second place for backups…: choose the folder, see when the
    last backup there was made, make one now, or stop."""

    def __init__(self, settings: Settings, open_plan, dialogs: DialogService,
                 parent: QWidget | None = None) -> None:
        """``open_plan``: the plan's ``opened.OpenPlan``."""
        super().__init__(parent)
        self.setObjectName("secondPlaceDialog")
        self.setWindowTitle(_("A second place for backups"))
        self._settings, self._plan, self._dialogs = settings, open_plan, dialogs
        self._task: BackgroundTask | None = None
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)   # grows with its words
        layout.addWidget(text_label(_(
            "Besides the backups kept with your plan, an encrypted backup can be kept in a "
            "second place: a USB stick, or a folder your cloud service copies for you. It opens "
            "with your passphrase or recovery key, and it is made again each day you open your "
            "plan while that place is there.")))
        self.place_label = text_label(selectable=True)
        self.place_label.setObjectName("secondPlaceLabel")
        self.last_label = text_label(selectable=True)
        self.last_label.setObjectName("secondPlaceLastLabel")
        self.reminder_label = text_label()
        self.reminder_label.setObjectName("secondPlaceReminder")
        for label in (self.place_label, self.last_label, self.reminder_label):
            layout.addWidget(label)
        self.choose_button = tall(QPushButton(_("Choose a place…")))
        self.choose_button.setObjectName("chooseSecondPlaceButton")
        self.now_button = tall(QPushButton(_("Make a backup there now")))
        self.now_button.setObjectName("secondPlaceNowButton")
        self.stop_button = tall(QPushButton(_("Stop using this place")))
        self.stop_button.setObjectName("stopSecondPlaceButton")
        row = QHBoxLayout()
        for button in (self.choose_button, self.now_button, self.stop_button):
            button.setAutoDefault(False)
            button.setAccessibleName(button.text().replace("…", ""))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox()
        close = tall(buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole))
        close.setObjectName("secondPlaceCloseButton")
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.choose_button.clicked.connect(self.choose)
        self.now_button.clicked.connect(self.make_now)
        self.stop_button.clicked.connect(self.stop)
        self.refresh()
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def refresh(self) -> None:
        place = self._settings.second_place
        busy = self._task is not None
        self.now_button.setEnabled(bool(place) and not busy)
        self.stop_button.setEnabled(bool(place) and not busy)
        self.choose_button.setEnabled(not busy)
        if not place:
            self.place_label.setText(_("No second place is chosen yet."))
            self.last_label.setText("")
            self.reminder_label.setText("")
            self.last_label.hide()
            self.reminder_label.hide()
            return
        self.place_label.setText(_("Second place: {place}").format(place=place))
        made = opened.last_second_place_backup(place, self._plan.plan_id)
        if made is not None:
            self._settings.second_place_last = made.isoformat(timespec="seconds")
            self.last_label.setText(_("The last backup there was made on {date}.").format(
                date=format_date(made.astimezone().date())))
        elif Path(place).is_dir():
            self.last_label.setText(_("There's no backup there yet."))
        else:
            self.last_label.setText(_("That place can't be reached just now (is the USB stick "
                                      "plugged in?)."))
        self.last_label.show()
        reminder = second_place_reminder(self._settings.second_place_last)
        self.reminder_label.setText(reminder)
        self.reminder_label.setVisible(bool(reminder))

    def choose(self) -> None:
        chosen = self._dialogs.get_folder(self, _("Choose a second place for backups"),
                                          self._settings.second_place)
        if chosen is None:
            return
        if Path(chosen).resolve() == self._plan.path.resolve() or \
                self._plan.path.resolve() in Path(chosen).resolve().parents:
            self._dialogs.warning(self, _("Choose another place"), _(
                "That folder is part of your plan itself, so a backup there would be lost with "
                "it. Please choose a USB stick or another folder."))
            return
        self._settings.second_place = str(chosen)
        self._settings.second_place_last = ""
        self.make_now()

    def make_now(self) -> None:
        place = self._settings.second_place
        if not place or self._task is not None:
            return
        plan = self._plan
        self._task = run_in_background(
            lambda: plan.second_place_backup(place, force=True), self._made, self._failed)
        self.last_label.setText(_("Making a backup there…"))
        self.last_label.show()
        self.refresh_buttons()

    def refresh_buttons(self) -> None:
        busy = self._task is not None
        for button in (self.choose_button, self.now_button, self.stop_button):
            button.setEnabled(not busy)

    def _made(self, _path) -> None:
        self._task = None
        self._settings.second_place_last = dt.datetime.now(dt.timezone.utc).isoformat(
            timespec="seconds")
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.refresh()
        self._dialogs.warning(self, _("No backup made there"), _(
            "{reason} Your plan itself is fine and unchanged.").format(
                reason=opened.error_message(error)))

    def stop(self) -> None:
        self._settings.second_place = ""
        self._settings.second_place_last = ""
        self.refresh()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        if self._task is not None:
            self._task.cancel()
            self._task.finished.wait(30)
            self._task = None
        super().done(result)
