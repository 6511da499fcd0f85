"""The demo plan and the generated plans."""

from __future__ import annotations

import json
import re

import pytest

from recoveryplan.plans import samples
from recoveryplan.plans.exchange import from_document, to_document
from recoveryplan.plans.model import COLLECTIONS, GoalStatus, LifeArea
from recoveryplan.plans.samples import HARD_SNIPPETS, generate_plan, load_sample_plan
from recoveryplan.plans.sections import ENTRY_FIELDS, SECTIONS, SectionKind
from recoveryplan.plans.validation import MAX_TEXT, record_problems


@pytest.fixture(scope="module")
def sample():
    return load_sample_plan()


def test_sample_loads_from_resources(sample, sample_document):
    assert sample == from_document(sample_document)
    assert sample.info.owner_name == "Jordan"


def test_every_field_of_every_section_has_words(sample):
    filled = {(e.section, e.field) for e in sample.entries if e.text.strip()}
    assert filled == ENTRY_FIELDS
    paired = [f for s in SECTIONS for f in s.fields if f.detail_label]
    for spec in paired:
        assert all(e.detail for e in sample.entries if e.field == spec.key)


def test_every_other_section_has_content(sample):
    kinds = {s.kind for s in SECTIONS}
    assert kinds - {SectionKind.FIELDS} == {SectionKind.GOALS, SectionKind.LIFE_AREAS, SectionKind.CONTACTS,
                                             SectionKind.APPOINTMENTS, SectionKind.CHECKINS,
                                             SectionKind.REVIEWS}
    assert 4 <= len(sample.goals) <= 6
    assert len({g.life_area for g in sample.goals}) >= 4
    assert {n.area for n in sample.life_areas} == set(LifeArea)
    assert all(n.now_text and n.hope_text for n in sample.life_areas)
    assert 6 <= len(sample.contacts) <= 8
    assert any(c.professional for c in sample.contacts) and sample.crisis_contacts()
    assert 3 <= len(sample.topics) <= 4 and any(t.done_on for t in sample.topics)
    assert sample.info.next_appointment_on is not None
    assert [s.phone for s in sample.services] == ["999", "111", "116 123"]


def test_goals_have_steps_done_and_not_and_notes(sample):
    steps = [s for g in sample.goals for s in g.steps]
    assert any(s.done for s in steps) and any(not s.done for s in steps)
    assert sum(1 for g in sample.goals if g.notes) >= 3
    assert GoalStatus.ACHIEVED in {g.status for g in sample.goals}
    for goal in sample.goals:
        assert (goal.status == GoalStatus.ACHIEVED) == (goal.achieved_on is not None)


def test_checkins_trend_gently_upwards_with_a_dip(sample):
    checkins = sample.checkins
    assert 35 <= len(checkins) <= 45
    assert [c.at for c in checkins] == sorted(c.at for c in checkins)
    assert (checkins[-1].at - checkins[0].at).days >= 140
    totals = [c.hope + c.control + c.beyond for c in checkins]
    first, last = sum(totals[:5]) / 5, sum(totals[-5:]) / 5
    assert last > first + 6
    peak_before_dip = max(totals[: len(totals) // 2])
    assert min(totals[len(totals) // 2:]) < peak_before_dip - 4  # a dip, then recovery


def test_reviews_carry_smaller_snapshots(sample):
    assert len(sample.reviews) == 2
    current = to_document(sample)["plan"]
    for review in sample.reviews:
        snapshot = review.snapshot
        assert "reviews" not in snapshot
        assert review.next_review_on > review.date
        assert len(snapshot["entries"]) < len(current["entries"])
        assert snapshot["entries"] != current["entries"]
    assert sample.info.last_reviewed_on == sample.reviews[-1].date


def test_private_and_together_entries(sample):
    assert len([e for e in sample.entries if e.private]) >= 2
    together = [e for e in sample.entries if e.together_with]
    assert together and all("care coordinator" in e.together_with for e in together)


def test_phone_numbers_are_made_up_ones(sample):
    for contact in sample.contacts:
        assert re.fullmatch(r"07700 900\d{3}|01632 960\d{3}", contact.phone), contact.phone


def test_sample_speaks_plainly():
    text = json.dumps(json.loads(samples.resource(samples.SAMPLE_FILE).read_text(encoding="utf-8"))).lower()
    for word in ("patient", "non-compliance", "compliance", "risk score", "wrap", "recovery star",
                 "stanley", "diagnos", "symptom"):
        assert word not in text, word


# -- generated plans --------------------------------------------------------------

def test_generated_sizes_are_exact():
    plan = generate_plan(goals=7, entries=33, checkins=50, reviews=3, contacts=4, seed=3)
    assert (len(plan.goals), len(plan.entries), len(plan.checkins), len(plan.reviews),
            len(plan.contacts)) == (7, 33, 50, 3, 4)
    assert len(plan.life_areas) == 9


def test_generated_plans_are_deterministic():
    def doc(**kw):
        out = to_document(generate_plan(**kw))
        out.pop("exported")
        return out

    assert doc(seed=1) == doc(seed=1)
    assert doc(seed=1) != doc(seed=2)
    assert doc(hard=True, seed=5) == doc(hard=True, seed=5)


@pytest.mark.parametrize("kw", [{}, {"hard": True}, {"goals": 0, "entries": 0, "checkins": 0,
                                                     "reviews": 0, "contacts": 0}])
def test_generated_plans_are_valid_and_round_trip(kw):
    plan = generate_plan(**kw)
    doc = to_document(plan)
    assert from_document(doc) == plan
    for name in COLLECTIONS:
        for record in plan.collection(name):
            assert record_problems(record) == []


def test_large_plan_shape():
    plan = generate_plan(goals=300, entries=2000, checkins=3650, reviews=20)
    assert (len(plan.goals), len(plan.entries), len(plan.checkins), len(plan.reviews)) == \
        (300, 2000, 3650, 20)
    days = [c.at.date() for c in plan.checkins]
    assert len(set(days)) == 3650  # daily
    sizes = [len(r.snapshot["entries"]) for r in plan.reviews]
    assert sizes == sorted(sizes) and 0 < sizes[0] < sizes[-1] < 2000
    assert [r.date for r in plan.reviews] == sorted(r.date for r in plan.reviews)


def test_hard_plan_has_every_snippet_on_its_own():
    plan = generate_plan(hard=True)
    texts = [e.text for e in plan.entries]
    for snippet in HARD_SNIPPETS:
        assert snippet in texts


def test_hard_plan_is_hard():
    plan = generate_plan(hard=True)
    longest = max(plan.entries, key=lambda e: len(e.text))
    assert len(longest.text.split()) >= 2500 and len(longest.text) <= MAX_TEXT
    assert any(len(word) > 200 for e in plan.entries for word in e.text.split())
    assert not plan.entries_for("strengths") and not plan.entries_for("back_on_track")
    assert any(not g.steps and not g.why for g in plan.goals)
    all_text = "\n".join(plan.all_text())
    for chars in ("ŵŷâ", "ąęłżźćńóś"):
        assert all(ch in all_text for ch in chars), chars
    assert re.search(r"[\u0600-\u06ff]", all_text) and re.search(r"[\u0370-\u03ff]", all_text)
    assert re.search(r"[\u0400-\u04ff]", all_text) and re.search(r"[\U0001F300-\U0001FAFF]", all_text)


def test_hard_plan_needs_room_for_its_snippets():
    with pytest.raises(ValueError):
        generate_plan(entries=3, hard=True)
