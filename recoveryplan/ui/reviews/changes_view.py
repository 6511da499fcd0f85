"""What changed: since my last review, or from one review to the next.

Uses ``plans.changes``: the summary in plain words (``describe``), then each
section's entries that are new, changed or taken out (``detail_lines``).
While planning together, "just for me" records are left out of both.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...i18n import _, format_date
from ...plans.changes import ChangeReport, compare, describe, detail_lines, plan_dict
from ...plans.model import Review
from ...plans.sections import section
from ..context import PlanContext
from .snapshot import ReadOnlyDialog, bullets, esc


def _heading(text: str) -> str:
    return f"<h3>{esc(text)}</h3>"


def report_html(report: ChangeReport) -> str:
    # (No _() inside f-strings: the string extractor cannot see them there.)
    out = _heading(_("In short")) + bullets([esc(line) for line in describe(report)])
    if report.goals_achieved:
        out += _heading(_("Goals I achieved")) + bullets(
            [esc(c.label) for c in report.goals_achieved])
    for changes in report.sections:
        if not changes.empty:
            out += _heading(_(section(changes.section).title)) + bullets(
                [esc(line) for line in detail_lines(changes)])
    return out


def open_changes(ctx: PlanContext, old: Review, old_snapshot: dict[str, Any],
                 new: Review | None, new_snapshot: Callable[[], dict[str, Any]],
                 parent: QWidget | None) -> ReadOnlyDialog:
    """Compare the plan at review ``old`` with review ``new`` (or, when
    ``new`` is None, with the plan as it is now). ``new_snapshot`` gives the
    newer side each time the view is drawn."""

    def render() -> tuple[str, str]:
        if new is None:
            title = _("What changed since my review on {date}").format(date=format_date(old.date))
        else:
            title = _("What changed between my reviews on {old} and {new}").format(
                old=format_date(old.date), new=format_date(new.date))
        report = compare(old_snapshot, new_snapshot(), hide_private=bool(ctx.together_with))
        return title, report_html(report)

    dialog = ReadOnlyDialog(ctx, render, parent)
    dialog.setObjectName("changesView")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def changes_since(ctx: PlanContext, review: Review, snapshot: dict[str, Any],
                  parent: QWidget | None) -> ReadOnlyDialog:
    """What changed between ``review`` and the plan now."""
    return open_changes(ctx, review, snapshot, None, lambda: plan_dict(ctx.plan), parent)
