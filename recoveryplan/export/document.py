"""The PDF file around a layout: pages, footer, outline and deliberate metadata.

Metadata says only what the person would expect: a neutral, translated
title (the layout's name), the language, and the day of export (a date
without time or time zone). No author, subject, keywords, creator or
producer; the library's name is left out of the file's header comments too.
Every file gets a fresh random document ID (ReportLab's ``invariant`` mode
would give every file the same one; the clock would tell when it was made).

Every page's footer carries the person's name, the day it was printed and
"Page X of Y". Headings that carry an ``outline`` attribute (title, level)
become the PDF's bookmarks; a ``ContentsSlot`` on the first page is filled in
at the end, when the page of every section is known.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import FrameBreak, NextPageTemplate

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
    """Keeps every page until the end so the footer can say "Page X of Y",
    and bookmarks land on the page they were made on."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int], None], day: dt.date,
                 late: list | None = None, **kwargs):
        kwargs["invariant"] = 1
        # Not Helvetica: every font in the file is one of the embedded ones.
        kwargs["initialFontName"] = SANS
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._late = late if late is not None else []
        self._pages: list[dict] = []
        self._marks: list[tuple[str, dict]] = []
        self.setDateFormatter(lambda *_parts: "D:" + day.strftime("%Y%m%d"))

    def bookmarkPage(self, key, **kwargs):  # noqa: N802 - ReportLab's name
        self._marks.append((key, kwargs))

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, kwargs in state["_marks"]:
                Canvas.bookmarkPage(self, key, **kwargs)
            self._footer(self, number, total)
            for page, draw in self._late:
                if page == number:
                    draw(self, total)
            super().showPage()
        # A fresh identifier for every file, from no clock and no content.
        ids = PDFText(os.urandom(16), enc="raw").format(DummyDoc())
        self._doc._ID = b"\n[" + ids + ids + b"]\n"
        super().save()


def _footer(ctx: Context, margin: float = MARGIN) -> Callable[[Canvas, int, int], None]:
    styles, tr = ctx.styles, ctx.tr
    name = ctx.plan.info.owner_name.strip()
    printed = tr._("Printed {date}").format(date=ctx.date(ctx.today))
    rest = "  \u00b7  ".join((printed, tr._("Private and confidential")))
    # The name and date are the same on every page: that paragraph is made
    # and its lines broken once, when the first footer is drawn.
    same: list = []

    def draw(canvas: Canvas, number: int, total: int) -> None:
        width, _height = canvas._pagesize
        inner = width - 2 * margin
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(margin, MARGIN - 2 * mm, width - margin, MARGIN - 2 * mm)
        page = tr._("Page {number} of {total}").format(number=ctx.number(number),
                                                       total=ctx.number(total))
        start_w, end_w = inner * 0.8, inner * 0.2
        if not same:
            spans = ([("b", name), "  \u00b7  " + rest] if name else [rest])
            start = ctx.p(*spans, style=styles.footer)
            same.append((start, start.wrap(start_w, FOOTER_GAP * 2)[1]))
        start, start_h = same[0]
        end = ctx.p(page, style=styles.footer_end)
        _w, end_h = end.wrap(end_w, FOOTER_GAP * 2)
        start_x, end_x = (margin + end_w, margin) if ctx.rtl else (margin, margin + start_w)
        for para, x, h in ((start, start_x, start_h), (end, end_x, end_h)):
            para.drawOn(canvas, x, MARGIN - 3 * mm - min(h, styles.footer.leading * 2))
        canvas.restoreState()

    return draw


def frames(columns: int = 1, rtl: bool = False, gap: float = 7 * mm,
           top: float = 0.0, margin: float = MARGIN) -> list[Frame]:
    """Frames filling an A4 page inside the margins; in a right-to-left
    document the first column is the right-hand one. With ``top``, a
    full-width frame of that height comes first and the columns fill the
    rest of the page below it. ``margin`` is the page's side and top
    margins (the footer keeps the bottom one)."""
    width, height = A4
    inner = width - 2 * margin
    col = (inner - gap * (columns - 1)) / columns
    xs = [margin + i * (col + gap) for i in range(columns)]
    if rtl:
        xs.reverse()
    bottom = MARGIN + 2 * mm
    full = height - margin - MARGIN - 2 * mm
    out = []
    if top:
        out.append(Frame(margin, bottom + full - top, inner, top, id="top",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))
    return out + [Frame(x, bottom, col, full - top, id=f"col{i}",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
                  for i, x in enumerate(xs)]


class _Document(BaseDocTemplate):
    """Collects the outline as the headings are laid out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.marks: list[tuple[str, int, int]] = []   # (title, level, page)

    def afterFlowable(self, flowable):  # noqa: N802 - ReportLab's name
        mark = getattr(flowable, "outline", None)
        if not mark:
            return
        title, level = mark
        key = f"section{len(self.marks)}"
        if not self.marks:
            self.canv.showOutline()
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        self.marks.append((title, level, self.page))


#: The most of a page's height a first page's head may take.
HEAD_SHARE = 0.8


def block_height(flowables: list[Flowable], width: float) -> float:
    """The height ``flowables`` take stacked in a frame ``width`` wide."""
    total = 0.0
    for i, f in enumerate(flowables):
        total += f.wrap(width, A4[1])[1] + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total


def build_pdf(ctx: Context, story: list[Flowable], title: str, columns: int = 1,
              head: list[Flowable] | None = None, margin: float = MARGIN) -> bytes:
    """Lay ``story`` out on A4 pages and return the finished file. With
    ``head``, the first page opens with it across the whole width and
    ``story`` flows in ``columns`` below it. ``margin``: see ``frames``."""
    out = io.BytesIO()
    doc = _Document(
        out, pagesize=A4,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=title, author="", subject="", creator="", producer="", keywords="",
        lang=ctx.options.language, invariant=1,
    )
    templates = [PageTemplate(id="page", frames=frames(columns, ctx.rtl, margin=margin))]
    if head:
        inner = A4[0] - 2 * margin
        top = min(block_height(head, inner) + 2 * mm, (A4[1] - 2 * MARGIN) * HEAD_SHARE)
        templates.insert(0, PageTemplate(id="first", frames=frames(columns, ctx.rtl, top=top,
                                                                   margin=margin)))
        story = [NextPageTemplate("page"), *head, FrameBreak(), *story]
    doc.addPageTemplates(templates)
    ctx.document = doc
    maker = partial(FooterCanvas, footer=_footer(ctx, margin), day=ctx.today, late=ctx.late)
    doc.build(story, canvasmaker=maker)
    return _without_library_comments(out.getvalue())


def _without_library_comments(data: bytes) -> bytes:
    for comment in _LIBRARY_COMMENTS:
        data = data.replace(comment, comment[:1] + b" " * (len(comment) - 1), 1)
    return data
