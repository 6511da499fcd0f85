"""The date boxes: a date the person can type or choose from a calendar,
written the way the app's language writes dates, and an optional date
beside a "no date" box, with a kind line when a typed date can't be read."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (QCalendarWidget, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
                               QStyle, QStyleOptionFrame, QToolButton, QVBoxLayout, QWidget)

from ...i18n import N_, _, format_date
from .kit import MIN_TARGET
from .translated import translations


#: Direction marks in Qt's Arabic date formats; a date box orders its
#: parts for right to left itself, and with the marks too it would do so twice.
_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


def date_format(locale: QLocale) -> str:
    """``locale``'s short date format for a date box: with the year in full
    ("31/03/27" could be 1927 or 2027 when typed) and no direction marks."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat).translate(_MARKS)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def shown_date(value: dt.date | dt.datetime | None) -> str:
    """A date in a table or list, as the app's language writes it in short
    ("4 Oct 2026"); where that is all in numbers (Arabic), exactly as the
    date boxes write it, so that a goal's target date reads the same in
    the table and in its date box."""
    if value is None:
        return ""
    text = format_date(value, "medium")
    if any(char.isalpha() for char in text):        # the month by its name
        return text
    if isinstance(value, dt.datetime):
        value = value.date()                        # as format_date takes it
    locale = QLocale()
    return locale.toString(QDate(value.year, value.month, value.day), date_format(locale))


def parse_typed_date(text: str, fmt: str) -> dt.date | None:
    """A date typed in ``fmt``'s order (day, month and year in whatever order
    the language writes them), with any separators or none: "31/3/2027",
    "31.03.27" and "31032027" all read as 31 March 2027 in English.
    Returns None for anything that isn't a real date."""
    order = sorted(((fmt.find(part), part) for part in ("d", "M", "y") if part in fmt))
    if len(order) != 3:
        return None
    parts = re.findall(r"\d+", text)
    if len(parts) == 1 and len(parts[0]) in (6, 8):
        digits = parts[0]
        widths = [4 if part == "y" and len(digits) == 8 else 2 for _pos, part in order]
        parts, at = [], 0
        for width in widths:
            parts.append(digits[at:at + width])
            at += width
    if len(parts) != 3 or any(len(p) > 4 for p in parts):
        return None
    values = {part: int(number) for (_pos, part), number in zip(order, parts)}
    year = values["y"]
    if year < 100:
        year += 2000
    if not 1900 <= year <= 2200:
        return None
    try:
        return dt.date(year, values["M"], values["d"])
    except ValueError:
        return None


