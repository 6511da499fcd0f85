"""The "My plan" PDF can open with what changed since my last review."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber

from recoveryplan.export.pdf import Layout, PdfOptions, render_pdf
from recoveryplan.plans.exchange import snapshot_of
from recoveryplan.plans.model import Entry, Goal, GoalStatus, Plan
from recoveryplan.plans.service import MemoryStore, PlanEditor, make_review


def text_of(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def reviewed_plan() -> Plan:
    editor = PlanEditor(Plan.new("Sam"), MemoryStore())
    walk = editor.add(Entry(section="keeping_well", field="everyday", text="a walk"))
    goal = editor.add(Goal(what="Swim again"))
    editor.add(make_review(editor.plan, snapshot_of(editor.plan), date=dt.date(2026, 3, 3)))
    editor.add(Entry(section="hopes", field="hopes", text="to visit Dublin"))
    editor.add(Entry(section="hopes", field="hopes", text="SECRETHOPE", private=True))
    editor.update(goal, status=GoalStatus.ACHIEVED)
    editor.remove(walk)
    return editor.plan


def render(plan: Plan, **options) -> str:
    return text_of(render_pdf(plan, PdfOptions(layout=Layout.PLAN, **options)))


def test_since_last_review_summary_is_printed_when_asked():
    plan = reviewed_plan()
    text = render(plan, since_last_review=True)
    assert "Since my last review on 3 March 2026" in text
    assert "I achieved 1 goal: Swim again." in text
    assert "My hopes: 1 new" in text          # the just-for-me hope is not counted
    assert "Keeping well: 1 taken out" in text
    assert "My hopes: 2 new" in render(plan, since_last_review=True, include_private=True)
    assert "Since my last review" not in render(plan)


def test_no_review_or_no_loaded_copy_prints_nothing_about_it():
    plan = reviewed_plan()
    plan.reviews[0].snapshot = None
    assert "Since my last review" not in render(plan, since_last_review=True)
    assert "Since my last review" not in render(Plan.new("Sam"), since_last_review=True)
