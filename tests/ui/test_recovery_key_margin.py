"""The new recovery key, in its box (the focus ring it has when the
screen comes up), has an inner margin like every other box: its first
letter does not touch the box's left edge, and nothing moves when the
focus comes and goes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from conftest import PASSPHRASE


def _dark(color: QColor) -> bool:
    return color.lightness() < 110


def _first_ink(image, y: int, start: int) -> int:
    """The first dark (text) pixel on row ``y`` from ``start``."""
    return next(x for x in range(start, image.width()) if _dark(image.pixelColor(x, y)))


def _ring_inner_edge(image, y: int, ring: QColor) -> int:
    """Just inside the focus ring's left side on row ``y``."""
    near = [x for x in range(image.width() // 4)
            if abs(image.pixelColor(x, y).hue() - ring.hue()) < 12
            and image.pixelColor(x, y).saturation() > 100]
    assert near, "no focus ring on the key's box"
    return max(x for x in near if x < near[0] + 4) + 1


def _key_screen(qtbot, make_window):
    window = make_window()
    window.resize(1100, 700)
    flow = window.start
    qtbot.mouseClick(flow.welcome.start_button, Qt.MouseButton.LeftButton)
    create = flow.create
    qtbot.keyClicks(create.name_edit, "Sam")
    qtbot.keyClicks(create.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(create.repeat_edit, PASSPHRASE)
    qtbot.keyClick(create.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.recovery_key, timeout=20_000)
    return window, flow.recovery_key


def test_the_recovery_key_keeps_a_margin_inside_its_box(qtbot, make_window) -> None:
    window, screen = _key_screen(qtbot, make_window)
    label = screen.key_label
    qtbot.waitUntil(label.hasFocus)     # the screen comes up with the key in its box
    QApplication.processEvents()
    focused = label.geometry()
    image = label.grab().toImage()
    y = label.fontMetrics().height() // 2 + label.contentsRect().top()
    ring = label.palette().color(QPalette.ColorRole.Highlight)
    edge = _ring_inner_edge(image, y, ring)
    gap = _first_ink(image, y, edge) - edge
    # As much room as a text box leaves between its border and its words (at least 4 px).
    assert gap >= 4, gap
    # The words start a text box's border and padding (6 px) inside the label, ring or not.
    assert label.contentsRect().left() >= 6, label.contentsRect()
    # Focus away: the key stays where it was.
    screen.check_edit.setFocus()
    qtbot.waitUntil(lambda: not label.hasFocus())
    QApplication.processEvents()
    assert label.geometry() == focused
    assert label.contentsRect().left() >= 6, label.contentsRect()
