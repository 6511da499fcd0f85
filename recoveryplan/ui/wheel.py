"""Scrolling the page never changes a value by accident.

A combo box, spin box or date box under the mouse takes the wheel for
itself: someone scrolling down a page would change a goal's life area or a
date without noticing. Until such a box has the keyboard focus (clicked or
tabbed to), the wheel scrolls the page instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    """An application event filter; install once with ``install()``."""

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.Wheel
                and isinstance(watched, (QComboBox, QAbstractSpinBox))
                and not watched.hasFocus()):
            # Not accepted and filtered out: Qt passes the wheel on to the
            # parent widgets, so the page scrolls.
            event.ignore()
            return True
        return False
