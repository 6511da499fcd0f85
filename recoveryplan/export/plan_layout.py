"""The "My plan" layout: the whole plan, section by section, with a cover."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ..plans.changes import compare, describe, detail_lines, plan_dict
from ..plans.model import LifeArea
from ..plans.sections import SECTIONS, SectionKind
from . import blocks
from .layout_pieces import TEXT_WIDTH, ContentsSlot
from .story import Context

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
    services = ctx.services()
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
