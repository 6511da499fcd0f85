"""Directional isolates for showing the person's words in any language."""

from __future__ import annotations

import pytest

from recoveryplan import i18n
from recoveryplan.i18n import FSI, LRI, PDI, isolate, ltr, strip_isolates, text_direction
from recoveryplan.plans.model import Plan, default_crisis_services
from recoveryplan.plans.services import DEFAULT_CRISIS_SERVICES


def test_isolate_and_ltr_wrap_only_text_that_is_there():
    assert isolate("My sister.") == f"{FSI}My sister.{PDI}"
    assert ltr("07700 900123") == f"{LRI}07700 900123{PDI}"
    assert isolate("") == "" and ltr("") == ""


def test_strip_isolates_gives_back_the_words():
    shown = f"Added together with {isolate('Priya (my CPN)')}, {ltr('07700 900123')}"
    assert strip_isolates(shown) == "Added together with Priya (my CPN), 07700 900123"


@pytest.mark.parametrize("text, direction", [
    ("My sister.", "ltr"),
    ("أختي الكبرى.", "rtl"),
    ("שלום", "rtl"),
    ("(07700) 900123 ...", None),
    ("", None),
    ("123 أختي and me", "rtl"),
    (f"{isolate('Priya')} أضيف", "rtl"),      # isolated words do not count
    (f"{ltr('07700')} 12", None),
])
def test_text_direction_from_the_first_strong_letter(text, direction):
    assert text_direction(text) == direction


def test_default_crisis_services_follow_the_language_numbers_stay():
    english = default_crisis_services("en")
    assert [s.phone for s in english] == ["999", "111", "116 123"]
    assert [(s.name, s.notes) for s in english] == [(n, t) for n, _p, t in DEFAULT_CRISIS_SERVICES]
    polish = i18n.translator("pl")
    assert [s.notes for s in default_crisis_services("pl")] == \
        [polish._(t) for _n, _p, t in DEFAULT_CRISIS_SERVICES]
    pseudo = default_crisis_services(i18n.PSEUDO)
    assert all(s.notes.startswith("[") and s.name.startswith("[") for s in pseudo)
    assert [s.phone for s in pseudo] == ["999", "111", "116 123"]


def test_a_new_plan_has_its_services_in_the_app_language():
    i18n.set_language(i18n.PSEUDO)
    plan = Plan.new(owner_name="Sam")
    assert all(s.notes.startswith("[") for s in plan.services)
    assert [s.phone for s in plan.services] == ["999", "111", "116 123"]
    i18n.set_language("pl")
    polish = i18n.translator("pl")
    assert [s.notes for s in Plan.new().services] == \
        [polish._(t) for _n, _p, t in DEFAULT_CRISIS_SERVICES]
