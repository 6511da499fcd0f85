"""The column every start screen (welcome, create, key, unlock) is built on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ..widgets.kit import heading_label
from ..widgets.scrolling import scrolling
from ..widgets.translated import translations

#: Widest the text column grows, in average characters, so lines stay readable.
_COLUMN_CHARS = 70


class Screen(QWidget):
    """A scrolling, centred column with a heading; text set in ``retranslate``.

    Subclasses add rows with ``self.column.addWidget`` and set their words in
    ``retranslate``, which runs on construction and on every language change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget()
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        scroll = scrolling(body, self)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.column = QVBoxLayout(body)
        self.column.setSpacing(12)
        self.heading = heading_label()
        self.column.addWidget(self.heading)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._body = body

    def finish_layout(self) -> None:
        self.column.addStretch(1)
        self._limit_width()
        translations(self).call(self.retranslate)

    def _limit_width(self) -> None:
        width = self.fontMetrics().averageCharWidth() * _COLUMN_CHARS
        margin = 24
        self.column.setContentsMargins(margin, margin, margin, margin)
        self._body.setMaximumWidth(width + 2 * margin)

    def retranslate(self) -> None:  # pragma: no cover - every screen overrides
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FontChange:
            self._limit_width()
        super().changeEvent(event)

    def first_focus(self) -> QWidget | None:
        """The control that gets the keyboard when the screen is shown."""
        return None
