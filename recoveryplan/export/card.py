"""The pocket card: a front and a back panel to cut out along the corner
marks and fold along the dotted line.

Normal print: two credit-card panels (85.6 x 54 mm) side by side. Large
print: two panels two fifths larger (119.8 x 75.6 mm), one above the other.
Front: "My crisis card", the person's name, key people with their phone
numbers and best times, and crisis services. Back: the three things that
help most. Each panel takes the largest text size at which it fits, but
never smaller than ``FLOOR`` (8 pt, 10 pt in large print): a number on a
crisis card must be readable. When the front still does not fit, the last
people are left out and the card says "+N more in my crisis plan"; when the
back does not fit, the longest "helps" is shortened with "… more in my
crisis plan". A 5 cm line checks the card was printed at actual size.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

import re

from ..plans.model import Contact, CrisisService, shown_crisis_service
from .story import Context, phone_text
from .styles import INK, RULE, Styles, make_styles
from .text import Span, left_to_right, paragraph

CARD_W = 85.6 * mm
CARD_H = 54 * mm
#: Large print: every side two fifths longer.
LARGE_SCALE = 1.4
PAD = 3.5 * mm
MARK = 5 * mm          # length of a cut mark
MARK_GAP = 1.5 * mm    # cut marks stop short of the card
#: Body sizes tried, largest first; the last is the floor.
SIZES = (9.5, 9, 8.5, 8)
LARGE_SIZES = (14, 13, 12, 11, 10.5, 10)
FLOOR = {False: SIZES[-1], True: LARGE_SIZES[-1]}
#: The check line's length.
CHECK = 50 * mm


class CardSheet(Flowable):
    """Both panels, their cut marks and the fold line: side by side, or
    (``stacked``) one above the other."""

    def __init__(self, front, back, rtl: bool, width: float, height: float,
                 stacked: bool = False) -> None:
        super().__init__()
        self.front, self.back, self.rtl = front, back, rtl
        self.card_w, self.card_h, self.stacked = width, height, stacked

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        panels = 2 if self.stacked else 1
        self.height = panels * self.card_h + 2 * (MARK + MARK_GAP)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        w, h = self.card_w, self.card_h
        across = w if self.stacked else 2 * w
        tall = 2 * h if self.stacked else h
        x0 = (self.width - across) / 2
        y0 = MARK + MARK_GAP
        x1, y1 = x0 + across, y0 + tall
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for x, dx in ((x0, -1), (x1, 1)):
            for y, dy in ((y0, -1), (y1, 1)):
                canvas.line(x + dx * MARK_GAP, y, x + dx * (MARK_GAP + MARK), y)
                canvas.line(x, y + dy * MARK_GAP, x, y + dy * (MARK_GAP + MARK))
        canvas.setDash(1, 2)
        canvas.setLineWidth(0.3)
        canvas.rect(x0, y0, across, tall)
        if self.stacked:
            fold = y0 + h
            canvas.line(x0, fold, x1, fold)
            places = ((x0, y1, self.front), (x0, fold, self.back))
        else:
            fold = x0 + w
            canvas.line(fold, y0, fold, y1)
            left, right = (self.back, self.front) if self.rtl else (self.front, self.back)
            places = ((x0, y1, left), (fold, y1, right))
        canvas.restoreState()
        for x, top, content in places:
            y = top - PAD
            for i, para in enumerate(content):
                _w, ph = para.wrap(w - 2 * PAD, h)
                y -= ph + (para.getSpaceBefore() if i else 0)
                para.drawOn(canvas, x + PAD, y)
                y -= para.getSpaceAfter()


class SizeCheck(Flowable):
    """A line exactly 5 cm long with end ticks, and what to do if it isn't."""

    def __init__(self, label: Flowable) -> None:
        super().__init__()
        self.label = label

    def wrap(self, aw, ah):
        self.width = aw
        _w, self._lh = self.label.wrap(aw, ah)
        self.height = self._lh + 5 * mm
        return aw, self.height

    def draw(self):
        c = self.canv
        x = (self.width - CHECK) / 2
        y = self._lh + 3 * mm
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.line(x, y, x + CHECK, y)
        for end in (x, x + CHECK):
            c.line(end, y - 1.5 * mm, end, y + 1.5 * mm)
        c.restoreState()
        self.label.drawOn(c, 0, 0)


def _fits(flowables, width: float, height: float) -> bool:
    """Whether the panel's flowables, stacked with their spacing, fit."""
    total = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in flowables)
    return total - flowables[0].getSpaceBefore() <= height


