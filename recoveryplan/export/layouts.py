"""The five layouts, each a story of flowables for ``document.build_pdf``."""

from __future__ import annotations

import re

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from ..plans.changes import compare, describe, detail_lines, plan_dict
from ..plans.model import Contact, LifeArea
from ..plans.sections import SECTIONS, SectionKind
from . import blocks
from .card import crisis_card
from .document import MARGIN
from .fonts import SANS
from .story import Context, KeepOnPage, WithAttribution, dotted, lead
from .styles import BOX_SHADE, INK, RULE

#: Width of the text on a one-column A4 page.
TEXT_WIDTH = A4[0] - 2 * MARGIN
#: The crisis plan's side and top margins, narrower than the others' for
#: room to print large, and narrower still when that keeps it to two pages
#: (the footer keeps the usual bottom margin).
CRISIS_MARGINS = (13 * mm, 10 * mm)
#: The crisis plan fits this many pages when it can.
CRISIS_PAGES = 2


def _crisis_width(ctx: Context) -> float:
    """Width of the crisis plan's text at its margins."""
    return A4[0] - 2 * (ctx.margin or CRISIS_MARGINS[0])
#: Fields of "When things are really hard" that the pocket card can use for
#: "three things that help me most", in order of preference.
HELPS_MOST = (("hard_times", "on_my_own"), ("hard_times", "helps_unwell"),
              ("keeping_well", "everyday"))
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


# -- My plan -----------------------------------------------------------------------

def plan_story(ctx: Context) -> list[Flowable]:
    sections = []
    if ctx.options.since_last_review:
        since = _since_last_review(ctx)
        if since:
            sections.append((ctx.tr._("Since my last review"), since))
    for spec in SECTIONS:
        if not ctx.wants(spec.key):
            continue
        section = _section(ctx, spec)
        if section:
            sections.append((ctx.tr._(spec.title), section))
    story = _cover(ctx, [title for title, _body in sections])
    for _title, body in sections:
        story.extend(body)
    return story


def _cover(ctx: Context, titles: list[str]) -> list[Flowable]:
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    many = len(titles) > 6
    out: list[Flowable] = [Spacer(1, (18 if many else 45) * mm),
                           ctx.p(tr._("My recovery plan"), style=st.title)]
    if info.owner_name.strip():
        out.append(ctx.p(tr._("This plan belongs to {name}").format(name=info.owner_name),
                         style=st.subtitle))
    out.append(Spacer(1, (6 if many else 14) * mm))
    dates = [(tr._("Started"), info.started_on), (tr._("Last reviewed"), info.last_reviewed_on),
             (tr._("Next review"), info.next_review_on)]
    for label, value in dates:
        if value:
            out.append(ctx.p(("b", tr._("{label}:").format(label=label) + " "), ctx.date(value),
                             style=st.subtitle))
    out += ctx.scope_note()
    out.append(Spacer(1, (8 if many else 20) * mm))
    out.append(ctx.p(tr._("This is my plan, in my own words. Please keep it private and "
                          "give it back to me when you have read it."), style=st.subtitle))
    if titles:
        out += [Spacer(1, 6 * mm), ContentsSlot(ctx, titles)]
    out.append(PageBreak())
    return out


def _section(ctx: Context, spec) -> list[Flowable]:
    """The section with its heading, or nothing when it has no content."""
    title = ctx.tr._(spec.title)
    kind = spec.kind
    if kind is SectionKind.CHECKINS:
        checkins = blocks.period_checkins(ctx)
        if not checkins:
            return []
        heading = ctx.p(title, style=ctx.styles.h1)
        heading.outline = (title, 0)
        # the heading stays on the page with the chart
        return (blocks.checkin_block(ctx, TEXT_WIDTH, checkins, heading)
                + ctx.heading(ctx.tr._("Recent check-ins"), ctx.styles.h2, level=None)
                + blocks.checkin_table(ctx, checkins, TEXT_WIDTH))
    if kind is SectionKind.FIELDS:
        body = blocks.fields(ctx, spec)
    elif kind is SectionKind.GOALS:
        body = [f for goal in ctx.visible(ctx.plan.goals) for f in blocks.goal(ctx, goal)]
    elif kind is SectionKind.LIFE_AREAS:
        body = _life_areas(ctx)
    elif kind is SectionKind.CONTACTS:
        body = _people(ctx)
    elif kind is SectionKind.APPOINTMENTS:
        body = _appointments(ctx)
    else:
        body = _reviews(ctx)
    return [*ctx.heading(title), *body] if body else []


