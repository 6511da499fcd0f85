"""How hard a passphrase is to guess, as a bar and plain words."""

from __future__ import annotations

from ...i18n import _
from ..widgets.kit import text_label


class StrengthMeter:
    """How hard a passphrase is to guess, as a bar and plain words (the
    create screen and the change-passphrase dialog share it). The bar and
    the label are laid out by the owner; ``show`` updates both."""

    def __init__(self, object_name: str) -> None:
        from PySide6.QtWidgets import QProgressBar

        self.bar = QProgressBar()
        self.bar.setObjectName(f"{object_name}Bar")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.label = text_label()
        self.label.setObjectName(f"{object_name}Label")

    def show(self, passphrase: str, user_inputs: list[str]):
        """Assess ``passphrase`` and show the verdict; returns the Strength."""
        from ...plans.passphrase import assess

        strength = assess(passphrase, [word for word in user_inputs if word])
        self.bar.setValue(strength.level if passphrase else 0)
        words = _("How strong it is: {summary}.").format(summary=strength.summary)
        if strength.advice and passphrase:
            words = _("{verdict} {advice}").format(verdict=words, advice=strength.advice)
        self.label.setText(words)
        self.label.setAccessibleName(words)
        return strength