def crisis_card(ctx: Context, people: list[Contact], services: list[CrisisService],
                helps: list[str], page_width: float) -> list[Flowable]:
    tr = ctx.tr
    large = ctx.options.large_print
    scale = LARGE_SCALE if large else 1.0
    card_w, card_h = CARD_W * scale, CARD_H * scale
    inner_w, inner_h = card_w - 2 * PAD, card_h - 2 * PAD
    sizes = LARGE_SIZES if large else SIZES
    front = _fit_front(ctx, sizes, people, services, inner_w, inner_h)
    back = _fit_back(ctx, sizes, helps, inner_w, inner_h)
    how = (tr._("Cut along the marks at the corners, fold along the dotted line in the middle, "
                "and keep the card in my purse, wallet or phone case."))
    check = SizeCheck(ctx.p(tr._("This line is 5 cm long when the page is printed at actual "
                                 "size. If it is shorter, print again at 100% (turn off "
                                 "\u201cfit to page\u201d)."), style=ctx.styles.small_centre))
    intro = [ctx.p(tr._("My crisis card"), style=ctx.styles.h1_first),
             *ctx.scope_note(), ctx.p(how)]
    return intro + [Spacer(1, 4 * mm), CardSheet(front, back, ctx.rtl, card_w, card_h,
                                                 stacked=large),
                    Spacer(1, 6 * mm), check]


def _fit_front(ctx: Context, sizes, people, services, width, height):
    """The front at the largest size that fits, with as many people as fit
    at the floor size (the rest counted)."""
    def build(shown: int, size: float):
        st = make_styles(rtl=ctx.rtl, body_size=size)
        return _front(ctx, st, people[:shown], services, len(people) - shown)

    floor = sizes[-1]
    shown = len(people)
    front = build(shown, floor)
    while shown and not _fits(front, width, height):
        shown -= 1
        front = build(shown, floor)
    for size in sizes[:-1]:
        bigger = build(shown, size)
        if _fits(bigger, width, height):
            return bigger
    return front   # at the floor (if not even the services fit, what fits prints)


def _fit_back(ctx: Context, sizes, helps: list[str], width, height):
    """The back at the largest size that fits; at the floor size the
    longest text is shortened, a few words at a time, until it fits."""
    for size in sizes:
        st = make_styles(rtl=ctx.rtl, body_size=size)
        back = _back(ctx, st, helps)
        if _fits(back, width, height):
            return back
    more = " " + ctx.tr._("\u2026more in my crisis plan")
    words = [t.split() for t in helps]
    while any(len(w) > 3 for w in words):
        longest = max(range(len(words)), key=lambda i: len(" ".join(words[i])))
        words[longest] = words[longest][:max(3, len(words[longest]) * 7 // 8)]
        texts = [" ".join(w) + (more if w != h.split() else "") for w, h in zip(words, helps)]
        back = _back(ctx, st, texts)
        if _fits(back, width, height):
            return back
    return back


def _p(ctx: Context, st_style, *spans: Span):
    return paragraph(*spans, style=st_style, rtl_document=ctx.rtl)


def _front(ctx: Context, st: Styles, people: list[Contact], services: list[CrisisService],
           left_out: int = 0):
    tr = ctx.tr
    out = [_p(ctx, st.h2_box, tr._("My crisis card"))]
    if ctx.plan.info.owner_name.strip():
        out.append(_p(ctx, st.small, ctx.plan.info.owner_name))
    for contact in people:
        out.append(_p(ctx, st.card_line, contact.name or tr._("Someone"), "  ",
                      ("b", left_to_right(phone_text(contact.phone)))))
        if contact.best_times.strip():
            out.append(_p(ctx, st.card_note, contact.best_times))
    if left_out:
        out.append(_p(ctx, st.card_note, ("i", tr.ngettext(
            "+{count} more in my crisis plan", "+{count} more in my crisis plan",
            left_out).format(count=ctx.number(left_out)))))
    if services:
        # One line for all of them, each name kept with its number.
        spans: list[Span] = []
        for i, service in enumerate(services):
            if i:
                spans.append("  \u00b7  ")
            name, phone = _card_name(ctx, service), service.phone.strip()
            if phone and name.endswith(phone) and name != phone:
                # "NHS 111", not "NHS 111 111": the name holds the number
                name = name[:-len(phone)].rstrip()
            spans += [name.replace(" ", "\u00a0") + "\u00a0",
                      ("b", left_to_right(phone_text(phone)))]
        out.append(_p(ctx, st.card_services, *spans))
    return out


def _back(ctx: Context, st: Styles, helps: list[str]):
    out = [_p(ctx, st.h2_box, ctx.tr._("Three things that help me most"))]
    for number, text in enumerate(helps, start=1):
        out.append(_p(ctx, st.card_line, ("b", ctx.number(number) + ". "), text))
    return out


def _card_name(ctx: Context, service: CrisisService) -> str:
    """A service's name on the card: a built-in one the person never changed
    in the card's language, without the words in brackets that explain it
    elsewhere ("Samaritans (telefon zaufania)"): the card has room for the
    name and its number, and for the people who come first."""
    shown = shown_crisis_service(service, ctx.options.language)
    name = shown.name.strip()
    if shown.name != service.name:
        name = re.sub(r"\s*\([^()]*\)$", "", name) or name
    return name
