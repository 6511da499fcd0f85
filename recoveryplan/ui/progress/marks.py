"""How the check-in chart tells its lines and milestones apart: a dash
pattern, a marker shape and a palette colour for each line (so they can be
told apart without colour too), a shape for each kind of milestone, and the
contrast check that keeps every line readable on the chart's background."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainterPath, QPalette, QPolygonF

#: Dash pattern (in pen widths; empty: solid) and marker of each line.
LINE_STYLES = {
    "hope": ((), "circle"),
    "control": ((5.0, 2.5), "square"),
    "beyond": ((1.0, 2.0), "triangle"),
}
#: Palette role of each line's colour.
LINE_ROLES = {
    "hope": QPalette.ColorRole.Highlight,
    "control": QPalette.ColorRole.WindowText,
    "beyond": QPalette.ColorRole.Link,
}
MILESTONE_MARKERS = {"review": "diamond", "goal": "star"}


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def line_colour(key: str, palette: QPalette) -> QColor:
    """Each line's colour, from the palette (light, dark or high contrast).

    The third line takes the highlight's colour turned round the colour
    wheel, so no two lines share a colour even where the palette's link and
    highlight are both blue; it is darkened or lightened until it stands out
    against the chart's background (3:1), as the palette's own colours do."""
    colour = QColor(palette.color(LINE_ROLES[key]))
    if key != "beyond":
        return colour
    highlight = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    link_hue, highlight_hue = colour.hslHueF(), highlight.hslHueF()
    apart = abs(link_hue - highlight_hue) if link_hue >= 0 and highlight_hue >= 0 else 0.0
    if min(apart, 1 - apart) >= 1 / 6 and contrast(colour, base) >= 3:
        return colour
    hue = (highlight_hue if highlight_hue >= 0 else 0.6) + 5 / 12   # 150° round
    turned = QColor.fromHslF(hue % 1.0, max(0.6, highlight.hslSaturationF()), 0.5)
    darker = _luminance(base) > 0.5
    for _step in range(20):
        if contrast(turned, base) >= 3:
            break
        lightness = turned.lightnessF() + (-0.04 if darker else 0.04)
        turned = QColor.fromHslF(turned.hslHueF(), turned.hslSaturationF(),
                                 min(1.0, max(0.0, lightness)))
    return turned


def marker_path(shape: str, centre: QPointF, size: float) -> QPainterPath:
    """A closed marker of ``shape`` about ``size`` pixels across."""
    path = QPainterPath()
    r = size / 2
    x, y = centre.x(), centre.y()
    if shape == "circle":
        path.addEllipse(centre, r, r)
    elif shape == "square":
        path.addRect(QRectF(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(x, y - r * 1.1), QPointF(x + r * 1.1, y + r * 0.8),
                                   QPointF(x - r * 1.1, y + r * 0.8)]))
        path.closeSubpath()
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(x, y - r * 1.2), QPointF(x + r, y), QPointF(x, y + r * 1.2),
                                   QPointF(x - r, y)]))
        path.closeSubpath()
    else:  # star
        corners = []
        for i in range(10):
            angle = -math.pi / 2 + i * math.pi / 5
            radius = r * 1.25 if i % 2 == 0 else r * 0.55
            corners.append(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
        path.addPolygon(QPolygonF(corners))
        path.closeSubpath()
    return path
