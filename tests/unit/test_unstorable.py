"""Text that no file or database can hold (half of a UTF-16 pair on its own,
``"\\ud800"`` in JSON) is refused where it comes in, with its place named,
so it can never reach the save queue and jam it."""

from __future__ import annotations

import json

import pytest

from recoveryplan.plans.exchange import ImportProblems, from_document, load_document
from recoveryplan.plans.model import Entry, Plan
from recoveryplan.plans.service import MemoryStore, PlanEditor, make_review
from recoveryplan.plans.validation import ValidationError
from recoveryplan.storage import create_plan

BROKEN = "\ud800"


def problems_in_file(tmp_path, doc) -> list[str]:
    path = tmp_path / "plan.json"
    # Written as JSON escapes, exactly as such a file arrives.
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="ascii")
    assert "\\ud800" in path.read_text(encoding="ascii")
    with pytest.raises(ImportProblems) as caught:
        load_document(path)
    return [str(p) for p in caught.value.problems]


def test_a_lone_surrogate_in_an_entry_is_refused_with_its_place(tmp_path, sample_document):
    sample_document["plan"]["entries"][1]["text"] = "I feel " + BROKEN + " ok"
    problems = problems_in_file(tmp_path, sample_document)
    assert len(problems) == 1
    assert problems[0].startswith("plan.entries[1].text: ")
    assert "position 8" in problems[0] and "can't be saved" in problems[0]


def test_a_lone_surrogate_in_the_name_a_snapshot_or_a_key_is_refused(tmp_path, sample_document):
    sample_document["plan"]["info"]["owner_name"] = "Sam" + BROKEN
    sample_document["plan"]["reviews"][0]["snapshot"]["entries"][0]["text"] = BROKEN
    sample_document["plan"]["goals"][0]["extra" + BROKEN] = 1
    problems = problems_in_file(tmp_path, sample_document)
    paths = sorted(p.split(":")[0] for p in problems)
    assert paths == ["plan.goals[0]", "plan.info.owner_name",
                     "plan.reviews[0].snapshot.entries[0].text"]


def test_the_same_document_without_it_still_comes_in(sample_document):
    sample_document["plan"]["entries"][1]["text"] = "I feel \U0001f49a ok"  # a whole pair
    assert from_document(sample_document).entries[1].text == "I feel \U0001f49a ok"


@pytest.fixture
def editor(sample_document):
    return PlanEditor(from_document(sample_document), MemoryStore())


def test_typing_or_pasting_it_is_refused_and_nothing_is_stored(editor):
    entry = editor.plan.entries[0]
    before = entry.text
    with pytest.raises(ValidationError) as caught:
        editor.update(entry, text="half " + BROKEN)
    assert caught.value.problems[0].path == "text"
    assert entry.text == before
    with pytest.raises(ValidationError):
        editor.add(Entry(section="about_me", field="story", text=BROKEN))
    assert editor.store.calls == []


def test_a_broken_name_is_refused(editor):
    with pytest.raises(ValidationError) as caught:
        editor.set_info(owner_name="Sam" + BROKEN)
    assert caught.value.problems[0].path == "info.owner_name"
    assert editor.plan.info.owner_name != "Sam" + BROKEN
    editor.together_with = "Priya" + BROKEN
    with pytest.raises(ValidationError) as caught:
        editor.add(Entry(section="about_me", field="story", text="fine"))
    assert caught.value.problems[0].path == "together_with"


def test_a_review_whose_snapshot_cannot_be_stored_is_refused(editor):
    snapshot = {"entries": [{"text": BROKEN}]}
    review = make_review(editor.plan, snapshot)
    with pytest.raises(ValidationError) as caught:
        editor.add(review)
    assert caught.value.problems[0].path == "snapshot.entries[0].text"


def test_what_validation_lets_through_can_always_be_stored(tmp_path, sample_document):
    """Every text that passes the checks goes into a real SQLCipher plan."""
    plan = from_document(sample_document)
    editor = PlanEditor(plan, MemoryStore())
    editor.update(plan.entries[0], text="\U0001f49a Zażółć \u202e")
    db, _key = create_plan(tmp_path / "plan", "a passphrase", plan)
    try:
        assert db.load_plan().entries[0].text == plan.entries[0].text
    finally:
        db.close()
