"""Small icons drawn from the palette, so they follow dark mode and high
contrast and need no image files."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication


def lock_pixmap(size: int, color: QColor) -> QPixmap:
    """A padlock glyph ``size`` pixels square."""
    ratio = QApplication.instance().devicePixelRatio() if QApplication.instance() else 1.0
    return _drawn_lock(size, color.rgba(), ratio)


@functools.lru_cache(maxsize=32)
def _drawn_lock(size: int, rgba: int, ratio: float) -> QPixmap:
    """Drawn once for each size, colour and pixel ratio (a list draws one on
    each "just for me" row every time it is painted)."""
    color = QColor.fromRgba(rgba)
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    pen = QPen(color, max(1.5, s / 9))
    painter.setPen(pen)
    shackle = QPainterPath()
    shackle.moveTo(s * 0.3, s * 0.48)
    shackle.lineTo(s * 0.3, s * 0.32)
    shackle.arcTo(QRectF(s * 0.3, s * 0.1, s * 0.4, s * 0.44), 180, -180)
    shackle.lineTo(s * 0.7, s * 0.48)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(s * 0.18, s * 0.46, s * 0.64, s * 0.46), s * 0.08, s * 0.08)
    painter.end()
    return pixmap


def lock_icon(palette: QPalette | None = None, size: int = 32) -> QIcon:
    palette = palette or QApplication.palette()
    icon = QIcon()
    icon.addPixmap(lock_pixmap(size, palette.color(QPalette.ColorRole.Text)), QIcon.Mode.Normal)
    icon.addPixmap(lock_pixmap(size, palette.color(QPalette.ColorRole.HighlightedText)),
                   QIcon.Mode.Selected)
    return icon
