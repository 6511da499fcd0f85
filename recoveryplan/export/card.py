"""The pocket card: two credit-card panels (85.6 x 54 mm) side by side, to
cut out along the corner marks and fold along the middle line.

Front: "My crisis card", the person's name, up to four key people with
their phone numbers, and crisis services. Back: the three things that help
most. Text takes the largest size (down to a floor) at which it fits.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..plans.model import Contact, CrisisService
from .story import Context
from .styles import RULE, Styles, make_styles
from .text import Span, left_to_right, paragraph

CARD_W = 85.6 * mm
CARD_H = 54 * mm
PAD = 3.5 * mm
MARK = 5 * mm          # length of a cut mark
MARK_GAP = 1.5 * mm    # cut marks stop short of the card
#: Body sizes tried, largest first (large print starts higher).
SIZES = (9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6)
LARGE_SIZES = (12, 11, 10.5, 10) + SIZES


class CardSheet(Flowable):
    """Both panels, their cut marks and the fold line."""

    def __init__(self, front, back, rtl: bool) -> None:
        super().__init__()
        self.front, self.back, self.rtl = front, back, rtl

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = CARD_H + 2 * (MARK + MARK_GAP)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x0 = (self.width - 2 * CARD_W) / 2
        y0 = MARK + MARK_GAP
        x1, y1 = x0 + 2 * CARD_W, y0 + CARD_H
        fold = x0 + CARD_W
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for x, dx in ((x0, -1), (x1, 1)):
            for y, dy in ((y0, -1), (y1, 1)):
                canvas.line(x + dx * MARK_GAP, y, x + dx * (MARK_GAP + MARK), y)
                canvas.line(x, y + dy * MARK_GAP, x, y + dy * (MARK_GAP + MARK))
        for y, dy in ((y0, -1), (y1, 1)):
            canvas.line(fold, y + dy * MARK_GAP, fold, y + dy * (MARK_GAP + MARK))
        canvas.setDash(1, 2)
        canvas.setLineWidth(0.3)
        canvas.rect(x0, y0, 2 * CARD_W, CARD_H)
        canvas.line(fold, y0, fold, y1)
        canvas.restoreState()
        left, right = (self.back, self.front) if self.rtl else (self.front, self.back)
        for x, content in ((x0, left), (fold, right)):
            y = y1 - PAD
            for i, para in enumerate(content):
                _w, h = para.wrap(CARD_W - 2 * PAD, CARD_H)
                y -= h + (para.getSpaceBefore() if i else 0)
                para.drawOn(canvas, x + PAD, y)
                y -= para.getSpaceAfter()


def _fits(flowables, width: float, height: float) -> bool:
    """Whether the panel's flowables, stacked with their spacing, fit."""
    total = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in flowables)
    return total - flowables[0].getSpaceBefore() <= height


def crisis_card(ctx: Context, people: list[Contact], services: list[CrisisService],
                helps: list[str], page_width: float) -> list[Flowable]:
    tr = ctx.tr
    inner_w, inner_h = CARD_W - 2 * PAD, CARD_H - 2 * PAD
    for size in (LARGE_SIZES if ctx.options.large_print else SIZES):
        st = make_styles(rtl=ctx.rtl, body_size=size)
        front = _front(ctx, st, people, services)
        back = _back(ctx, st, helps)
        if _fits(front, inner_w, inner_h) and _fits(back, inner_w, inner_h):
            break
    # At the smallest size the card prints what fits; the full plan has the rest.
    intro = [ctx.p(tr._("My crisis card"), style=ctx.styles.h1),
             ctx.p(tr._("Cut along the marks at the corners, fold along the dotted line in the "
                        "middle, and keep the card in my purse, wallet or phone case."))]
    return intro + [Spacer(1, 8 * mm), CardSheet(front, back, ctx.rtl)]


def _p(ctx: Context, st_style, *spans: Span):
    return paragraph(*spans, style=st_style, rtl_document=ctx.rtl)


def _front(ctx: Context, st: Styles, people: list[Contact], services: list[CrisisService]):
    tr = ctx.tr
    out = [_p(ctx, st.h2, tr._("My crisis card"))]
    if ctx.plan.info.owner_name.strip():
        out.append(_p(ctx, st.small, ctx.plan.info.owner_name))
    for contact in people:
        out.append(_p(ctx, st.cell, contact.name, "  ", ("b", left_to_right(contact.phone))))
    if services:
        out.append(Spacer(1, st.body_size * 0.3))
        for service in services:
            out.append(_p(ctx, st.cell, service.name, "  ", ("b", left_to_right(service.phone))))
    return out


def _back(ctx: Context, st: Styles, helps: list[str]):
    out = [_p(ctx, st.h2, ctx.tr._("Three things that help me most"))]
    for number, text in enumerate(helps, start=1):
        out.append(_p(ctx, st.cell, ("b", ctx.number(number) + ". "), text))
    return out
