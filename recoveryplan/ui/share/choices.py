"""What goes into a PDF: the choices beside the preview.

``ExportChoices`` turns the person's choices into ``PdfOptions`` and says
``changed`` whenever one of them changes. Including "just for me" entries
is off by default and switching it on is confirmed first (the dialog asks
once more before anything is saved or printed).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QLabel, QListWidget, QListWidgetItem, QRadioButton,
    QVBoxLayout, QWidget,
)

from ... import i18n
from ...export.options import Layout, PdfOptions
from ...i18n import N_, _
from ...plans.progress import Period
from ...plans.sections import SECTIONS
from ..widgets.kit import heading_label, text_label
from ..widgets.controls import MIN_TARGET
from ..widgets.translated import translations

#: Each layout's name on screen and one plain sentence about it.
LAYOUTS: tuple[tuple[Layout, str, str], ...] = (
    (Layout.PLAN, N_("My plan"),
     N_("Every part of my plan that has writing in it, in my own words, with a cover page.")),
    (Layout.CRISIS, N_("My crisis and safety plan"),
     N_("One or two pages for when things are hard: warning signs, what helps and who to call.")),
    (Layout.APPOINTMENT, N_("For my appointment"),
     N_("My goals, my recent check-ins, my warning signs and what I want to talk about.")),
    (Layout.CARD, N_("Pocket card"),
     N_("A small card to cut out and fold, with my key contacts and three things that help.")),
    (Layout.WISHES, N_("My wishes about care"),
     N_("My wishes about care and treatment, as a statement to give my team, with space "
        "to sign.")),
)

#: The sections each layout can print (the others have fixed parts).
LAYOUT_SECTIONS: dict[Layout, tuple[str, ...]] = {
    Layout.PLAN: tuple(spec.key for spec in SECTIONS),
    Layout.CRISIS: ("warning_signs", "hard_times", "my_people"),
    Layout.APPOINTMENT: ("goals", "checkins", "warning_signs", "appointments"),
    Layout.CARD: ("my_people", "hard_times", "keeping_well"),
    Layout.WISHES: ("hard_times", "warning_signs"),
}

#: Check-in periods the appointment layout offers.
PERIODS: tuple[tuple[Period, str], ...] = (
    (Period.MONTH, N_("The last month")),
    (Period.QUARTER, N_("The last three months")),
    (Period.YEAR, N_("The last year")),
)


#: Most rows the list of sections shows before it scrolls.
SECTION_ROWS = 8


class ConfirmedCheckBox(QCheckBox):
    """A check box that asks ``confirm()`` before the person ticks it;
    unticking needs no question."""

    def __init__(self, confirm: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._confirm = confirm

    def nextCheckState(self) -> None:  # noqa: N802 - Qt API
        if self.isChecked() or self._confirm():
            super().nextCheckState()


def _labelled(label: QLabel, field: QWidget) -> QWidget:
    """A label above its field; the label is the field's buddy (its name)."""
    label.setBuddy(field)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    layout.addWidget(field)
    return box


