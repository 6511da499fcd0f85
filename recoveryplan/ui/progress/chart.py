"""The check-in chart: three lines over time on a 0 to 10 scale.

Drawn with ``QPainter`` in palette colours, so dark mode and high contrast
decide how it looks, and sized from the font, so it grows with large text.
The lines also differ by dash pattern and marker shape, so they can be
told apart without colour. Reviews and goals achieved are marked on the
time line.

Speed: the points are grouped (day, week, month... means) when there are
more than the plot has room for, each grouping is computed once per data
change, and the drawing (paths, ticks, labels) is laid out once per size,
font or data change; a paint only strokes what was laid out.

Right to left: the drawing is laid out left to right and then mirrored,
so time runs from right to left, the scale stands on the right and the
legend reads from the right. Text is placed with absolute alignment (Qt
would mirror a plain ``AlignLeft`` a second time). The data, ``series()``,
is the same in both directions.

This module holds the widget (data, grouping and layout); the lines' and
milestones' marks and colours are in ``marks``, the time axis's ticks in
``axes`` and the paint in ``painting``.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_skeleton
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPainterPath
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...i18n import _, babel_locale, format_number, isolate
from ...plans.model import CheckIn
from ...plans.progress import (SCORES, ChartPoint, Grouping, Milestone, chart_points,
                               first_weekday, group_counts, grouping_for, score_label)
from .axes import time_ticks
from .marks import LINE_STYLES, marker_path
from .painting import ChartPainting, _Layout

#: Points closer than this (pixels) are grouped into day, week or month means.
MIN_POINT_GAP = 4


class CheckInChart(ChartPainting, QWidget):
    """A line chart of check-ins over a span of days, with milestones."""

    #: The grouping and so the points drawn changed (the table follows).
    points_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinChart")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, so it is read out
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._checkins: list[CheckIn] = []
        self._span = (dt.date.today(), dt.date.today())
        self._milestones: list[Milestone] = []
        self._empty_text = ""
        self._weekday = 0
        self._cache: dict[Grouping, list[ChartPoint]] = {}
        self._counts = group_counts([])
        self._grouping = Grouping.NONE
        self._layout: _Layout | None = None

    # -- data -------------------------------------------------------------------------
    def set_data(self, checkins: list[CheckIn], span: tuple[dt.date, dt.date],
                 milestones: list[Milestone], empty_text: str = "") -> None:
        """Show ``checkins`` (oldest first) from ``span[0]`` to ``span[1]``."""
        self._checkins = checkins
        self._span = span
        self._milestones = [m for m in milestones if span[0] <= m.date <= span[1]]
        self._empty_text = empty_text
        self._weekday = first_weekday()
        self._cache.clear()
        self._counts = group_counts(checkins, self._weekday)
        self._regroup(force=True)

    def points(self) -> list[ChartPoint]:
        """The points drawn, oldest first."""
        points = self._cache.get(self._grouping)
        if points is None:
            points = self._cache[self._grouping] = chart_points(
                self._checkins, self._grouping, self._weekday)
        return points

    def series(self) -> dict[str, list[tuple[dt.datetime, float]]]:
        """Each line as drawn: ``{"hope": [(when, value), ...], ...}``."""
        points = self.points()
        return {key: [(p.at, p.value(key)) for p in points] for key in SCORES}

    def grouping(self) -> Grouping:
        return self._grouping

    def span(self) -> tuple[dt.date, dt.date]:
        return self._span

    def shown_milestones(self) -> list[Milestone]:
        return list(self._milestones)

    def x_for(self, moment: dt.datetime | dt.date) -> float:
        """Where ``moment`` is drawn across the widget (right to left in an
        RTL layout)."""
        x = self._x_of(self._plot_rect(), moment)
        return self.width() - x if self._mirrored() else x

    def _mirrored(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _regroup(self, force: bool = False) -> None:
        room = max(1, int(self._plot_rect().width() // MIN_POINT_GAP))
        grouping = grouping_for(self._counts, room)
        if force or grouping != self._grouping:
            self._grouping = grouping
            self._layout = None
            self.update()
            self.points_changed.emit()

    # -- geometry ---------------------------------------------------------------------
    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _legend_items(self) -> list[tuple[str, str]]:
        items = [(key, score_label(key)) for key in SCORES]
        kinds = {m.kind for m in self._milestones}
        if "review" in kinds:
            items.append(("review", _("Review")))
        if "goal" in kinds:
            items.append(("goal", _("Goal achieved")))
        return items

    def _legend_rows(self, width: float) -> list[list[tuple[float, str, str]]]:
        fm = self._metrics()
        gap = fm.height()
        rows: list[list[tuple[float, str, str]]] = [[]]
        x = 0.0
        for kind, text in self._legend_items():
            w = self._sample_width(kind) + fm.height() * 0.4 + fm.horizontalAdvance(text)
            if rows[-1] and x + w > width:
                rows.append([])
                x = 0.0
            rows[-1].append((x, kind, text))
            x += w + gap
        return rows

    def _sample_width(self, kind: str) -> float:
        """Width of a legend sample: a stretch of line, or one mark."""
        return self._metrics().height() * (3 if kind in LINE_STYLES else 1)

    def _plot_rect(self) -> QRectF:
        fm = self._metrics()
        line = fm.height()
        margin = line * 0.6
        left = margin + fm.horizontalAdvance(format_number(10)) + line * 0.5
        right = self.width() - margin - line * 0.5
        top = margin + len(self._legend_rows(self.width() - 2 * margin)) * line * 1.4 + line * 0.3
        if self._milestones:
            top += line * 1.6
        bottom = self.height() - margin - line * 1.6
        return QRectF(left, top, max(1.0, right - left), max(1.0, bottom - top))

    def _x_of(self, plot: QRectF, moment: dt.datetime | dt.date) -> float:
        start = dt.datetime.combine(self._span[0], dt.time())
        end = dt.datetime.combine(self._span[1] + dt.timedelta(days=1), dt.time())
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time(12))
        fraction = (moment - start) / (end - start)
        return plot.left() + min(1.0, max(0.0, fraction)) * plot.width()

    def _build_layout(self) -> _Layout:
        fm = self._metrics()
        line = fm.height()
        plot = self._plot_rect()
        margin = line * 0.6
        lay = _Layout(plot=plot, line_height=line, pen_width=max(1.5, line / 9), marker=max(6.0, line * 0.5))
        # legend
        for r, row in enumerate(self._legend_rows(self.width() - 2 * margin)):
            for x, kind, text in row:
                rect = QRectF(margin + x, margin + r * line * 1.4, self._sample_width(kind), line)
                lay.legend.append((rect, kind, text))
                lay.legend_labels.append(QRectF(rect.right() + line * 0.4, rect.top(),
                                                fm.horizontalAdvance(text), line))
        # value axis: 0 to 10
        for value in range(0, 11, 2):
            y = plot.bottom() - value / 10 * plot.height()
            text = format_number(value)
            w = fm.horizontalAdvance(text)
            lay.y_labels.append((QRectF(plot.left() - w - line * 0.4, y - line / 2, w, line), text))
        # time axis
        locale = babel_locale()
        sample = format_skeleton("yMMM", dt.date(2026, 12, 28), locale=locale)
        room = max(1, int(plot.width() // (fm.horizontalAdvance(sample) + line)))
        ticks, skeleton = time_ticks(self._span[0], self._span[1], room)
        last_right = -1e9
        for i, day in enumerate(ticks):
            x = self._x_of(plot, dt.datetime.combine(day, dt.time()))
            lay.x_grid.append(x)
            wanted = skeleton
            if skeleton == "MMM" and (i == 0 or day.month == 1):
                wanted = "yMMM"
            text = format_skeleton(wanted, day, locale=locale)
            w = fm.horizontalAdvance(text)
            left = min(max(x - w / 2, 0.0), self.width() - w)
            if left > last_right + line * 0.5:
                lay.x_labels.append((QRectF(left, plot.bottom() + line * 0.3, w, line), text))
                last_right = left + w
        # lines and markers
        points = self.points()
        if not points:
            lay.empty = self._empty_text
        stride = max(1, math.ceil(len(points) / max(1.0, plot.width() / (lay.marker * 4))))
        for key in SCORES:
            path, marks = QPainterPath(), QPainterPath()
            for i, p in enumerate(points):
                pos = QPointF(self._x_of(plot, p.at), plot.bottom() - p.value(key) / 10 * plot.height())
                if i == 0:
                    path.moveTo(pos)
                else:
                    path.lineTo(pos)
                if i % stride == 0 or i == len(points) - 1:
                    marks.addPath(marker_path(LINE_STYLES[key][1], pos, lay.marker))
            lay.paths[key], lay.markers[key] = path, marks
        # milestones: a mark on the time line and as many labels as fit
        if self._milestones:
            lay.band = QRectF(plot.left(), plot.top() - line * 1.5, plot.width(), line * 1.3)
            clusters = self._milestone_clusters(plot, lay.marker * 1.5)
            last_right = -1e9
            for i, (x, kind, text) in enumerate(clusters):
                lay.milestones.append((x, kind))
                left = x + lay.marker
                # a label stops short of the next mark, and is left out if too short to read
                next_x = clusters[i + 1][0] if i + 1 < len(clusters) else plot.right() + lay.marker
                space = min(next_x - lay.marker - left, line * 10)
                if left > last_right + line * 0.5 and space > line * 2.5:
                    text = fm.elidedText(text, Qt.TextElideMode.ElideRight, space)
                    w = fm.horizontalAdvance(text)
                    # a goal is the person's own words: ordered by its own letters
                    lay.milestone_labels.append((QRectF(left, lay.band.top(), w, line), isolate(text)))
                    last_right = left + w
        if self._mirrored():
            lay.mirror(self.width())
        return lay

    def _milestone_clusters(self, plot: QRectF, closer: float) -> list[tuple[float, str, str]]:
        """Milestones closer than ``closer`` pixels share one mark: (x, kind, label).
        A shared mark is a star when a goal is among them, and is labelled with a count."""
        groups: list[list[tuple[float, Milestone]]] = []
        for m in self._milestones:
            x = self._x_of(plot, m.date)
            if groups and x - groups[-1][0][0] < closer:
                groups[-1].append((x, m))
            else:
                groups.append([(x, m)])
        out = []
        for group in groups:
            x = sum(gx for gx, _m in group) / len(group)
            kinds = {m.kind for _x, m in group}
            if len(group) == 1:
                out.append((x, group[0][1].kind, group[0][1].label))
            else:
                out.append((x, "goal" if "goal" in kinds else "review",
                            format_number(len(group))))
        return out

    # -- Qt ---------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        line = self._metrics().height()
        return QSize(int(line * 36), int(line * 18))

    def minimumSizeHint(self) -> QSize:
        line = self._metrics().height()
        return QSize(int(line * 16), int(line * 14))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._layout = None
        self._regroup()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.LanguageChange,
                            QEvent.Type.LayoutDirectionChange):
            self._layout = None
            if event.type() == QEvent.Type.FontChange:
                self.updateGeometry()
                self._regroup()
            self.update()
        super().changeEvent(event)
