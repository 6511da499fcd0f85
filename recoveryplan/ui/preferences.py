"""Preferences: how soon my plan locks itself, the app's language and text size."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QSpinBox, QVBoxLayout, QWidget,
)

from .. import i18n
from ..i18n import _, ngettext
from .settings import IDLE_LOCK_MINUTES, TEXT_STEPS, Settings
from .widgets.kit import tall, text_label


def available_languages() -> list[tuple[str, str]]:
    """(code, name in that language) for every language whose catalogue loads."""
    out = []
    for code, name in i18n.LANGUAGES.items():
        try:
            i18n.load_translations(code)
        except i18n.CatalogueMissing:
            continue
        out.append((code, name))
    return out


class PreferencesDialog(QDialog):
    """Changes are applied by the window when the dialog is accepted:
    ``minutes()`` and ``language()`` say what was chosen."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(_("Preferences"))
        self.minutes_spin = tall(QSpinBox())
        self.minutes_spin.setObjectName("idleMinutesSpin")
        self.minutes_spin.setRange(IDLE_LOCK_MINUTES.minimum, IDLE_LOCK_MINUTES.maximum)
        self.minutes_spin.setValue(settings.idle_lock_minutes)
        self._show_minutes_suffix()
        self.minutes_spin.valueChanged.connect(self._show_minutes_suffix)
        self.language_combo = tall(QComboBox())
        self.language_combo.setObjectName("languageCombo")
        current = i18n.current_language()
        for code, name in available_languages():
            self.language_combo.addItem(name, code)
            if code == current:
                self.language_combo.setCurrentIndex(self.language_combo.count() - 1)
        self.text_size_combo = tall(QComboBox())
        self.text_size_combo.setObjectName("textSizeCombo")
        for percent in TEXT_STEPS:
            # Translators: a text size in Preferences, e.g. "125 %"; keep {percent}.
            self.text_size_combo.addItem(_("{percent} %").format(
                percent=i18n.format_number(percent)), percent)
            if percent == settings.text_scale:
                self.text_size_combo.setCurrentIndex(self.text_size_combo.count() - 1)

        layout = QVBoxLayout(self)
        rows = (
            (_("Lock my plan when I haven't used it for"), self.minutes_spin,
             _("Locking keeps your plan private if you walk away. Anything you typed is "
               "saved first.")),
            (_("Language"), self.language_combo,
             _("Dates and numbers follow the language too.")),
            (_("Text size"), self.text_size_combo,
             _("Makes all the words on screen bigger or smaller. Ctrl and + or - do it too.")),
        )
        for text, field, hint in rows:
            label = text_label(text)
            label.setBuddy(field)
            field.setAccessibleName(text)
            layout.addWidget(label)
            layout.addWidget(field)
            layout.addWidget(text_label(hint))
        self.together_check = tall(QCheckBox(_("Ask for my passphrase to end planning together")))
        self.together_check.setObjectName("togetherPassphraseCheck")
        self.together_check.setAccessibleName(self.together_check.text())
        self.together_check.setChecked(settings.together_asks_passphrase)
        layout.addWidget(self.together_check)
        layout.addWidget(text_label(_(
            "Then only I can bring back what is just for me, not whoever has the keyboard.")))
        buttons = QDialogButtonBox()
        ok = tall(buttons.addButton(_("OK"), QDialogButtonBox.ButtonRole.AcceptRole))
        ok.setObjectName("preferencesOkButton")
        tall(buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 55, self.sizeHint().height())

    def _show_minutes_suffix(self, *_args) -> None:
        minutes = self.minutes_spin.value()
        # Translators: after a number in a spin box, e.g. "5 minutes"; keep the leading space.
        self.minutes_spin.setSuffix(ngettext(" minute", " minutes", minutes))

    def minutes(self) -> int:
        return self.minutes_spin.value()

    def together_asks_passphrase(self) -> bool:
        return self.together_check.isChecked()

    def text_scale(self) -> int:
        return int(self.text_size_combo.currentData())

    def language(self) -> str:
        return str(self.language_combo.currentData())
