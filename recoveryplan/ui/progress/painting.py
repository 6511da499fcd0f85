"""The check-in chart's paint: what was laid out (``_Layout``, in pixels,
rebuilt only when the size, font or data change) and the strokes that draw
it in palette colours. A paint only strokes what was laid out."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QTransform

from ...plans.progress import SCORES
from .marks import LINE_STYLES, MILESTONE_MARKERS, line_colour, marker_path


@dataclass
class _Layout:
    """Everything a paint needs, in pixels; rebuilt only when needed."""

    plot: QRectF
    line_height: float
    pen_width: float
    marker: float
    legend: list[tuple[QRectF, str, str]] = field(default_factory=list)  # sample, kind, text
    legend_labels: list[QRectF] = field(default_factory=list)            # one per legend item
    y_labels: list[tuple[QRectF, str]] = field(default_factory=list)
    x_labels: list[tuple[QRectF, str]] = field(default_factory=list)
    x_grid: list[float] = field(default_factory=list)
    paths: dict[str, QPainterPath] = field(default_factory=dict)
    markers: dict[str, QPainterPath] = field(default_factory=dict)
    milestones: list[tuple[float, str]] = field(default_factory=list)        # x, kind
    milestone_labels: list[tuple[QRectF, str]] = field(default_factory=list)
    band: QRectF | None = None
    empty: str = ""
    #: Text beside a mark (legend, milestones) starts on this side of its box.
    text_side: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft

    def mirror(self, width: float) -> None:
        """Flip everything left to right within ``width`` pixels."""
        def rect(r: QRectF) -> QRectF:
            return QRectF(width - r.right(), r.top(), r.width(), r.height())

        flip = QTransform(-1, 0, 0, 1, width, 0)
        self.plot = rect(self.plot)
        self.legend = [(rect(r), kind, text) for r, kind, text in self.legend]
        self.legend_labels = [rect(r) for r in self.legend_labels]
        self.y_labels = [(rect(r), text) for r, text in self.y_labels]
        self.x_labels = [(rect(r), text) for r, text in self.x_labels]
        self.x_grid = [width - x for x in self.x_grid]
        self.paths = {key: flip.map(path) for key, path in self.paths.items()}
        self.markers = {key: flip.map(path) for key, path in self.markers.items()}
        self.milestones = [(width - x, kind) for x, kind in self.milestones]
        self.milestone_labels = [(rect(r), text) for r, text in self.milestone_labels]
        if self.band is not None:
            self.band = rect(self.band)
        self.text_side = Qt.AlignmentFlag.AlignRight


class ChartPainting:
    """The painting half of ``CheckInChart``: strokes ``self._layout``,
    built by the widget's ``_build_layout`` when it is missing."""

    def paintEvent(self, _event) -> None:
        if self._layout is None:
            self._layout = self._build_layout()
        lay = self._layout
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.Text)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        grid = QColor(text_colour)
        grid.setAlphaF(0.18)
        painter.setPen(QPen(grid, 1))
        for _rect, text in lay.y_labels:
            y = _rect.center().y()
            painter.drawLine(QPointF(lay.plot.left(), y), QPointF(lay.plot.right(), y))
        for x in lay.x_grid:
            painter.drawLine(QPointF(x, lay.plot.top()), QPointF(x, lay.plot.bottom()))
        painter.setPen(QPen(text_colour, 1))
        painter.drawRect(lay.plot)
        for rect, text in lay.y_labels + lay.x_labels:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        self._paint_milestones(painter, lay, text_colour)
        for key in SCORES:
            colour = line_colour(key, pal)
            painter.setPen(self._line_pen(key, colour, lay.pen_width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(lay.paths[key])
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1))
            painter.setBrush(colour)
            painter.drawPath(lay.markers[key])
        self._paint_legend(painter, lay, pal)
        if lay.empty:
            painter.setPen(text_colour)
            painter.drawText(lay.plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, lay.empty)
        if self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.SolidLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    @staticmethod
    def _line_pen(key: str, colour: QColor, width: float) -> QPen:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        dashes = LINE_STYLES[key][0]
        if dashes:
            pen.setDashPattern(list(dashes))
        return pen

    def _paint_milestones(self, painter: QPainter, lay: _Layout, text_colour: QColor) -> None:
        if lay.band is None:
            return
        faint = QColor(text_colour)
        faint.setAlphaF(0.55)
        painter.setPen(QPen(faint, 1, Qt.PenStyle.DotLine))
        for x, _kind in lay.milestones:
            painter.drawLine(QPointF(x, lay.band.bottom()), QPointF(x, lay.plot.bottom()))
        painter.setPen(QPen(text_colour, 1))
        painter.setBrush(text_colour)
        y = lay.band.center().y()
        for x, kind in lay.milestones:
            painter.drawPath(marker_path(MILESTONE_MARKERS[kind], QPointF(x, y), lay.marker))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        flags = (Qt.AlignmentFlag.AlignAbsolute | lay.text_side | Qt.AlignmentFlag.AlignVCenter
                 | Qt.TextFlag.TextDontClip)
        for rect, text in lay.milestone_labels:
            painter.drawText(rect, flags, text)

    def _paint_legend(self, painter: QPainter, lay: _Layout, pal: QPalette) -> None:
        text_colour = pal.color(QPalette.ColorRole.Text)
        flags = (Qt.AlignmentFlag.AlignAbsolute | lay.text_side | Qt.AlignmentFlag.AlignVCenter
                 | Qt.TextFlag.TextDontClip)
        for (rect, kind, text), label in zip(lay.legend, lay.legend_labels):
            centre = rect.center()
            if kind in LINE_STYLES:
                colour = line_colour(kind, pal)
                painter.setPen(self._line_pen(kind, colour, lay.pen_width))
                painter.drawLine(QPointF(rect.left(), centre.y()), QPointF(rect.right(), centre.y()))
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1))
                painter.setBrush(colour)
                painter.drawPath(marker_path(LINE_STYLES[kind][1], centre, lay.marker))
            else:
                painter.setPen(QPen(text_colour, 1))
                painter.setBrush(text_colour)
                painter.drawPath(marker_path(MILESTONE_MARKERS[kind], centre, lay.marker))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(text_colour)
            painter.drawText(label, flags, text)
