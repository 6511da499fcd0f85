"""The "Added together with" note under a record."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...plans.labels import attribution
from ...plans.model import Record
from ..widgets.translated import translations


class TogetherNote(QLabel):
    """ "Added together with Sam", or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("togetherNote")
        self._record: Record | None = None
        self.hide()
        translations(self).call(self.retranslate)

    def show_for(self, record: Record | None) -> None:
        self._record = record
        self.retranslate()

    def retranslate(self) -> None:
        text = attribution(self._record)
        self.setText(text)
        self.setVisible(bool(text))
