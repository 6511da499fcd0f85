"""The check-in chart: three lines over time on a 0 to 10 scale.

Drawn with ReportLab graphics so it is vector and embedded with the same
font. The lines differ by dash pattern and marker shape as well as colour,
so they stay apart on a black-and-white printer. The drawing holds only
numbers and dates; the legend and the axis title are paragraphs beside it,
so their words get the same shaping and direction as all other text.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from .. import i18n
from ..plans.model import CheckIn
from ..plans.progress import chart_points, group_counts, grouping_for
from .fonts import SANS

#: One look per check-in question: colour, dash pattern, marker.
LINE_LOOKS = {
    "hope": (colors.HexColor("#1b5e9e"), None, "FilledCircle"),
    "control": (colors.HexColor("#b34700"), (5, 2.5), "FilledSquare"),
    "beyond": (colors.HexColor("#2e7d32"), (1.2, 2), "FilledTriangle"),
}


def _day(value: dt.datetime) -> dt.date:
    return value.astimezone().date() if value.tzinfo else value.date()


def checkin_chart(checkins: list[CheckIn], width: float, height: float,
                  language: str, font_size: float) -> Drawing:
    """A line chart of ``checkins`` (oldest first, at least one)."""
    days = [_day(c.at) for c in checkins]
    first = days[0]
    span = max((days[-1] - first).days, 1)
    drawing = Drawing(width, height, initialFontName=SANS)
    plot = LinePlot()
    plot.x, plot.y = font_size * 2.6, font_size * 2.6
    plot.width = width - plot.x - font_size * 2
    plot.height = height - plot.y - font_size
    # the same points as the app's chart: means of days, weeks or months
    # when there are more check-ins than the line has room for
    points = chart_points(checkins, grouping_for(group_counts(checkins), max(1, int(plot.width // 3))))
    plot.data = [[(min(span, max(0, (p.at.date() - first).days)), p.value(key)) for p in points]
                 for key in LINE_LOOKS]
    for i, (colour, dash, marker) in enumerate(LINE_LOOKS.values()):
        line = plot.lines[i]
        line.strokeColor = colour
        line.strokeWidth = 1.4
        line.strokeDashArray = dash
        line.symbol = makeMarker(marker, size=font_size * 0.5 if len(points) < 40 else font_size * 0.3,
                                 fillColor=colour, strokeColor=colour)
    y = plot.yValueAxis
    y.valueMin, y.valueMax, y.valueStep = 0, 10, 2
    y.labels.fontName, y.labels.fontSize = SANS, font_size
    y.visibleGrid, y.gridStrokeColor, y.gridStrokeWidth = 1, colors.HexColor("#d9d9d9"), 0.4
    x = plot.xValueAxis
    x.valueMin, x.valueMax = 0, span
    ticks = min(5, span)
    x.valueSteps = sorted({round(span * i / ticks) for i in range(ticks + 1)})
    x.labels.fontName, x.labels.fontSize = SANS, font_size
    x.labels.boxAnchor = "n"
    x.labels.dy = -font_size * 0.4
    x.labelTextFormat = lambda offset: _tick(first + dt.timedelta(days=int(offset)), language)
    drawing.add(plot)
    return drawing


def _tick(day: dt.date, language: str) -> str:
    # Right-to-left languages get digits only: the drawing does no shaping.
    if i18n.is_rtl(language):
        return f"{day.day}/{day.month}"
    return format_skeleton("MMMd", day, locale=i18n.babel_locale(language))


def legend(labels: dict[str, Flowable], width: float, font_size: float, rtl: bool) -> Table:
    """A key: a short sample of each line beside its label paragraph."""
    rows = []
    for key, label in labels.items():
        colour, dash, marker = LINE_LOOKS[key]
        sample = Drawing(font_size * 3, font_size, initialFontName=SANS)
        sample.add(Line(0, font_size * 0.4, font_size * 3, font_size * 0.4, strokeColor=colour,
                        strokeWidth=1.4, strokeDashArray=dash))
        mark = makeMarker(marker, size=font_size * 0.55, fillColor=colour, strokeColor=colour)
        mark.x, mark.y = font_size * 1.5, font_size * 0.4
        sample.add(mark)
        rows.append([label, sample] if rtl else [sample, label])
    sample_width = font_size * 3.6
    widths = [width - sample_width, sample_width]
    if not rtl:
        widths.reverse()
    table = Table(rows, colWidths=widths, hAlign="RIGHT" if rtl else "LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table
