"""Pieces that more than one layout prints: a section's fields, goals,
contacts, services, appointment topics and check-ins."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..plans.model import CheckIn, Contact, CrisisService, Goal, GoalStatus
from ..plans.progress import SCORE_LABELS, SCORES, checkins_in_period, summary
from ..plans.sections import SectionSpec
from .chart import checkin_chart, legend
from .fonts import SANS, SANS_BOLD
from .story import BOX, BOX_TICKED, CELL_PAD, Context, Stack, dotted, email_lines, lead, phone_text
from .text import left_to_right

def _checkin_label(ctx: Context, key: str) -> str:
    return ctx.tr._(SCORE_LABELS[key])


def fields(ctx: Context, spec: SectionSpec, only_crisis: bool = False,
           keys: tuple[str, ...] | None = None) -> list[Flowable]:
    """Every field of ``spec`` that has entries, with its heading."""
    out: list[Flowable] = []
    for field in spec.fields:
        if (only_crisis and not field.crisis) or (keys is not None and field.key not in keys):
            continue
        entries = ctx.entries(spec.key, field.key)
        if not entries:
            continue
        body: list[Flowable] = []
        for entry in entries:
            if field.multi or entry.detail.strip():
                body.extend(ctx.entry_flowables(entry, field.detail_label))
            else:
                body.extend(ctx.attributed([ctx.p(entry.text)], entry))
        out += lead(ctx.heading(ctx.tr._(field.label), ctx.styles.h2, level=None,
                                keep=ctx.styles.body.leading * 3), body)
    return out


# -- goals ----------------------------------------------------------------------

def status_text(ctx: Context, goal: Goal) -> str:
    status = ctx.tr._(goal.status.label)
    if goal.status is GoalStatus.ACHIEVED and goal.achieved_on:
        return ctx.tr._("{status} on {date}").format(status=status, date=ctx.date(goal.achieved_on))
    return status


def goal(ctx: Context, item: Goal) -> list[Flowable]:
    """One goal in full: what, status, why, steps as a checklist, notes."""
    tr, st = ctx.tr, ctx.styles
    out: list[Flowable] = ctx.heading(item.what or tr._("A goal"), st.h2, level=None,
                                      keep=st.body.leading * 4)
    facts = [tr._("Status: {status}").format(status=status_text(ctx, item))]
    if item.life_area is not None:
        facts.append(tr._("Life area: {area}").format(area=tr._(item.life_area.label)))
    if item.target_date:
        facts.append(tr._("Target date: {date}").format(date=ctx.date(item.target_date)))
    out.append(ctx.p(*dotted(facts), style=st.meta))
    if item.why.strip():
        out.append(ctx.p(("b", tr._("Why it matters to me:") + " "), item.why))
    if item.who_can_help.strip():
        out.append(ctx.p(("b", tr._("Who can help:") + " "), item.who_can_help))
    steps = ctx.visible(item.steps)
    if steps:
        done = sum(1 for s in steps if s.done)
        out.append(ctx.p(tr._("Small steps ({done} of {total} done)").format(
            done=ctx.number(done), total=ctx.number(len(steps))), style=st.h3))
        for step in steps:
            if step.done:
                out.append(ctx.item(step.text, ("i", "  " + tr._("done on {date}").format(
                    date=ctx.date(step.done_on))), mark=BOX_TICKED, style=st.check))
            else:
                out.append(ctx.item(step.text, mark=BOX, style=st.check))
    notes = ctx.visible(item.notes)
    if notes:
        out.append(ctx.p(tr._("How it is going"), style=st.h3))
        for note in sorted(notes, key=lambda n: n.date):
            out.extend(ctx.attributed(
                [ctx.item(("b", ctx.date(note.date, "medium") + ": "), note.text)], note))
    return ctx.attributed(out, item)


def goals_table(ctx: Context, width: float) -> list[Flowable]:
    """Goals and progress at a glance: status and steps done of total."""
    tr = ctx.tr
    goals = ctx.visible(ctx.plan.goals) if ctx.wants("goals") else []
    if not goals:
        return []
    rows = [[ctx.cell(tr._("Goal"), head=True), ctx.cell(tr._("Status"), head=True),
             ctx.cell(tr._("Steps done"), head=True)]]
    for item in goals:
        steps = ctx.visible(item.steps)
        done = sum(1 for s in steps if s.done)
        progress = (tr._("{done} of {total}").format(done=ctx.number(done), total=ctx.number(len(steps)))
                    if steps else "\u2013")
        what = [item.what or tr._("A goal")]
        if item.target_date:
            what.append("\n" + tr._("Target date: {date}").format(date=ctx.date(item.target_date)))
        rows.append([ctx.cell(*what, label=item.what or tr._("A goal")),
                     ctx.cell(status_text(ctx, item)), ctx.cell(progress)])
    return [ctx.table(rows, [width * 0.56, width * 0.26, width * 0.18])]


# -- people and services -------------------------------------------------------------

def _contact_name(ctx: Context, contact: Contact) -> list:
    spans: list = [("b", contact.name or ctx.tr._("Someone"))]
    if contact.relationship.strip():
        spans.append("\n" + contact.relationship)
    return spans


def _reach(ctx: Context, contact: Contact, width: float) -> list:
    """Phone (bold, never broken) and email (broken only after @ or .)."""
    reach: list = [("b", left_to_right(phone_text(contact.phone)))] if contact.phone.strip() else []
    if contact.email.strip():
        size = ctx.styles.cell.fontSize
        reach.append(("\n" if reach else "") + email_lines(contact.email, width - 2 * CELL_PAD - 1,
                                                          SANS, size))
    return reach


def contacts_table(ctx: Context, contacts: list[Contact], width: float) -> list[Flowable]:
    tr = ctx.tr
    if not contacts:
        return []
    st = ctx.styles
    # The phone and email column is as wide as its longest phone number or email.
    longest = max([stringWidth(c.email.strip(), SANS, st.cell.fontSize) for c in contacts]
                  + [stringWidth(phone_text(c.phone), SANS_BOLD, st.cell.fontSize) for c in contacts])
    reach_w = min(max(width * 0.26, longest + 2 * CELL_PAD + 2), width * 0.4)
    rest = (width - reach_w) / 0.74
    if ctx.options.large_print:
        return _contacts_large(ctx, contacts, width)
    rows = [[ctx.cell(tr._("Who"), head=True), ctx.cell(tr._("Phone and email"), head=True),
             ctx.cell(tr._("Best times"), head=True), ctx.cell(tr._("Can help with"), head=True)]]
    for contact in contacts:
        rows.append([ctx.cell(*_contact_name(ctx, contact), label=contact.name),
                     ctx.cell(*_reach(ctx, contact, reach_w)),
                     ctx.cell(contact.best_times), ctx.cell(contact.can_help_with)])
    return [ctx.table(rows, [rest * 0.26, reach_w, rest * 0.2, rest * 0.28])]


def _contacts_large(ctx: Context, contacts: list[Contact], width: float) -> list[Flowable]:
    """Large print has room for two columns, not four: who and how to reach
    them, then when and what with."""
    tr = ctx.tr
    size = ctx.styles.cell.fontSize
    longest = max([stringWidth(c.email.strip(), SANS, size) for c in contacts]
                  + [stringWidth(phone_text(c.phone), SANS_BOLD, size) for c in contacts])
    left_w = min(max(width * 0.5, longest + 2 * CELL_PAD + 2), width * 0.6)
    rows = [[ctx.cell(tr._("Who"), "\n", tr._("Phone and email"), head=True),
             ctx.cell(tr._("Best times"), "\n",
                                                        tr._("Can help with"), head=True)]]
    for contact in contacts:
        who = _contact_name(ctx, contact)
        reach = _reach(ctx, contact, left_w)
        if reach:
            reach[0] = ("b", "\n" + reach[0][1]) if isinstance(reach[0], tuple) else "\n" + reach[0]
        more: list = []
        if contact.best_times.strip():
            more += [("b", tr._("{label}:").format(label=tr._("Best times")) + " "), contact.best_times]
        if contact.can_help_with.strip():
            more += [("\n" if more else "")]
            more += [("b", tr._("{label}:").format(label=tr._("Can help with")) + " "),
                     contact.can_help_with]
        rows.append([ctx.cell(*who, *reach, label=contact.name), ctx.cell(*more)])
    return [ctx.table(rows, [left_w, width - left_w])]


def services_table(ctx: Context, services: list[CrisisService], width: float) -> list[Flowable]:
    tr = ctx.tr
    if not services:
        return []
    rows = [[ctx.cell(tr._("Service"), head=True), ctx.cell(tr._("Phone"), head=True),
             ctx.cell(tr._("When to call"), head=True)]]
    for service in services:
        rows.append([ctx.cell(("b", service.name), label=service.name),
                     ctx.cell(("b", left_to_right(phone_text(service.phone)))),
                     ctx.cell(service.notes)])
    return [ctx.table(rows, [width * 0.3, width * 0.22, width * 0.48])]


def person(ctx: Context, name: str, relationship: str, phone: str, note: str = "",
           email: str = "", width: float = 0) -> list[Flowable]:
    """One person or service laid out for a hard moment: the name (and who
    they are), then the number large and bold on its own line, then when
    to call. Kept together; more space after it than inside it."""
    st = ctx.styles
    spans: list = [("b", name)]
    if relationship.strip():
        # the dash a span of its own: in a right-to-left line it stays
        # between the name and the words after it, whatever their script
        spans += [" \u2013 ", relationship]
    lines = [ctx.p(*spans, style=st.person)]
    if phone.strip():
        lines.append(ctx.p(("b", left_to_right(phone_text(phone))), style=st.number))
    if email.strip() and width:
        lines.append(ctx.p(email_lines(email, width, SANS, st.small.fontSize), style=st.tight))
    if note.strip():
        lines.append(ctx.p(note, style=st.tight))
    return lines + [Spacer(1, st.body_size * 0.5)]


def phone_list(ctx: Context, people: list[Contact], services: list[CrisisService],
               services_heading: bool = True) -> list[Flowable]:
    """People, then services, each laid out the same way."""
    out: list[Flowable] = []
    for contact in people:
        out.append(Stack(person(ctx, contact.name or ctx.tr._("Someone"),
                                contact.relationship, contact.phone, contact.best_times)))
    if services and services_heading:
        out += ctx.heading(ctx.tr._("Crisis services"), ctx.styles.h2, level=None)
    for service in services:
        out.append(Stack(person(ctx, service.name, "", service.phone, service.notes)))
    return out


# -- appointments --------------------------------------------------------------

def topics(ctx: Context, open_only: bool = False) -> list[Flowable]:
    """Things I want to talk about: not yet talked about first (with
    ``open_only``, only those)."""
    if not ctx.wants("appointments"):
        return []
    items = ctx.visible(t for t in ctx.plan.topics if t.text.strip())
    items.sort(key=lambda t: (t.done_on is not None, t.created))
    out: list[Flowable] = []
    for topic in items:
        if topic.done_on:
            if open_only:
                continue
            line = ctx.item(topic.text, ("i", "  " + ctx.tr._("talked about on {date}").format(
                date=ctx.date(topic.done_on))), mark=BOX_TICKED, style=ctx.styles.check)
        else:
            line = ctx.item(topic.text, mark=BOX, style=ctx.styles.check)
        out.extend(ctx.attributed([line], topic))
    return out


# -- check-ins -------------------------------------------------------------------

def period_checkins(ctx: Context) -> list[CheckIn]:
    if not ctx.wants("checkins"):
        return []
    return checkins_in_period(ctx.plan, ctx.options.checkin_days, today=ctx.today,
                              include_private=ctx.options.include_private)


def checkin_summary(ctx: Context, checkins: list[CheckIn]) -> str:
    """The same plain sentence the app shows under its chart."""
    return summary(checkins, language=ctx.options.language)


def checkin_block(ctx: Context, width: float, checkins: list[CheckIn],
                  heading: Flowable | None = None) -> list[Flowable]:
    """Heading, summary sentence, chart and key, kept together on one page;
    then a reminder of what the numbers are."""
    st = ctx.styles
    block: list[Flowable] = [heading] if heading is not None else []
    block.append(ctx.p(checkin_summary(ctx, checkins)))
    if checkins:
        size = st.body_size * 0.8
        block.append(checkin_chart(checkins, width, min(width * 0.45, st.body_size * 16),
                                   ctx.options.language, size))
        labels = {key: ctx.p(_checkin_label(ctx, key), style=st.cell) for key in SCORES}
        block += [Spacer(1, 4), legend(labels, width, st.body_size, ctx.rtl)]
    return [KeepTogether(block),
            ctx.p(ctx.tr._("Each score is from 0 to 10. They are my own reflections, "
                           "not a test or a clinical measure."), style=st.small)]


def checkin_table(ctx: Context, checkins: list[CheckIn], width: float, most: int = 10) -> list[Flowable]:
    """The most recent check-ins, newest first."""
    tr = ctx.tr
    recent = list(reversed(checkins))[:most]
    if not recent:
        return []
    rows = [[ctx.cell(tr._("Date"), head=True)]
            + [ctx.cell(_checkin_label(ctx, key), head=True) for key in SCORES]
            + [ctx.cell(tr._("Note"), head=True)]]
    for c in recent:
        rows.append([ctx.cell(ctx.date(c.at, "medium"), label=ctx.date(c.at, "medium"))]
                    + [ctx.cell(ctx.number(getattr(c, key))) for key in SCORES]
                    + [ctx.cell(c.note)])
    return [ctx.table(rows, [width * 0.2, width * 0.12, width * 0.14, width * 0.16, width * 0.38])]