def _life_areas(ctx: Context) -> list[Flowable]:
    tr = ctx.tr
    rows = [[ctx.cell(tr._("Life area"), head=True), ctx.cell(tr._("Where things are now"), head=True),
             ctx.cell(tr._("Where I would like to be"), head=True), ctx.cell(tr._("My goals"), head=True)]]
    for area in LifeArea:
        note = ctx.plan.life_area(area)
        note = note if note is not None and ctx.shown(note) else None
        goals = [g.what for g in ctx.visible(ctx.plan.goals_in_area(area)) if g.what.strip()]
        if not goals and (note is None or not (note.now_text.strip() or note.hope_text.strip())):
            continue
        rows.append([ctx.cell(("b", tr._(area.label)), label=tr._(area.label)),
                     ctx.cell(note.now_text if note else ""),
                     ctx.cell(note.hope_text if note else ""),
                     ctx.cell("\n".join("\u2022 " + g for g in goals))])
    if len(rows) == 1:
        return []
    w = TEXT_WIDTH
    return [ctx.table(rows, [w * 0.18, w * 0.29, w * 0.29, w * 0.24])]


def _people(ctx: Context) -> list[Flowable]:
    out = blocks.contacts_table(ctx, ctx.visible(ctx.plan.contacts), TEXT_WIDTH)
    services = ctx.visible(ctx.plan.services)
    if services:
        out += ctx.heading(ctx.tr._("Crisis services"), ctx.styles.h2, level=None)
        out.extend(blocks.services_table(ctx, services, TEXT_WIDTH))
    return out


