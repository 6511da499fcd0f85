"""Pieces the layouts share: boxes, columns, note lines, the contents slot."""
from __future__ import annotations

import re

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..plans.model import Contact
from .document import MARGIN
from .fonts import SANS
from .story import Context
from .styles import BOX_SHADE, INK, RULE

#: Width of the text on a one-column A4 page.
TEXT_WIDTH = A4[0] - 2 * MARGIN
#: A plan longer than this has a short contents list on its cover.
CONTENTS_AFTER = 8


# -- pieces ----------------------------------------------------------------------

def _dates_line(ctx: Context, *lead: str) -> list[str]:
    """"last reviewed …", "printed …" (with anything given first)."""
    tr, info = ctx.tr, ctx.plan.info
    parts = [p for p in lead if p]
    if info.last_reviewed_on:
        parts.append(tr._("last reviewed {date}").format(date=ctx.date(info.last_reviewed_on)))
    parts.append(tr._("printed {date}").format(date=ctx.date(ctx.today)))
    return parts


class NoteLines(Flowable):
    """Ruled lines to write on: at least ``lines`` of them, and as many more
    as fill the rest of the page (a page of its own is not left mostly blank)."""

    #: Never more than this many lines, however tall the room.
    MOST = 40

    def __init__(self, lines: int, gap: float) -> None:
        super().__init__()
        self.lines, self.gap = lines, gap

    def wrap(self, aw, ah):
        fill = int((ah - 1) // self.gap) if ah < self.MOST * self.gap else self.lines
        self.width, self.height = aw, max(self.lines, fill) * self.gap
        return self.width, self.height

    def split(self, aw, ah):
        return []

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for i in range(round(self.height / self.gap)):
            c.line(0, i * self.gap, self.width, i * self.gap)
        c.restoreState()


class ContentsSlot(Flowable):
    """Room on the cover for a contents list, filled in at the end (when
    the page of every section is known), and only when the plan is long.
    More than eight sections are listed in two columns."""

    def __init__(self, ctx: Context, titles: list[str]) -> None:
        super().__init__()
        self.ctx, self.titles = ctx, titles
        self.columns = 2 if len(titles) > 8 else 1
        self.gap = 8 * mm if self.columns == 2 else 0
        self.number_w = ctx.styles.small.fontSize * 3

    def _col_w(self) -> float:
        return (self.width - self.gap) / self.columns

    def wrap(self, aw, ah):
        self.width = aw
        st = self.ctx.styles
        self._head = st.h3.leading + st.small.leading * 0.4
        # each title's height (a long one takes two lines), column by column
        rows = -(-len(self.titles) // self.columns)
        self._places = []
        tallest = 0.0
        for column in range(self.columns):
            y = 0.0
            for title in self.titles[column * rows:(column + 1) * rows]:
                para = self.ctx.p(title, style=st.small)
                _w, h = para.wrap(self._col_w() - self.number_w, ah)
                y += h + st.small.fontSize * 0.25
                self._places.append((column, y, para))
            tallest = max(tallest, y)
        self.height = min(ah, tallest + self._head + 2)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - ReportLab's name
        page = canvas.getPageNumber()
        self.ctx.late.append((page, lambda c, total: self._fill(c, total, x, y)))

    def _fill(self, canvas, total: int, x: float, y: float) -> None:
        ctx = self.ctx
        marks = [(t, p) for t, level, p in getattr(ctx.document, "marks", []) if level == 0]
        if total <= CONTENTS_AFTER or len(marks) != len(self._places):
            return
        top = y + self.height
        head = ctx.p(ctx.tr._("In this plan"), style=ctx.styles.h3)
        _w, h = head.wrap(self.width, self.height)
        head.drawOn(canvas, x, top - h)
        top -= self._head
        col_w = self._col_w()
        for (column, bottom, para), (_title, page) in zip(self._places, marks):
            if ctx.rtl:
                column = self.columns - 1 - column
            left = x + column * (col_w + self.gap)
            line_y = top - bottom
            if line_y < y - 1:
                continue
            num = ctx.p(ctx.number(page), style=ctx.styles.footer if ctx.rtl else ctx.styles.footer_end)
            _w, para_h = para.wrap(col_w - self.number_w, self.height)
            name_x, num_x = ((left + self.number_w, left) if ctx.rtl
                             else (left, left + col_w - self.number_w))
            para.drawOn(canvas, name_x, line_y)
            _w, num_h = num.wrap(self.number_w, self.height)
            num.drawOn(canvas, num_x, line_y + para_h - num_h)


def _box(ctx: Context, content: list[Flowable], width: float) -> Table:
    """A ruled box around ``content``."""
    table = Table([[content]], colWidths=[width], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS),  # else ReportLab selects Helvetica
        ("BOX", (0, 0), (-1, -1), 1.6, INK),
        ("BACKGROUND", (0, 0), (-1, -1), BOX_SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _columns(ctx: Context, left: list[Flowable], right: list[Flowable], width: float,
             gap: float = 6 * mm) -> Table:
    """Two columns side by side (the first on the right in right-to-left)."""
    col = (width - gap) / 2
    cells = [left or [Spacer(1, 1)], right or [Spacer(1, 1)]]
    if ctx.rtl:
        cells.reverse()
    table = Table([cells], colWidths=[col + gap / 2, col + gap / 2])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS),  # else ReportLab selects Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (1, 0), (1, 0), gap / 2),
        ("RIGHTPADDING", (0, 0), (0, 0), gap / 2),
    ]))
    return table


def _texts(ctx: Context, section: str, field: str) -> list[str]:
    return [e.text for e in ctx.entries(section, field) if e.text.strip()]


_CARE_COORDINATOR = re.compile(r"care[\s-]*co-?ordinator|cydlynydd gofal|koordynator|منسق", re.I)
_GP = re.compile(r"\bGP\b|\bdoctor\b|meddyg|lekarz|طبيب", re.I)


def _role(contact: Contact) -> str | None:
    """"cc" or "gp" when a contact's description says they are the
    person's care coordinator or GP."""
    words = f"{contact.relationship} {contact.name}"
    if _CARE_COORDINATOR.search(words):
        return "cc"
    if _GP.search(words):
        return "gp"
    return None
