"""Small shared controls: the "Just for me" toggle, an optional date, the
row of list buttons, and an "Added together with" note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QHBoxLayout, QLabel,
                               QPushButton, QSizePolicy, QWidget)

from ...i18n import N_, _
from ...plans.model import Record
from ..models.labels import attribution
from .icons import lock_icon

#: Smallest height or width of anything that can be clicked (pixels).
MIN_TARGET = 28


def make_button(text: str, parent: QWidget | None = None, name: str = "") -> QPushButton:
    """A push button at least MIN_TARGET high; ``text`` is the N_ source."""
    button = QPushButton(_(text), parent)
    button.setProperty("source_text", text)
    button.setAccessibleName(_(text).replace("&", ""))
    button.setMinimumHeight(MIN_TARGET)
    button.setMinimumWidth(MIN_TARGET)
    if name:
        button.setObjectName(name)
    return button


def retranslate_button(button: QPushButton) -> None:
    text = button.property("source_text")
    if text:
        button.setText(_(text))
        button.setAccessibleName(_(text).replace("&", ""))


class JustForMeCheck(QCheckBox):
    """Toggle for a record's ``private`` flag, with a padlock so it shows at a glance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("justForMe")
        self.setIcon(lock_icon(self.palette()))
        self.setIconSize(QSize(20, 20))
        self.setMinimumHeight(MIN_TARGET)
        # No wider than its words, so a click anywhere on it toggles it.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Just for me"))
        self.setAccessibleName(_("Just for me"))
        self.setToolTip(_("Hidden while planning together, and left out of what I share "
                          "unless I choose otherwise."))
        self.setAccessibleDescription(self.toolTip())


class TogetherNote(QLabel):
    """ "Added together with Sam", or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("togetherNote")
        self._record: Record | None = None
        self.hide()

    def show_for(self, record: Record | None) -> None:
        self._record = record
        self.retranslate()

    def retranslate(self) -> None:
        text = attribution(self._record)
        self.setText(text)
        self.setVisible(bool(text))


#: Direction marks in Qt's Arabic date formats; a date box orders its
#: parts for right to left itself, and with the marks too it would do so twice.
_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


def date_format(locale: QLocale) -> str:
    """``locale``'s short date format for a date box: with the year in full
    ("31/03/27" could be 1927 or 2027 when typed) and no direction marks."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat).translate(_MARKS)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


class LocaleDateEdit(QDateEdit):
    """A date box written the way the app's language writes dates
    (31/03/2027 in English, 31.03.2027 in Polish, right to left in Arabic),
    also after the language changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(date_format(self.locale()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LocaleChange, QEvent.Type.LayoutDirectionChange):
            self.setDisplayFormat(date_format(self.locale()))


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a "no date" box beside a date picker."""

    date_changed = Signal(object)  # datetime.date or None

    def __init__(self, no_date_text: str = N_("No date"), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._no_date_text = no_date_text
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date_edit = LocaleDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumHeight(MIN_TARGET)
        self.date_edit.setDate(QDate.currentDate())
        self.no_date = QCheckBox(self)
        self.no_date.setMinimumHeight(MIN_TARGET)
        self.no_date.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.no_date)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        self._quiet = False
        self.no_date.toggled.connect(self._on_toggled)
        self.date_edit.dateChanged.connect(self._emit)
        self.retranslate()
        self.set_date(None)

    def set_accessible_name(self, name: str) -> None:
        self.date_edit.setAccessibleName(name)
        self.no_date.setAccessibleName(_("{field}: no date").format(field=name))

    def retranslate(self) -> None:
        self.no_date.setText(_(self._no_date_text))

    def date(self) -> dt.date | None:
        if self.no_date.isChecked():
            return None
        return self.date_edit.date().toPython()

    def set_date(self, value: dt.date | None) -> None:
        self._quiet = True
        try:
            self.no_date.setChecked(value is None)
            self.date_edit.setEnabled(value is not None)
            if value is not None:
                self.date_edit.setDate(QDate(value.year, value.month, value.day))
        finally:
            self._quiet = False

    def _on_toggled(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        self._emit()

    def _emit(self, *_args) -> None:
        if not self._quiet:
            self.date_changed.emit(self.date())


class ListButtons(QWidget):
    """Add / Remove / Move up / Move down for a list, with Ctrl+Up/Down and Delete
    on the view. ``add_text`` and ``remove_text`` are N_ sources ("Add a goal");
    an empty ``add_text`` leaves the Add button out.
    """

    add_clicked = Signal()
    remove_clicked = Signal()
    move_clicked = Signal(int)  # -1 up, +1 down

    def __init__(self, view: QAbstractItemView, add_text: str, remove_text: str,
                 parent: QWidget | None = None, movable: bool = True, name: str = "") -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = make_button(add_text or N_("Add"), self, f"add{name}Button" if name else "")
        self.remove_button = make_button(remove_text, self, f"remove{name}Button" if name else "")
        self.up_button = make_button(N_("Move up"), self, f"up{name}Button" if name else "")
        self.down_button = make_button(N_("Move down"), self, f"down{name}Button" if name else "")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            layout.addWidget(button)
        layout.addStretch(1)
        self.add_button.setVisible(bool(add_text))
        self.up_button.setVisible(movable)
        self.down_button.setVisible(movable)
        self.up_button.setToolTip(QKeySequence("Ctrl+Up").toString(QKeySequence.SequenceFormat.NativeText))
        self.down_button.setToolTip(QKeySequence("Ctrl+Down").toString(QKeySequence.SequenceFormat.NativeText))
        self.add_button.clicked.connect(self.add_clicked)
        self.remove_button.clicked.connect(self.remove_clicked)
        self.up_button.clicked.connect(lambda: self.move_clicked.emit(-1))
        self.down_button.clicked.connect(lambda: self.move_clicked.emit(1))
        if movable:
            for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
                shortcut = QShortcut(QKeySequence(keys), view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda step=step: self.move_clicked.emit(step))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_clicked)

    def set_state(self, has_current: bool, can_up: bool, can_down: bool) -> None:
        self.remove_button.setEnabled(has_current)
        self.up_button.setEnabled(can_up)
        self.down_button.setEnabled(can_down)

    def retranslate(self) -> None:
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            retranslate_button(button)