def _appointments(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = []
    when = ctx.plan.info.next_appointment_on
    if when and when >= ctx.today:
        out.append(ctx.p(("b", ctx.tr._("My next appointment:") + " "), ctx.date(when)))
    items = blocks.topics(ctx)
    if items:
        out += ctx.heading(ctx.tr._("Things I want to talk about"), ctx.styles.h2, level=None)
        out.extend(items)
    return out


def _since_last_review(ctx: Context) -> list[Flowable]:
    """What changed since the newest review, in the words the app shows
    (nothing when there is no review, or its copy of the plan was not loaded)."""
    reviews = [r for r in ctx.visible(ctx.plan.reviews) if r.snapshot is not None]
    if not reviews:
        return []
    last = max(reviews, key=lambda r: r.date)
    report = compare(last.snapshot, plan_dict(ctx.plan), hide_private=not ctx.options.include_private)
    title = ctx.tr._("Since my last review on {date}").format(date=ctx.date(last.date))
    out: list[Flowable] = ctx.heading(title)
    out[-1].outline = (ctx.tr._("Since my last review"), 0)
    out.extend(ctx.item(line) for line in describe(report, ctx.tr))
    for changes in report.sections:
        if changes.empty:
            continue
        out += ctx.heading(ctx.tr._(SECTIONS_TITLES[changes.section]), ctx.styles.h3, level=None)
        out.extend(ctx.item(line) for line in detail_lines(changes, ctx.tr))
    return out


SECTIONS_TITLES = {spec.key: spec.title for spec in SECTIONS}


def _reviews(ctx: Context) -> list[Flowable]:
    tr, st = ctx.tr, ctx.styles
    out: list[Flowable] = []
    for review in sorted(ctx.visible(ctx.plan.reviews), key=lambda r: r.date, reverse=True):
        lines = ctx.heading(tr._("Review on {date}").format(date=ctx.date(review.date)), st.h2,
                            level=None)
        if review.who_was_there.strip():
            lines.append(ctx.p(("b", tr._("Who was there:") + " "), review.who_was_there))
        if review.agreed.strip():
            lines.append(ctx.p(("b", tr._("What we agreed:") + " "), review.agreed))
        if review.next_review_on:
            lines.append(ctx.p(("b", tr._("Next review:") + " "), ctx.date(review.next_review_on)))
        out.extend(ctx.attributed(lines, review))
    return out


# -- My crisis and safety plan ------------------------------------------------------------

#: The first step, the signs, kept short: what I notice early on, the signs
#: I need more help, and what I would like others to do then (the rest of
#: my early warning signs is in My plan).
_SIGNS = (("warning_signs", "i_notice"), ("hard_times", "need_help_signs"),
          ("warning_signs", "others_do"))
#: The steps after it, in order: each one's field (its label is the step's title).
_STEPS = ("on_my_own", "distractions")
#: Printed after the steps, each under its own heading.
_KEEPING_SAFE = (("hard_times", "safer"), ("hard_times", "keeps_me_going"))
_CRISIS_WISHES = ("care_helped", "care_not_helped", "care_where", "care_involve",
                  "care_not_involve", "practical")
#: How many items of a list the summary box shows; the rest follow below it.
_BOX_ITEMS = 3


def _field_label(ctx: Context, section: str, field: str) -> str:
    spec = ctx.section(section)
    return ctx.tr._(next(f.label for f in spec.fields if f.key == field))


def _field_block(ctx: Context, section: str, field: str, skip: int = 0,
                 style=None, heading: bool = True, inline: bool = True) -> list[Flowable]:
    spec = ctx.section(section)
    fspec = next(f for f in spec.fields if f.key == field)
    entries = ctx.entries(section, field)[skip:]
    if not entries:
        return []
    body: list[Flowable] = []
    for entry in entries:
        body.extend(ctx.entry_flowables(entry, fspec.detail_label, inline=inline))
    if not heading:
        return body
    return lead(ctx.heading(ctx.tr._(fspec.label), style or ctx.styles.h3, level=None,
                            keep=ctx.styles.body.leading * 3), body)


def _crisis_people(ctx: Context) -> tuple[list[Contact], list[Contact], list]:
    if not ctx.wants("my_people"):
        return [], [], []
    people = ctx.visible(ctx.plan.crisis_contacts())
    services = ctx.visible(ctx.plan.services)
    return ([c for c in people if not c.professional], [c for c in people if c.professional],
            services)


def crisis_head(ctx: Context) -> list[Flowable]:
    """Page 1, across the page: the name, the dates, and the summary box."""
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    name = info.owner_name.strip()
    out: list[Flowable] = []
    if name:
        out.append(ctx.p(name, style=st.name))
    out.append(ctx.p(*dotted([("b", tr._("My crisis and safety plan")), *_dates_line(ctx)]),
                     style=st.small))
    out += ctx.scope_note()
    box = _summary(ctx)
    if box:
        out += [Spacer(1, st.body_size * 0.3), box, Spacer(1, st.body_size * 0.4)]
    return out


def _summary(ctx: Context) -> Flowable | None:
    """The boxed "In a crisis": who to call first, my care coordinator and
    GP, what helps and what doesn't, who not to contact, crisis services."""
    tr, st = ctx.tr, ctx.styles
    friends, pros, services = _crisis_people(ctx)
    everyone = ctx.visible(ctx.plan.contacts) if ctx.wants("my_people") else []
    inner = _crisis_width(ctx) - 14
    first: list[Flowable] = []
    caller = (friends + pros)[:1]
    if caller:
        c = caller[0]
        first += [ctx.p(tr._("Call first"), style=st.box_head),
                  *blocks.person(ctx, c.name or tr._("Someone"), c.relationship, c.phone,
                                 c.best_times)]
    roles = {"cc": tr._("My care coordinator"), "gp": tr._("My GP")}
    for key in ("cc", "gp"):
        match = next((c for c in everyone if c.professional and _role(c) == key), None)
        if match is not None:
            first += [ctx.p(roles[key], style=st.box_head),
                      *blocks.person(ctx, match.name or tr._("Someone"), "", match.phone,
                                     match.best_times)]
    second: list[Flowable] = []
    for label, field in ((tr._("What helps me"), "helps_unwell"),
                         (tr._("What does not help me"), "not_helps_unwell"),
                         (tr._("Please don't contact"), "care_not_involve")):
        items = _texts(ctx, "hard_times", field)
        if items:
            second.append(ctx.p(label, style=st.box_head))
            second += [ctx.item(text, style=st.bullet_tight) for text in items[:_BOX_ITEMS]]
            if len(items) > _BOX_ITEMS:
                second.append(ctx.p(tr._("More below."), style=st.tight))
    if not first and not second and not services:
        return None
    body: list[Flowable] = [ctx.p(tr._("In a crisis"), style=st.h2_box)]
    if first or second:
        body.append(_columns(ctx, first, second, inner) if first and second else
                    _columns(ctx, first or second, [], inner))
    if services:
        body.append(ctx.p(tr._("Crisis services"), style=st.box_head))
        body.append(_row(ctx, [blocks.person(ctx, s.name, "", s.phone, "")[:2] for s in services],
                         inner))
    return _box(ctx, body, _crisis_width(ctx))


def _row(ctx: Context, cells: list[list[Flowable]], width: float, per_row: int = 3) -> Table:
    """Short blocks side by side, ``per_row`` to a row."""
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows = [r + [[Spacer(1, 1)]] * (per_row - len(r)) for r in rows]
    if ctx.rtl:
        rows = [list(reversed(r)) for r in rows]
    table = Table(rows, colWidths=[width / per_row] * per_row)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS),  # else ReportLab selects Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def crisis_story(ctx: Context) -> list[Flowable]:
    tr, st = ctx.tr, ctx.styles
    steps: list[list] = []
    signs: list[Flowable] = []
    for section, field in _SIGNS:
        block = _field_block(ctx, section, field)
        # the first sub-heading's page break is the step heading's
        signs += block[1:] if not signs else block
    if signs:
        steps.append(["signs", tr._(ctx.section("warning_signs").title), signs])
    for field in _STEPS:
        body = _field_block(ctx, "hard_times", field, heading=False)
        if body:
            steps.append([field, _field_label(ctx, "hard_times", field), body])
    friends, pros, services = _crisis_people(ctx)
    if friends:
        steps.append(["people", tr._("People I can ask for help"),
                      blocks.phone_list(ctx, friends, [])])
    everyone = ctx.visible(ctx.plan.contacts) if ctx.wants("my_people") else []
    in_box = {id(c) for c in (friends + pros)[:1]} | {
        id(next((c for c in everyone if c.professional and _role(c) == key), None))
        for key in ("cc", "gp")}
    others = [c for c in pros if id(c) not in in_box]
    if others or services:
        body = blocks.phone_list(ctx, others, [])
        if services:
            body.append(ctx.p(tr._("The crisis services are in the box on page 1."),
                              style=st.small))
        steps.append(["services", tr._("Professionals and services I can contact"), body])
    story: list[Flowable] = []
    for number, (key, title, body) in enumerate(steps, start=1):
        heading = ctx.heading(tr._("Step {number}: {title}").format(
            number=ctx.number(number), title=title), st.h2, level=None, keep=st.body_size * 4)
        if number < len(steps):
            # the pointer to the next step stays with the step's last line
            if key == "signs":
                pointer = tr._("If I notice these, go on to step {number}.")
            else:
                pointer = tr._("If this doesn't help, go on to step {number}.")
            body[-1] = WithAttribution(body[-1], ctx.p(("i", pointer.format(
                number=ctx.number(number + 1))), style=st.next_step))
        story += lead(heading, body)
    for field in ("helps_unwell", "not_helps_unwell"):
        story += _field_block(ctx, "hard_times", field, skip=_BOX_ITEMS)
    for section, field in _KEEPING_SAFE:
        story += _field_block(ctx, section, field, style=st.h2)
    # who not to contact is in the box already (the rest of a long list follows here)
    wishes = [f for field in _CRISIS_WISHES for f in _field_block(
        ctx, "hard_times", field, skip=_BOX_ITEMS if field == "care_not_involve" else 0)]
    if wishes:
        heading = ctx.heading(tr._("My wishes about care"), st.h2, level=None,
                              keep=st.body.leading * 4)
        # Kept together: on one page when they fit on one.
        story += [heading[0], KeepOnPage([heading[1], *wishes])]
    return story


