"""Whatever a file holds, importing it either works or reports problems:
never any other exception."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoveryplan.plans.exchange import ImportProblems, from_document, to_document

def _small_sample() -> dict:
    """The sample plan cut to three records of each kind (inside snapshots
    too): every kind of record is there, and each import is quick."""
    doc = json.loads((Path(__file__).resolve().parents[2] / "resources" / "sample-plan.json")
                     .read_text(encoding="utf-8"))
    bodies = [doc["plan"]] + [r["snapshot"] for r in doc["plan"]["reviews"]]
    for body in bodies:
        for name, items in body.items():
            if isinstance(items, list):
                del items[3:]
    return doc


SAMPLE = _small_sample()

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2026-11-03", "2026-13-45", "2026-11-03T10:00:00+00:00", "9999-12-31",
                     "about_me", "goals", "achieved", "home", "\x00", "x" * 25_000]),
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20,
)


def _paths(node, prefix=()):
    """Every (container, key) pair in a document, to mutate one of them."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((prefix, key))
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((prefix, i))
            out.extend(_paths(value, (*prefix, i)))
    return out


SAMPLE_PATHS = _paths(SAMPLE)


def _at(doc, path):
    for key in path:
        doc = doc[key]
    return doc


@st.composite
def mutated_samples(draw):
    doc = copy.deepcopy(SAMPLE)
    for _i in range(draw(st.integers(min_value=1, max_value=4))):
        prefix, key = draw(st.sampled_from(SAMPLE_PATHS))
        try:
            container = _at(doc, prefix)
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                container[key] = draw(json_like)
            elif action == "delete":
                del container[key]
            elif isinstance(container, dict):
                container[draw(st.text(max_size=8))] = draw(json_like)
            else:
                container.append(draw(json_like))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this part
    return doc


def _import(doc):
    try:
        plan = from_document(doc)
    except ImportProblems as problems:
        assert problems.problems
        assert all(isinstance(p.message, str) and p.message for p in problems.problems)
        return
    # anything accepted exports again as the same document
    out = to_document(plan)
    assert {k: v for k, v in out.items() if k != "exported"} == \
        {k: v for k, v in doc.items() if k != "exported"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_like)
def test_random_structures_never_crash(doc):
    _import(doc)
    _import({"format": "recoveryplan", "version": 1, "plan": doc})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_samples())
def test_mutated_samples_never_crash(doc):
    _import(doc)
