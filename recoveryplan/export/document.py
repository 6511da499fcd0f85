"""The PDF file around a layout: pages, footer, and deliberate metadata.

Metadata says only what the person would expect: a neutral, translated
title (the layout's name), the language, and the day of export (a date
without time or time zone; ReportLab's ``invariant`` mode also makes the
file identifier a fixed value instead of one derived from the clock). No
author, subject, keywords, creator or producer; the library's name is left
out of the file's header comments too.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .fonts import SANS
from .story import Context
from .styles import RULE

MARGIN = 18 * mm
FOOTER_GAP = 9 * mm

#: Comments ReportLab writes into every file, and what replaces them (the
#: same length, so every byte offset in the file stays right).
_LIBRARY_COMMENTS = (
    b" ReportLab Generated PDF document (opensource)",
    b"% ReportLab generated PDF document -- digest (opensource)",
)


class FooterCanvas(Canvas):
    """Keeps every page until the end so the footer can say "Page X of Y"."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int], None], day: dt.date, **kwargs):
        kwargs["invariant"] = 1
        # Not Helvetica: every font in the file is one of the embedded ones.
        kwargs["initialFontName"] = SANS
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []
        self.setDateFormatter(lambda *_parts: "D:" + day.strftime("%Y%m%d"))

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def _footer(ctx: Context) -> Callable[[Canvas, int, int], None]:
    styles, tr = ctx.styles, ctx.tr
    confidential = tr._("Private and confidential")

    def draw(canvas: Canvas, number: int, total: int) -> None:
        width, _height = canvas._pagesize
        inner = width - 2 * MARGIN
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, MARGIN - 2 * mm, width - MARGIN, MARGIN - 2 * mm)
        page = tr._("Page {number} of {total}").format(number=ctx.number(number),
                                                       total=ctx.number(total))
        for text, style in ((confidential, styles.footer), (page, styles.footer_end)):
            para = ctx.p(text, style=style)
            _w, h = para.wrap(inner, FOOTER_GAP)
            para.drawOn(canvas, MARGIN, MARGIN - 3 * mm - h)
        canvas.restoreState()

    return draw


def frames(columns: int = 1, rtl: bool = False, gap: float = 7 * mm) -> list[Frame]:
    """Frames filling an A4 page inside the margins; in a right-to-left
    document the first column is the right-hand one."""
    width, height = A4
    inner = width - 2 * MARGIN
    col = (inner - gap * (columns - 1)) / columns
    xs = [MARGIN + i * (col + gap) for i in range(columns)]
    if rtl:
        xs.reverse()
    return [Frame(x, MARGIN + 2 * mm, col, height - 2 * MARGIN - 2 * mm, id=f"col{i}",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            for i, x in enumerate(xs)]


def build_pdf(ctx: Context, story: list[Flowable], title: str, columns: int = 1) -> bytes:
    """Lay ``story`` out on A4 pages and return the finished file."""
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=A4,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=title, author="", subject="", creator="", producer="", keywords="",
        lang=ctx.options.language, invariant=1,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=frames(columns, ctx.rtl))])
    maker = partial(FooterCanvas, footer=_footer(ctx), day=ctx.today)
    doc.build(story, canvasmaker=maker)
    return _without_library_comments(out.getvalue())


def _without_library_comments(data: bytes) -> bytes:
    for comment in _LIBRARY_COMMENTS:
        data = data.replace(comment, comment[:1] + b" " * (len(comment) - 1), 1)
    return data