# -- For my appointment -------------------------------------------------------------------

def appointment_story(ctx: Context) -> list[Flowable]:
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    story: list[Flowable] = [ctx.p(tr._("For my appointment"), style=st.h1_first)]
    facts = []
    if info.owner_name.strip():
        facts.append(info.owner_name)
    when = info.next_appointment_on
    if when and when >= ctx.today:   # a date that has passed would only mislead
        facts.append(tr._("Appointment on {date}").format(date=ctx.date(when)))
    facts.append(tr._("printed {date}").format(date=ctx.date(ctx.today)))
    story.append(ctx.p(*dotted(facts), style=st.subtitle_start))
    story += ctx.scope_note()
    topics = blocks.topics(ctx, open_only=True)
    if topics:
        story += ctx.heading(tr._("Things I want to talk about"), level=None) + topics
    goals = blocks.goals_table(ctx, TEXT_WIDTH)
    if goals:
        story += ctx.heading(tr._("My goals and how they are going"), level=None) + goals
    if ctx.wants("checkins"):
        heading = ctx.heading(tr._("My check-ins"), level=None)
        story += [heading[0]] + blocks.checkin_block(ctx, TEXT_WIDTH, blocks.period_checkins(ctx),
                                                     heading=heading[1])
    signs = blocks.fields(ctx, ctx.section("warning_signs"))
    if signs:
        story += ctx.heading(tr._(ctx.section("warning_signs").title), level=None) + signs
    lines = 10 if not ctx.options.large_print else 7
    gap = st.body_size * 2.2
    story += [CondPageBreak(gap * 5 + st.h1.fontSize * 3)]
    story += [ctx.p(tr._("Notes from my appointment"), style=st.h1), NoteLines(lines, gap)]
    return story


