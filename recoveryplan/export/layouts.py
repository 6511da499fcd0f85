"""The five layouts, each a story of flowables for ``document.build_pdf``.

"My plan" is in ``plan_layout`` (named here too, so ``pdf`` finds all five
in one place); the pieces they share are in ``layout_pieces``.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from ..plans.model import Contact
from . import blocks
from .card import crisis_card
from .document import HEAD_SHARE, MARGIN, block_height
from .fonts import SANS
from .layout_pieces import TEXT_WIDTH, NoteLines, _box, _columns, _dates_line, _role, _texts
from .plan_layout import plan_story  # noqa: F401  (one of the five)
from .story import Context, KeepOnPage, WithAttribution, dotted, lead
from .styles import INK

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
#: What the box shows of each list, tried in turn until the box fits on page
#: 1 with room to spare: (items, characters of each; None: all of it). An
#: item cut short is printed whole below the box, as are those after it.
_BOX_TRIES = ((_BOX_ITEMS, None), (_BOX_ITEMS, 300), (2, 160), (1, 100), (0, 0))
_BOX_LISTS = ("helps_unwell", "not_helps_unwell", "care_not_involve")


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
    services = ctx.services()
    return ([c for c in people if not c.professional], [c for c in people if c.professional],
            services)


def crisis_head(ctx: Context) -> list[Flowable]:
    """Page 1, across the page: the name, the dates, and the summary box."""
    out = _head_lines(ctx)
    box = _fitted_summary(ctx)[0]
    if box:
        out += [*_around_box(ctx, box)]
    return out


def _head_lines(ctx: Context) -> list[Flowable]:
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    name = info.owner_name.strip()
    out: list[Flowable] = []
    if name:
        out.append(ctx.p(name, style=st.name))
    out.append(ctx.p(*dotted([("b", tr._("My crisis and safety plan")), *_dates_line(ctx)]),
                     style=st.small))
    return out + ctx.scope_note()


def _around_box(ctx: Context, box: list[Flowable]) -> list[Flowable]:
    size = ctx.styles.body_size
    return [Spacer(1, size * 0.3), *box, Spacer(1, size * 0.4)]


def _fitted_summary(ctx: Context) -> tuple[list[Flowable], dict[str, int]]:
    """The summary box (as flowables), and for each of its lists how many
    of the first items it shows whole (the story prints the rest). Long
    words are shortened in the box until it fits in page 1's head; if even
    the shortest box would not, the same words are printed unboxed, so a
    page is never too small for them. Worked out once per rendering."""
    made = getattr(ctx, "_crisis_summary", None)
    if made is not None:
        return made
    width = _crisis_width(ctx)
    # The head frame (name, dates, box) takes at most HEAD_SHARE of a page.
    room = ((A4[1] - 2 * MARGIN) * HEAD_SHARE - 4 * mm
            - block_height(_head_lines(ctx) + _around_box(ctx, []), width))
    made = None
    for items, chars in _BOX_TRIES:
        body, whole = _summary(ctx, items, chars)
        if body is None:
            made = ([], {})
            break
        box = _box(ctx, body, width)
        if box.wrap(width, A4[1])[1] <= room:
            made = ([box], whole)
            break
    if made is None:          # unboxed: paragraphs can break across pages
        body, whole = _summary(ctx, 0, 0, columns=False)
        made = (body, whole)
    ctx._crisis_summary = made
    return made


def _shortened(text: str, chars: int | None) -> tuple[str, bool]:
    """``text`` cut at a word to about ``chars`` characters (with an
    ellipsis), and whether it was cut."""
    if chars is None or len(text) <= chars:
        return text, False
    cut = text[:chars].rsplit(None, 1)[0] if " " in text[:chars] else text[:chars]
    return cut.rstrip(" ,;:.!?") + "\u2026", True


def _summary(ctx: Context, shown: int = _BOX_ITEMS, chars: int | None = None,
             columns: bool = True) -> tuple[list[Flowable] | None, dict[str, int]]:
    """The words of the "In a crisis" box: who to call first, my care
    coordinator and GP, what helps and what doesn't, who not to contact,
    crisis services. ``shown`` items of each list, each cut to ``chars``."""
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
    whole: dict[str, int] = {}
    for label, field in zip((tr._("What helps me"), tr._("What does not help me"),
                             tr._("Please don't contact")), _BOX_LISTS):
        items = _texts(ctx, "hard_times", field)
        whole[field] = 0
        if items:
            second.append(ctx.p(label, style=st.box_head))
            cut_any = False
            for text in items[:shown]:
                text, cut = _shortened(text, chars)
                cut_any = cut_any or cut
                whole[field] += 0 if cut_any else 1
                second.append(ctx.item(text, style=st.bullet_tight))
            if len(items) > whole[field]:
                second.append(ctx.p(tr._("More below."), style=st.tight))
    if not first and not second and not services:
        return None, whole
    body: list[Flowable] = [ctx.p(tr._("In a crisis"), style=st.h2_box)]
    if not columns:
        body += first + second
    elif first or second:
        body.append(_columns(ctx, first, second, inner) if first and second else
                    _columns(ctx, first or second, [], inner))
    if services:
        body.append(ctx.p(tr._("Crisis services"), style=st.box_head))
        cells = [blocks.person(ctx, s.name, "", s.phone, "")[:2] for s in services]
        if columns:
            body.append(_row(ctx, cells, inner))
        else:
            body += [part for cell in cells for part in cell]
    return body, whole


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
    in_box = _fitted_summary(ctx)[1]
    for field in ("helps_unwell", "not_helps_unwell"):
        story += _field_block(ctx, "hard_times", field, skip=in_box.get(field, 0))
    for section, field in _KEEPING_SAFE:
        story += _field_block(ctx, section, field, style=st.h2)
    # who not to contact is in the box already (the rest of a long list follows here)
    wishes = [f for field in _CRISIS_WISHES for f in _field_block(
        ctx, "hard_times", field, skip=in_box.get(field, 0) if field == "care_not_involve" else 0)]
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
