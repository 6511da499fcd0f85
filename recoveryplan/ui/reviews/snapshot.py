"""Looking at my plan as it was at a review: read-only, section by section.

A snapshot is the exchange-format ``plan`` dict kept with a review. It is
turned back into plan objects and written out as simple HTML in a
``QTextBrowser`` (read-only, searchable, read out by screen readers).
While planning together, "just for me" records are left out here too.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from ...i18n import _, format_date, format_number
from ...plans.model import Plan, Record, Review
from ...plans.sections import SECTIONS, SectionKind, SectionSpec
from ...plans.snapshots import plan_from_snapshot
from ..context import PlanContext
from ...plans.labels import FIELD_LABELS
from ..widgets.dates import shown_date
from ..widgets.kit import close_row, size_to_text
from ..widgets.translated import translations

#: How many of the latest check-ins a snapshot shows.
CHECKINS_SHOWN = 5


def esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else ""


class SnapshotRenderer:
    """The plan as HTML, one heading per section that has something in it."""

    def __init__(self, plan: Plan, hide_private: bool) -> None:
        self.plan = plan
        self.hide_private = hide_private

    def shown(self, records: list[Record]) -> list[Record]:
        return [r for r in records if not (self.hide_private and r.private)]

    def html(self) -> str:
        parts = []
        for spec in SECTIONS:
            body = self.section(spec)
            if body:
                parts.append(f"<h3>{esc(_(spec.title))}</h3>{body}")
        nothing = _("Nothing was written in my plan yet.")
        return "".join(parts) or f"<p>{esc(nothing)}</p>"

    def section(self, spec: SectionSpec) -> str:
        kind = spec.kind
        if kind == SectionKind.FIELDS:
            return self.fields(spec)
        if kind == SectionKind.GOALS:
            return bullets([self.goal(g) for g in self.shown(self.plan.goals)])
        if kind == SectionKind.LIFE_AREAS:
            return self.life_areas()
        if kind == SectionKind.CONTACTS:
            return bullets([self.contact(c) for c in self.shown(self.plan.contacts)])
        if kind == SectionKind.APPOINTMENTS:
            return self.appointments()
        if kind == SectionKind.CHECKINS:
            return self.checkins()
        return ""

    def fields(self, spec: SectionSpec) -> str:
        out = ""
        if spec.key == "about_me" and self.plan.info.owner_name:
            out += "<p>" + esc(_("The name I like to be called: {name}").format(
                name=self.plan.info.owner_name)) + "</p>"
        for field in spec.fields:
            lines = []
            for entry in self.shown(self.plan.entries_for(spec.key, field.key)):
                line = esc(entry.text)
                if entry.detail and field.detail_label:
                    line += "<br><i>" + esc(_("{label}: {text}").format(
                        label=_(field.detail_label), text=entry.detail)) + "</i>"
                if line:
                    lines.append(line)
            if lines:
                out += f"<h4>{esc(_(field.label))}</h4>" + bullets(lines)
        return out

    def goal(self, goal) -> str:
        what = goal.what or _("(a new goal)")
        out = f"<b>{esc(what)}</b> ({esc(_(goal.status.label))})"
        if goal.why:
            out += "<br>" + esc(goal.why)
        steps = [("\u2713 " if s.done else "\u25cb ") + esc(s.text) for s in self.shown(goal.steps)]
        notes = [esc(_("{date}: {text}").format(date=shown_date(n.date), text=n.text))
                 for n in self.shown(goal.notes)]
        return out + bullets(steps) + bullets(notes)

    def life_areas(self) -> str:
        out = ""
        for note in self.shown(self.plan.life_areas):
            lines = [esc(_("{label}: {text}").format(label=_(FIELD_LABELS[("life_area", f)]),
                                                     text=getattr(note, f)))
                     for f in ("now_text", "hope_text") if getattr(note, f).strip()]
            if lines:
                out += f"<h4>{esc(_(note.area.label))}</h4>" + bullets(lines)
        return out

    def contact(self, contact) -> str:
        bits = [b for b in (contact.relationship, contact.phone) if b]
        name = contact.name or _("(a new person)")
        return f"<b>{esc(name)}</b>" + (
            " \u2014 " + esc(", ".join(bits)) if bits else "")

    def appointments(self) -> str:
        out = ""
        when = self.plan.info.next_appointment_on
        if when is not None:
            out += "<p>" + esc(_("My next appointment: {date}").format(date=format_date(when))) + "</p>"
        topics = [esc(t.text) + (" \u2713" if t.done_on else "") for t in self.shown(self.plan.topics)]
        return out + bullets(topics)

    def checkins(self) -> str:
        latest = sorted(self.shown(self.plan.checkins), key=lambda c: c.at, reverse=True)
        lines = [esc(_("{date}: hope {hope}, in control {control}, beyond illness {beyond}").format(
            date=shown_date(c.at), hope=format_number(c.hope),
            control=format_number(c.control), beyond=format_number(c.beyond))
            + (" \u2014 " + c.note if c.note else "")) for c in latest[:CHECKINS_SHOWN]]
        return bullets(lines)


class ReadOnlyDialog(QDialog):
    """A window of words to read (and select), with a Close button.
    ``render`` returns HTML; it runs again when the language or the
    planning-together mode changes."""

    def __init__(self, ctx: PlanContext, render: Callable[[], tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._render = render
        self.text = QTextBrowser(self)
        self.text.setObjectName("readOnlyText")
        self.text.setOpenLinks(False)
        self.close_button, row = close_row(self, "readOnlyCloseButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        ctx.together_changed.connect(self.refresh)
        translations(self).call(self.refresh)
        size_to_text(self, 80, 36, parent)

    def refresh(self, *_args) -> None:
        title, body = self._render()
        self.setWindowTitle(title)
        self.text.setHtml(f"<h2>{esc(title)}</h2>{body}")
        self.text.setAccessibleName(title)
        self.close_button.setText(_("Close"))

    def done(self, result: int) -> None:
        self.ctx.together_changed.disconnect(self.refresh)
        super().done(result)


def open_snapshot(ctx: PlanContext, review: Review, snapshot: dict[str, Any],
                  parent: QWidget | None) -> ReadOnlyDialog:
    """Show the plan as it was at ``review`` (not blocking)."""
    plan = plan_from_snapshot(snapshot)

    def render() -> tuple[str, str]:
        title = _("My plan on {date}").format(date=format_date(review.date))
        return title, SnapshotRenderer(plan, bool(ctx.together_with)).html()

    dialog = ReadOnlyDialog(ctx, render, parent)
    dialog.setObjectName("snapshotView")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
