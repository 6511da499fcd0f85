"""The four layouts, each a story of flowables for ``document.build_pdf``."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from ..plans.changes import compare, describe, plan_dict
from ..plans.model import LifeArea
from ..plans.sections import SECTIONS, SectionKind
from . import blocks
from .card import crisis_card
from .document import MARGIN
from .story import Context

#: Width of the text on a one-column A4 page.
TEXT_WIDTH = A4[0] - 2 * MARGIN
#: Fields of "When things are really hard" that the pocket card can use for
#: "three things that help me most", in order of preference.
HELPS_MOST = (("hard_times", "on_my_own"), ("hard_times", "helps_unwell"),
              ("keeping_well", "everyday"))


# -- My plan -----------------------------------------------------------------------

def plan_story(ctx: Context) -> list[Flowable]:
    story = _cover(ctx)
    if ctx.options.since_last_review:
        story.extend(_since_last_review(ctx))
    for spec in SECTIONS:
        if not ctx.wants(spec.key):
            continue
        section = _section(ctx, spec)
        if section:
            # A section starts on the page only if some of it fits there too.
            story.append(CondPageBreak(ctx.styles.body_size * 8))
            story.extend(section)
    return story


def _cover(ctx: Context) -> list[Flowable]:
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    out: list[Flowable] = [Spacer(1, 45 * mm), ctx.p(tr._("My recovery plan"), style=st.title)]
    if info.owner_name.strip():
        out.append(ctx.p(tr._("This plan belongs to {name}").format(name=info.owner_name),
                         style=st.subtitle))
    out.append(Spacer(1, 14 * mm))
    dates = [(tr._("Started"), info.started_on), (tr._("Last reviewed"), info.last_reviewed_on),
             (tr._("Next review"), info.next_review_on)]
    for label, value in dates:
        if value:
            out.append(ctx.p(("b", tr._("{label}:").format(label=label) + " "), ctx.date(value),
                             style=st.subtitle))
    out.append(Spacer(1, 20 * mm))
    out.append(ctx.p(tr._("This is my plan, in my own words. Please keep it private and "
                          "give it back to me when you have read it."), style=st.subtitle))
    out.append(PageBreak())
    return out


def _section(ctx: Context, spec) -> list[Flowable]:
    """The section with its heading, or nothing when it has no content."""
    heading = ctx.p(ctx.tr._(spec.title), style=ctx.styles.h1)
    kind = spec.kind
    if kind is SectionKind.CHECKINS:
        checkins = blocks.period_checkins(ctx)
        if not checkins:
            return []
        # the heading stays on the page with the chart
        return (blocks.checkin_block(ctx, TEXT_WIDTH, checkins, heading)
                + [ctx.p(ctx.tr._("Recent check-ins"), style=ctx.styles.h2)]
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
    return [heading, *body] if body else []


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
        rows.append([ctx.cell(("b", tr._(area.label))),
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
        out.append(ctx.p(ctx.tr._("Crisis services"), style=ctx.styles.h2))
        out.extend(blocks.services_table(ctx, services, TEXT_WIDTH))
    return out


def _appointments(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = []
    when = ctx.plan.info.next_appointment_on
    if when:
        out.append(ctx.p(("b", ctx.tr._("My next appointment:") + " "), ctx.date(when)))
    items = blocks.topics(ctx)
    if items:
        out.append(ctx.p(ctx.tr._("Things I want to talk about"), style=ctx.styles.h2))
        out.extend(items)
    return out


def _since_last_review(ctx: Context) -> list[Flowable]:
    """What changed since the newest review, in plain words (nothing when
    there is no review, or its copy of the plan was not loaded)."""
    reviews = [r for r in ctx.visible(ctx.plan.reviews) if r.snapshot is not None]
    if not reviews:
        return []
    last = max(reviews, key=lambda r: r.date)
    report = compare(last.snapshot, plan_dict(ctx.plan), hide_private=not ctx.options.include_private)
    out: list[Flowable] = [ctx.p(ctx.tr._("Since my last review on {date}").format(
        date=ctx.date(last.date)), style=ctx.styles.h1)]
    out.extend(ctx.item(line) for line in describe(report, ctx.tr))
    return out


def _reviews(ctx: Context) -> list[Flowable]:
    tr, st = ctx.tr, ctx.styles
    out: list[Flowable] = []
    for review in sorted(ctx.visible(ctx.plan.reviews), key=lambda r: r.date, reverse=True):
        out.append(ctx.p(tr._("Review on {date}").format(date=ctx.date(review.date)), style=st.h2))
        if review.who_was_there.strip():
            out.append(ctx.p(("b", tr._("Who was there:") + " "), review.who_was_there))
        if review.agreed.strip():
            out.append(ctx.p(("b", tr._("What we agreed:") + " "), review.agreed))
        if review.next_review_on:
            out.append(ctx.p(("b", tr._("Next review:") + " "), ctx.date(review.next_review_on)))
        out.extend(ctx.attribution(review))
    return out


# -- My crisis and safety plan ------------------------------------------------------------

#: Crisis fields printed before the people to call, then the wishes after.
_CRISIS_FIRST = ("need_help_signs", "on_my_own", "distractions", "safer", "keeps_me_going",
                 "helps_unwell", "not_helps_unwell")
_CRISIS_WISHES = ("care_helped", "care_not_helped", "care_where", "care_involve",
                  "care_not_involve", "practical")


def crisis_story(ctx: Context) -> list[Flowable]:
    tr, st = ctx.tr, ctx.styles
    hard = ctx.section("hard_times")
    story: list[Flowable] = [ctx.p(tr._("My crisis and safety plan"), style=st.h1)]
    if ctx.plan.info.owner_name.strip():
        story.append(ctx.p(tr._("This plan belongs to {name}").format(name=ctx.plan.info.owner_name),
                           style=st.small))
    signs = blocks.fields(ctx, ctx.section("warning_signs"), only_crisis=True)
    if signs:
        story.append(ctx.p(tr._(ctx.section("warning_signs").title), style=st.h1))
        story.extend(signs)
    first = blocks.fields(ctx, hard, only_crisis=True, keys=_CRISIS_FIRST)
    if first:
        story.append(ctx.p(tr._(hard.title), style=st.h1))
        story.extend(first)
    people = ctx.visible(ctx.plan.crisis_contacts()) if ctx.wants("my_people") else []
    services = ctx.visible(ctx.plan.services) if ctx.wants("my_people") else []
    if people or services:
        story.append(ctx.p(tr._("People I can ask for help"), style=st.h1))
        story.extend(blocks.phone_list(ctx, people, services))
    wishes = blocks.fields(ctx, hard, only_crisis=True, keys=_CRISIS_WISHES)
    if wishes:
        story.append(ctx.p(tr._("My wishes about care"), style=st.h1))
        story.extend(wishes)
    return story


# -- For my appointment -------------------------------------------------------------------

def appointment_story(ctx: Context) -> list[Flowable]:
    tr, st, info = ctx.tr, ctx.styles, ctx.plan.info
    story: list[Flowable] = [ctx.p(tr._("For my appointment"), style=st.title)]
    facts = []
    if info.owner_name.strip():
        facts.append(info.owner_name)
    if info.next_appointment_on:
        facts.append(tr._("Appointment on {date}").format(date=ctx.date(info.next_appointment_on)))
    if facts:
        story.append(ctx.p("  \u00b7  ".join(facts), style=st.subtitle))
    goals = blocks.goals_table(ctx, TEXT_WIDTH)
    if goals:
        story += [ctx.p(tr._("My goals and how they are going"), style=st.h1)] + goals
    if ctx.wants("checkins"):
        story.extend(blocks.checkin_block(ctx, TEXT_WIDTH, blocks.period_checkins(ctx),
                                          heading=ctx.p(tr._("My check-ins"), style=st.h1)))
    signs = blocks.fields(ctx, ctx.section("warning_signs"))
    if signs:
        story += [ctx.p(tr._(ctx.section("warning_signs").title), style=st.h1)] + signs
    topics = blocks.topics(ctx)
    if topics:
        story += [ctx.p(tr._("Things I want to talk about"), style=st.h1)] + topics
    return story


# -- Pocket card -----------------------------------------------------------------------------

def card_story(ctx: Context) -> list[Flowable]:
    people = ctx.visible(ctx.plan.crisis_contacts())[:4] if ctx.wants("my_people") else []
    services = ctx.visible(ctx.plan.services) if ctx.wants("my_people") else []
    helps = []
    for section, field in HELPS_MOST:
        helps += [e.text for e in ctx.entries(section, field) if e.text.strip()]
    return crisis_card(ctx, people, services, helps[:3], TEXT_WIDTH)