class ExportChoices(QWidget):
    """Layout, language, print size, sections, "just for me" and extras."""

    changed = Signal()

    def __init__(self, confirm_private: Callable[[], bool], has_review: bool,
                 language: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportChoices")
        self._has_review = has_review
        layout = QVBoxLayout(self)

        self.layout_heading = heading_label(2)
        layout.addWidget(self.layout_heading)
        self.layout_group = QButtonGroup(self)
        self.layout_buttons: dict[Layout, QRadioButton] = {}
        self._layout_notes: dict[Layout, QLabel] = {}
        for index, (kind, _name, _note) in enumerate(LAYOUTS):
            button = QRadioButton()
            button.setObjectName(f"layout-{kind.value}")
            button.setMinimumHeight(MIN_TARGET)
            note = text_label()
            note.setContentsMargins(24, 0, 0, 6)
            self.layout_group.addButton(button, index)
            self.layout_buttons[kind] = button
            self._layout_notes[kind] = note
            layout.addWidget(button)
            layout.addWidget(note)
        self.layout_buttons[Layout.PLAN].setChecked(True)
        self.layout_group.idToggled.connect(self._layout_toggled)

        self.options_heading = heading_label(2)
        layout.addWidget(self.options_heading)
        self.language_box = QComboBox()
        self.language_box.setObjectName("pdfLanguage")
        self.language_box.setMinimumHeight(MIN_TARGET)
        languages = dict(i18n.LANGUAGES)
        chosen = language or i18n.current_language()
        if chosen not in languages:
            languages[chosen] = chosen      # the pseudo-locale, when testing layouts
        for code, name in languages.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(chosen))
        self.language_label = QLabel()
        layout.addWidget(_labelled(self.language_label, self.language_box))

        self.large_print = QCheckBox()
        self.large_print.setObjectName("pdfLargePrint")
        self.since_review = QCheckBox()
        self.since_review.setObjectName("pdfSinceReview")
        self.private_check = ConfirmedCheckBox(confirm_private)
        self.private_check.setObjectName("pdfIncludePrivate")
        for box in (self.large_print, self.since_review, self.private_check):
            box.setMinimumHeight(MIN_TARGET)
        layout.addWidget(self.large_print)
        layout.addWidget(self.private_check)
        self.private_note = text_label()
        self.private_note.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.private_note)
        layout.addWidget(self.since_review)

        self.period_box = QComboBox()
        self.period_box.setObjectName("pdfCheckinPeriod")
        self.period_box.setMinimumHeight(MIN_TARGET)
        for period, _label in PERIODS:
            self.period_box.addItem("", period.days)
        self.period_box.setCurrentIndex(self.period_box.findData(Period.QUARTER.days))
        self.period_label = QLabel()
        self.period_row = _labelled(self.period_label, self.period_box)
        layout.addWidget(self.period_row)

        self.sections_list = QListWidget()
        self.sections_list.setObjectName("pdfSections")
        for spec in SECTIONS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections_list.addItem(item)
        self.sections_label = QLabel()
        layout.addWidget(_labelled(self.sections_label, self.sections_list))
        layout.addStretch(1)

        self.language_box.currentIndexChanged.connect(self.changed)
        self.period_box.currentIndexChanged.connect(self.changed)
        self.large_print.toggled.connect(self.changed)
        self.since_review.toggled.connect(self.changed)
        self.sections_list.itemChanged.connect(self.changed)
        self.private_check.toggled.connect(self.changed)
        translations(self).call(self.retranslate)
        self._show_layout_parts()

    # -- the choices ----------------------------------------------------------------
    def layout_kind(self) -> Layout:
        return LAYOUTS[self.layout_group.checkedId()][0]

    def set_layout(self, kind: Layout) -> None:
        self.layout_buttons[kind].setChecked(True)

    def _section_items(self):
        return (self.sections_list.item(row) for row in range(self.sections_list.count()))

    def set_section_checked(self, key: str, checked: bool) -> None:
        for item in self._section_items():
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def options(self) -> PdfOptions:
        kind = self.layout_kind()
        chosen = tuple(item.data(Qt.ItemDataRole.UserRole) for item in self._section_items()
                       if item.checkState() == Qt.CheckState.Checked)
        return PdfOptions(
            layout=kind,
            language=self.language_box.currentData(),
            large_print=self.large_print.isChecked(),
            sections=None if len(chosen) == len(SECTIONS) else chosen,
            include_private=self.private_check.isChecked(),
            checkin_days=self.period_box.currentData(),
            since_last_review=(kind is Layout.PLAN and self._has_review
                               and self.since_review.isChecked()),
        )

    def allow_private(self, allowed: bool, reason: str = "") -> None:
        """While planning together, "just for me" entries cannot be included."""
        if not allowed and self.private_check.isChecked():
            self.private_check.setChecked(False)
        self.private_check.setEnabled(allowed)
        self.private_check.setToolTip(reason)

    # -- reacting ---------------------------------------------------------------------
    def _layout_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._show_layout_parts()
            self.changed.emit()

    def _show_layout_parts(self) -> None:
        kind = self.layout_kind()
        shown = LAYOUT_SECTIONS[kind]
        for row, item in enumerate(self._section_items()):
            self.sections_list.setRowHidden(row, item.data(Qt.ItemDataRole.UserRole) not in shown)
        self.since_review.setVisible(kind is Layout.PLAN and self._has_review)
        self.period_row.setVisible(kind is Layout.APPOINTMENT)
        self._fit_sections()

    def _fit_sections(self) -> None:
        """Tall enough for the layout's sections (up to ``SECTION_ROWS``), no taller."""
        rows = len(LAYOUT_SECTIONS[self.layout_kind()])
        row_height = max(self.sections_list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        frame = 2 * self.sections_list.frameWidth() + 4
        self.sections_list.setFixedHeight(min(rows, SECTION_ROWS) * row_height + frame)

    # -- words ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.layout_heading.setText(_("What to share"))
        for kind, name, note in LAYOUTS:
            button = self.layout_buttons[kind]
            button.setText(_(name))
            button.setAccessibleName(_(name))
            button.setAccessibleDescription(_(note))
            self._layout_notes[kind].setText(_(note))
        self.options_heading.setText(_("How it looks"))
        self.language_label.setText(_("&Language of the PDF"))
        self.language_box.setAccessibleName(_("Language of the PDF"))
        self.large_print.setText(_("Large &print"))
        self.large_print.setAccessibleName(_("Large print"))
        self.since_review.setText(_("Begin with what changed since my last &review"))
        self.since_review.setAccessibleName(_("Begin with what changed since my last review"))
        # Translators: label before a choice such as "the last three months"; & marks the shortcut key.
        self.period_label.setText(_("Check-ins &from"))
        self.period_box.setAccessibleName(_("Check-ins from"))
        for index, (_period, label) in enumerate(PERIODS):
            self.period_box.setItemText(index, _(label))
        self.sections_label.setText(_("Parts of my plan to &include"))
        self.sections_list.setAccessibleName(_("Parts of my plan to include"))
        self.sections_list.setAccessibleDescription(
            _("Press Space to tick or untick a part."))
        for item, spec in zip(self._section_items(), SECTIONS):
            item.setText(_(spec.title))
        self.private_check.setText(_("Include what is \u201cjust for me\u201d"))
        self.private_check.setAccessibleName(_("Include what is just for me"))
        self.private_note.setText(_("Off unless I choose it. Anyone who sees the pages can "
                                    "read what I marked \u201cjust for me\u201d."))
        self.private_check.setAccessibleDescription(self.private_note.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FontChange:
            self._fit_sections()
        super().changeEvent(event)
