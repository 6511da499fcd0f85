"""Scrolling the page never changes a value by accident.

A combo box, spin box, slider or date box under the mouse takes the wheel
for itself: someone scrolling down a page would change a goal's life area,
a check-in or a date without noticing, and Qt would even give the box the
keyboard focus first. So every such box:

- takes focus only from a click or Tab (``Qt.StrongFocus``, set when the
  box is polished, before it can see a wheel), never from the wheel; and
- never takes the wheel at all, focused or not: the guard filters the wheel
  out and leaves it unaccepted, so Qt passes it on to the parents and the
  page scrolls. Values change by click, typing or the arrow keys.

Scroll bars are sliders too; they keep the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox,
                               QScrollBar, QWidget)

from . import app_events

_GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def guarded(widget: QObject) -> QWidget | None:
    """The value box ``widget`` is or belongs to (a spin box's line edit
    belongs to its spin box), or None."""
    while isinstance(widget, QWidget):
        if isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar):
            return widget
        if widget.isWindow():
            return None
        parent = widget.parentWidget()
        # Only the inner parts of a box (a spin box's line edit, a combo box's
        # edit), not whatever sits inside a page.
        if not isinstance(parent, _GUARDED):
            return None
        widget = parent
    return None


def _steady(widget: QWidget) -> None:
    if widget.focusPolicy() & Qt.FocusPolicy.WheelFocus == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WheelGuard(QObject):
    """Sees every event of the application (``app_events``) once ``install()``ed."""

    EVENTS = frozenset({QEvent.Type.Polish, QEvent.Type.Wheel})

    def install(self, app: QApplication) -> None:
        app_events.join(self, app)
        if app_events.held(app):
            return              # caught up with every window on release
        for widget in app.allWidgets():
            box = guarded(widget)
            if box is not None:
                _steady(box)
                _steady(widget)

    def caught_up(self, root: QObject) -> None:
        """``root`` and what is in it were built while this guard was set
        aside (``app_events.set_aside``): steady its boxes now."""
        if not isinstance(root, QWidget):
            return
        for widget in (root, *root.findChildren(QWidget)):
            box = guarded(widget)
            if box is not None:
                _steady(box)
                _steady(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Polish:
            box = guarded(watched)
            if box is not None:
                _steady(box)
                _steady(watched)
            return False
        if kind == QEvent.Type.Wheel and guarded(watched) is not None:
            # Not accepted and filtered out: Qt passes the wheel on to the
            # parent widgets, so the page scrolls.
            event.ignore()
            return True
        return False