# -- My wishes about care ------------------------------------------------------------------

#: What the advance statement gathers, in order.
_WISHES = (("hard_times", "care_helped"), ("hard_times", "care_not_helped"),
           ("hard_times", "helps_unwell"), ("hard_times", "not_helps_unwell"),
           ("hard_times", "care_where"), ("hard_times", "care_involve"),
           ("hard_times", "care_not_involve"), ("warning_signs", "others_do"),
           ("hard_times", "practical"))


def wishes_story(ctx: Context) -> list[Flowable]:
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    story: list[Flowable] = [ctx.p(tr._("My wishes about care"), style=st.h1_first)]
    name = info.owner_name.strip()
    story.append(ctx.p(*dotted(_dates_line(ctx, name)), style=st.subtitle_start))
    story += ctx.scope_note()
    story.append(_box(ctx, [ctx.p(tr._(
        "This is a statement of my wishes about my care and treatment, in my own words, for a "
        "time when I may find it hard to say what I want. Please read it and take it into "
        "account in any decision about my care. It is not a legal document by itself."))],
        TEXT_WIDTH))
    story.append(Spacer(1, st.body_size))
    body = []
    for section, field in _WISHES:
        body += _field_block(ctx, section, field, style=st.h2, inline=False)
    if not body:
        body.append(ctx.p(tr._("I haven't written my wishes about care in my plan yet.")))
    story += body
    story += _signatures(ctx)
    return story


def _signatures(ctx: Context) -> list[Flowable]:
    tr, st = ctx.tr, ctx.styles
    gap = st.body_size * 2.6

    def line(label: str, prefill: str = "") -> Table:
        cells = [ctx.p(("b", label), style=st.cell), ctx.p(prefill, style=st.body) if prefill
                 else Spacer(1, 1)]
        widths = [TEXT_WIDTH * 0.32, TEXT_WIDTH * 0.68]
        if ctx.rtl:
            cells.reverse()
            widths.reverse()
        table = Table([cells], colWidths=widths, rowHeights=[gap])
        value = 0 if ctx.rtl else 1
        table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS),  # else ReportLab selects Helvetica
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (value, 0), (value, 0), 0.6, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]))
        return table

    mine = [ctx.p(tr._("Signed by me"), style=st.h2),
            line(tr._("My name"), ctx.plan.info.owner_name.strip()),
            line(tr._("My signature")), line(tr._("Date"))]
    other = [ctx.p(tr._("Witness or professional (if I wish)"), style=st.h2),
             ctx.p(tr._("Someone I trust, or a professional, can sign to say they have read "
                        "my wishes with me."), style=st.small),
             line(tr._("Their name")), line(tr._("Their role")), line(tr._("Their signature")),
             line(tr._("Date"))]
    return [Spacer(1, st.body_size), KeepTogether(mine), Spacer(1, st.body_size * 0.5),
            KeepTogether(other)]


# -- Pocket card -----------------------------------------------------------------------------

def card_story(ctx: Context) -> list[Flowable]:
    people = ctx.visible(ctx.plan.crisis_contacts()) if ctx.wants("my_people") else []
    services = ctx.visible(ctx.plan.services) if ctx.wants("my_people") else []
    helps = []
    for section, field in HELPS_MOST:
        helps += [e.text for e in ctx.entries(section, field) if e.text.strip()]
    return crisis_card(ctx, people, services, helps[:3], TEXT_WIDTH)