class LocaleDateEdit(QLineEdit):
    """A date box the person can type into, written the way the app's
    language writes dates (31/03/2027 in English, 31.03.2027 in Polish, right
    to left in Arabic), also after the language changes, with a calendar
    to choose from (the button at its end, or Alt+Down).

    Digits and Backspace work as in any text box. A typed date counts when
    the person leaves the box or presses Enter; one that isn't a date is
    kept on screen and ``problem`` says so kindly (an empty string once it
    is put right); nothing is saved until it is a date. With
    ``allow_empty``, emptying the box means "no date" (``date_cleared``).
    """

    dateChanged = Signal(QDate)  # noqa: N815 - Qt naming, like QDateEdit
    #: The person typed or chose a date (not emitted by ``setDate``).
    date_chosen = Signal(QDate)
    date_cleared = Signal()
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None, allow_empty: bool = False) -> None:
        super().__init__(parent)
        self._date = QDate.currentDate()
        self._allow_empty = allow_empty
        self._empty = False
        self._calendar_action = None
        self._popup: QCalendarWidget | None = None
        self.setMaxLength(40)
        self.editingFinished.connect(self.commit)
        self._show()

    # -- QDateEdit's API, as the pages use it ---------------------------------------
    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, date: QDate) -> None:  # noqa: N802 - Qt naming
        if date is None or not date.isValid():
            return
        changed = date != self._date
        self._date = QDate(date)
        self._show()
        if changed:
            self.dateChanged.emit(QDate(date))

    def set_empty(self, empty: bool) -> None:
        """Show nothing (no date) or the date again; emits nothing."""
        self._empty = empty
        self._show()

    def is_empty(self) -> bool:
        return self._empty

    def displayFormat(self) -> str:  # noqa: N802 - Qt naming
        return date_format(self.locale())

    def setCalendarPopup(self, enable: bool) -> None:  # noqa: N802 - Qt naming
        if enable and self._calendar_action is None:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
            self._calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            self._calendar_action.triggered.connect(self.show_calendar)
            self._calendar_action.setToolTip(_("Choose from a calendar (Alt+Down)"))
            self._calendar_action.setText(_("Choose from a calendar"))
            for button in self.findChildren(QToolButton):
                if button.defaultAction() is self._calendar_action:
                    button.setAccessibleName(_("Choose from a calendar"))
        elif not enable and self._calendar_action is not None:
            self.removeAction(self._calendar_action)
            self._calendar_action = None
        self.updateGeometry()      # room for the calendar button, or none

    # -- typing -------------------------------------------------------------------
    def example(self) -> str:
        return self.locale().toString(QDate.currentDate(), self.displayFormat())

    def _show(self) -> None:
        placeholder = _("For example {date}").format(date=self.example())
        # The size wanted follows the example (the language, the date
        # format, today's date), not the date shown: a goal's detail shows
        # its date again at every change, which must not lay out the page.
        measure = placeholder != self.placeholderText()
        self.setText("" if self._empty else self.locale().toString(self._date, self.displayFormat()))
        self.setPlaceholderText(placeholder)
        if measure:
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Wide enough for its example ("For example 01/12/2026") and the
        calendar button, at the text size in use, so the hint is never cut."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        words = max(metrics.horizontalAdvance(self.placeholderText()),
                    metrics.horizontalAdvance(self.example() + "  "))
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        inner = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        frame = max(0, self.width() - inner.width())       # borders and padding, as styled
        button = hint.height() if self._calendar_action is not None else 0
        return QSize(max(hint.width(), words + frame + button + 8), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()

    def commit(self) -> bool:
        """Take what is typed; False (with a kind ``problem``) if it isn't a date."""
        text = self.text().strip()
        if not text:
            if self._allow_empty:
                self.problem.emit("")
                if not self._empty:
                    self._empty = True
                    self.date_cleared.emit()
                return True
            self._show()
            self.problem.emit("")
            return True
        value = parse_typed_date(text, self.displayFormat())
        if value is None:
            self.problem.emit(_(
                "I couldn't read “{text}” as a date. Could you write it like {example}, or "
                "choose it from the calendar? Nothing was changed.").format(
                text=text, example=self.example()))
            return False
        self.problem.emit("")
        was_empty = self._empty
        self._empty = False
        date = QDate(value.year, value.month, value.day)
        if date != self._date or was_empty:
            self._date = date
            self._show()
            self.dateChanged.emit(QDate(date))
            self.date_chosen.emit(QDate(date))
        else:
            self._show()
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if (event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
                and self._calendar_action is not None) or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setObjectName("datePopup")
        popup.setAccessibleName(_("Choose a date"))
        popup.setLocale(self.locale())
        popup.setSelectedDate(self._date)
        popup.clicked.connect(lambda date: self._chosen(popup, date))
        popup.activated.connect(lambda date: self._chosen(popup, date))
        popup.adjustSize()
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        popup.setFocus()
        self._popup = popup

    def _chosen(self, popup: QCalendarWidget, date: QDate) -> None:
        popup.close()
        self._popup = None
        self.setFocus()
        self.problem.emit("")
        was_empty = self._empty
        self._empty = False
        if date != self._date or was_empty:
            self._date = QDate(date)
            self._show()
            self.dateChanged.emit(QDate(date))
            self.date_chosen.emit(QDate(date))
        else:
            self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LocaleChange, QEvent.Type.LayoutDirectionChange,
                            QEvent.Type.LanguageChange):
            if not self.hasFocus():
                self._show()
            self.updateGeometry()


class DateProblem(QLabel):
    """Where a date box says kindly that what was typed isn't a date."""

    def __init__(self, edit: LocaleDateEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dateProblem")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        edit.problem.connect(self.show_problem)

    def show_problem(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))
        if text:
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a date box (empty means no date)
    beside a "no date" box; a kind line under them when a typed date
    can't be read."""

    date_changed = Signal(object)  # datetime.date or None

    def __init__(self, no_date_text: str = N_("No date"), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._no_date_text = no_date_text
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout)
        self.date_edit = LocaleDateEdit(self, allow_empty=True)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumHeight(MIN_TARGET)
        # Its own size hint keeps the example whole at any text size.
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.no_date = QCheckBox(self)
        self.no_date.setMinimumHeight(MIN_TARGET)
        self.no_date.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.no_date)
        layout.addStretch(1)
        self.problem_label = DateProblem(self.date_edit, self)
        outer.addWidget(self.problem_label)
        self.setFocusProxy(self.date_edit)
        self._quiet = False
        self.no_date.toggled.connect(self._on_toggled)
        self.date_edit.date_chosen.connect(self._on_date)
        self.date_edit.date_cleared.connect(self._on_cleared)
        translations(self).call(self.retranslate)
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
            if value is not None:
                self.date_edit.setDate(QDate(value.year, value.month, value.day))
            self.date_edit.set_empty(value is None)
            self.problem_label.show_problem("")
        finally:
            self._quiet = False

    def _on_toggled(self, checked: bool) -> None:
        if not self._quiet:
            self.date_edit.set_empty(checked)
            self.problem_label.show_problem("")
        self._emit()

    def _on_date(self, _date: QDate) -> None:
        if self.no_date.isChecked():
            self._quiet = True
            try:
                self.no_date.setChecked(False)
            finally:
                self._quiet = False
        self._emit()

    def _on_cleared(self) -> None:
        if not self.no_date.isChecked():
            self._quiet = True
            try:
                self.no_date.setChecked(True)
            finally:
                self._quiet = False
            self._emit()

    def _emit(self, *_args) -> None:
        if not self._quiet:
            self.date_changed.emit(self.date())
