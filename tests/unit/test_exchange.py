"""The JSON exchange format: round trips, and every kind of problem reported
with its path and a plain message."""

from __future__ import annotations

import copy
import json
import os

import pytest

from recoveryplan.plans import exchange
from recoveryplan.plans.exchange import ImportProblems, from_document, load_document, to_document
from recoveryplan.plans.model import Entry, Plan
from recoveryplan.plans.sections import ENTRY_FIELDS
from recoveryplan.plans.validation import MAX_SHORT, MAX_TEXT, ValidationError


def problems_of(doc) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        from_document(doc)
    return [str(p) for p in caught.value.problems]


def file_problems(path) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        load_document(path)
    return [str(p) for p in caught.value.problems]


def without_exported(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported"}


# -- round trips -----------------------------------------------------------------

def test_sample_round_trips_exactly(sample_document):
    plan = from_document(sample_document)
    assert without_exported(to_document(plan)) == without_exported(sample_document)


def test_round_trip_through_a_file_keeps_every_character(tmp_path, sample_document):
    sample_document["plan"]["entries"][0]["text"] = "Tŷ, Zażółć, Σήμερα, Сьогодні, أشعر 💚 <b>&amp;"
    path = tmp_path / "plan.json"
    exchange.write_document(path, sample_document)
    assert json.loads(path.read_text(encoding="utf-8")) == sample_document
    assert "Tŷ" in path.read_text(encoding="utf-8")  # written as UTF-8, not \\u escapes
    assert without_exported(to_document(load_document(path))) == without_exported(sample_document)


def test_imported_plan_shares_nothing_with_the_document(sample_document):
    plan = from_document(sample_document)
    sample_document["plan"]["reviews"][0]["snapshot"]["entries"].clear()
    assert plan.reviews[0].snapshot["entries"]


def test_new_plan_round_trips():
    plan = Plan.new("Sam")
    assert from_document(to_document(plan)) == plan


def test_exported_time_is_now_and_valid():
    doc = to_document(Plan.new())
    assert exchange._is_date_time(doc["exported"])


# -- what is left out ----------------------------------------------------------------

def test_private_records_left_out_everywhere_when_asked(sample_document):
    plan = from_document(sample_document)
    private = [e for e in plan.entries if e.private]
    assert private, "the sample plan has 'just for me' entries"
    plan.goals[0].steps[0].private = True
    doc = to_document(plan, include_private=False)
    text = json.dumps(doc, ensure_ascii=False)
    for entry in private:
        assert entry.text not in text
    assert plan.goals[0].steps[0].id not in json.dumps(doc["plan"]["goals"])
    from_document(doc)  # still a valid file


def test_private_records_inside_snapshots_are_left_out(sample_document):
    plan = from_document(sample_document)
    snapshot_entries = plan.reviews[-1].snapshot["entries"]
    private_text = next(e["text"] for e in snapshot_entries if e["private"])
    assert private_text in json.dumps(to_document(plan), ensure_ascii=False)
    assert private_text not in json.dumps(to_document(plan, include_private=False), ensure_ascii=False)
    assert any(e["private"] for e in plan.reviews[-1].snapshot["entries"]), "the plan is unchanged"


def test_snapshots_can_be_left_out(sample_document):
    doc = to_document(from_document(sample_document), include_snapshots=False)
    assert [r["snapshot"] for r in doc["plan"]["reviews"]] == [None, None]
    from_document(doc)


# -- header ------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", [None, [], "plan", 3, {}, {"format": "wrap", "version": 1}])
def test_not_a_plan_file(doc):
    assert problems_of(doc) == ["This is not a Recovery Plan file."]


def test_newer_version_gets_one_clear_message(sample_document):
    sample_document["version"] = 2
    sample_document["plan"]["goals"] = "something new"
    assert problems_of(sample_document) == [
        "This file was made by a newer version of Recovery Plan. Please update the app, then try again."]


@pytest.mark.parametrize("version", [0, "1", None, 1.5, True])
def test_bad_version(sample_document, version):
    sample_document["version"] = version
    (problem,) = problems_of(sample_document)
    assert problem.startswith("version: ")


# -- each kind of problem, with its path --------------------------------------------------

def test_wrong_types(sample_document):
    plan = sample_document["plan"]
    plan["goals"][2]["steps"][0]["done_on"] = 5
    plan["checkins"][0]["hope"] = "high"
    plan["contacts"][1]["agreed"] = "yes"
    plan["entries"] = {}
    assert set(problems_of(sample_document)) == {
        "plan.goals[2].steps[0].done_on: must be text or null (empty)",
        "plan.checkins[0].hope: must be a whole number",
        "plan.contacts[1].agreed: must be true or false",
        "plan.entries: must be a list",
    }


def test_bad_dates(sample_document):
    plan = sample_document["plan"]
    plan["goals"][2]["steps"][0]["done_on"] = "yesterday"
    plan["goals"][0]["target_date"] = "2026-02-30"
    plan["info"]["started_on"] = "0001-01-01"
    plan["checkins"][3]["at"] = "2026-06-18 09:15"
    plan["entries"][0]["created"] = "2026-06-18T09:15:00"  # no time zone
    problems = problems_of(sample_document)
    not_a_date = "is not a date (write it as YYYY-MM-DD, for example 2026-11-03)"
    not_a_time = "is not a date and time (for example 2026-11-03T14:30:00+00:00)"
    assert problems == sorted(problems, key=problems.index)  # no duplicates
    assert set(problems) == {
        f"plan.goals[2].steps[0].done_on: {not_a_date}",
        f"plan.goals[0].target_date: {not_a_date}",
        f"plan.info.started_on: {not_a_date}",
        f"plan.checkins[3].at: {not_a_time}",
        f"plan.entries[0].created: {not_a_time}",
    }


def test_unknown_fields(sample_document):
    sample_document["plan"]["goals"][1]["colour"] = "blue"
    sample_document["plan"]["mood"] = []
    sample_document["extra"] = 1
    assert set(problems_of(sample_document)) == {
        "plan.goals[1].colour: is not part of this format (unknown field)",
        "plan.mood: is not part of this format (unknown field)",
        "extra: is not part of this format (unknown field)",
    }


def test_missing_fields(sample_document):
    del sample_document["plan"]["goals"][0]["why"]
    del sample_document["plan"]["contacts"][0]["name"]
    del sample_document["plan"]["contacts"][0]["phone"]
    assert set(problems_of(sample_document)) == {
        "plan.goals[0].why: is missing",
        "plan.contacts[0]: is missing name, phone",
    }


def test_megabyte_strings_are_reported_not_a_crash(sample_document):
    sample_document["plan"]["entries"][3]["text"] = "x" * 1_000_000
    sample_document["plan"]["contacts"][0]["name"] = "y" * (MAX_SHORT + 1)
    assert problems_of(sample_document) == [
        f"plan.contacts[0].name: is too long ({MAX_SHORT + 1} characters; at most {MAX_SHORT})",
        f"plan.entries[3].text: is too long (1000000 characters; at most {MAX_TEXT})",
    ]


def test_megabyte_unknown_key_is_shortened(sample_document):
    sample_document["plan"]["info"]["k" * 1_000_000] = 1
    (problem,) = problems_of(sample_document)
    assert problem.startswith("plan.info.kkkk") and len(problem) < 200


def test_control_characters(sample_document):
    sample_document["plan"]["entries"][5]["text"] = "hello\x00world"
    sample_document["plan"]["info"]["owner_name"] = "Jo\x1b[31m"
    sample_document["plan"]["entries"][6]["text"] = "tabs\tand\nnew lines are fine"
    assert problems_of(sample_document) == [
        "plan.entries[5].text: contains control characters",
        "plan.info.owner_name: contains control characters",
    ]


def test_duplicate_ids(sample_document):
    plan = sample_document["plan"]
    plan["goals"][1]["id"] = plan["entries"][0]["id"]
    plan["goals"][0]["steps"][1]["id"] = plan["goals"][0]["steps"][0]["id"]
    assert set(problems_of(sample_document)) == {
        "plan.goals[1].id: is the same as the id of plan.entries[0]; every id must be different",
        "plan.goals[0].steps[1].id: is the same as the id of plan.goals[0].steps[0]; "
        "every id must be different",
    }


def test_snapshots_may_repeat_ids_of_the_plan_but_not_their_own(sample_document):
    snapshot = sample_document["plan"]["reviews"][0]["snapshot"]
    assert snapshot["entries"][0]["id"] == sample_document["plan"]["entries"][0]["id"]
    snapshot["entries"][1]["id"] = snapshot["entries"][0]["id"]
    assert problems_of(sample_document) == [
        "plan.reviews[0].snapshot.entries[1].id: is the same as the id of "
        "plan.reviews[0].snapshot.entries[0]; every id must be different"]


def test_scores_out_of_range(sample_document):
    sample_document["plan"]["checkins"][0]["hope"] = 11
    sample_document["plan"]["checkins"][1]["beyond"] = -1
    sample_document["plan"]["checkins"][2]["control"] = 7.0
    assert problems_of(sample_document) == [
        "plan.checkins[0].hope: must be a whole number from 0 to 10",
        "plan.checkins[1].beyond: must be a whole number from 0 to 10",
        "plan.checkins[2].control: must be a whole number from 0 to 10",
    ]


def test_entry_in_a_field_that_does_not_exist(sample_document):
    entries = sample_document["plan"]["entries"]
    entries[0]["field"] = "favourite_colour"
    entries[1]["section"] = "my_secrets"
    entries[2]["field"] = "hopes"  # a field of another section
    problems = problems_of(sample_document)
    assert problems == [
        "plan.entries[1].section: must be one of: " + problems[0].split(": ", 2)[2],
        "plan.entries[0].field: is not a field of this plan",
        "plan.entries[2].field: is not a field of this plan",
    ]
    assert "about_me" in problems[0] and "my_secrets" not in problems[0]


def test_schema_entry_rules_match_the_sections():
    rules = exchange.schema()["$defs"]["entry"]["allOf"]
    pairs = {(r["if"]["properties"]["section"]["const"], f)
             for r in rules for f in r["then"]["properties"]["field"]["enum"]}
    assert pairs == ENTRY_FIELDS


def test_field_that_holds_one_text_has_one_entry(sample_document):
    entries = sample_document["plan"]["entries"]
    about = next(e for e in entries if e["field"] == "about")
    entries.append({**about, "id": "another", "text": "A second about me"})
    assert problems_of(sample_document) == [
        f"plan.entries[{len(entries) - 1}].field: holds one text, and there is already an entry for it"]


def test_editor_rules_apply_too(sample_document):
    plan = sample_document["plan"]
    plan["contacts"][0]["email"] = "megan at home"
    plan["reviews"][0]["next_review_on"] = "2020-01-01"
    plan["entries"][0]["changed"] = "2020-01-01T00:00:00+00:00"
    plan["life_areas"][1]["area"] = plan["life_areas"][0]["area"]
    assert problems_of(sample_document) == [
        "plan.entries[0].changed: is earlier than when it was written",
        "plan.life_areas[1].area: appears twice; each life area has one note",
        "plan.contacts[0].email: does not look like an email address",
        "plan.reviews[0].next_review_on: is before the date of the review",
    ]


def test_problems_inside_snapshots_are_found(sample_document):
    snapshot = sample_document["plan"]["reviews"][1]["snapshot"]
    snapshot["checkins"][0]["hope"] = 12
    snapshot["contacts"][0]["email"] = "nope"
    snapshot["reviews"] = []
    assert problems_of(sample_document) == [
        "plan.reviews[1].snapshot.checkins[0].hope: must be a whole number from 0 to 10",
        "plan.reviews[1].snapshot.reviews: is not part of this format (unknown field)",
        "plan.reviews[1].snapshot.contacts[0].email: does not look like an email address",
    ]


def test_several_problems_at_once_and_nothing_built(sample_document):
    plan = sample_document["plan"]
    plan["goals"][0]["status"] = "finished"
    plan["checkins"][4]["hope"] = 99
    plan["entries"][2]["text"] = "\x07"
    plan["info"]["region"] = "United Kingdom"
    plan["services"][0]["id"] = "has spaces"
    problems = problems_of(sample_document)
    assert problems == [
        "plan.checkins[4].hope: must be a whole number from 0 to 10",
        "plan.entries[2].text: contains control characters",
        "plan.goals[0].status: must be one of: not_started, under_way, achieved, on_hold, let_go",
        "plan.info.region: must be a two-letter country code such as GB",
        "plan.services[0].id: must be 1 to 64 letters, digits, '-' or '_'",
    ]


def test_very_many_problems_are_counted_not_all_listed(sample_document):
    for checkin in sample_document["plan"]["checkins"]:
        checkin["hope"] = checkin["control"] = checkin["beyond"] = 20
    problems = problems_of(sample_document)
    assert len(problems) == exchange.MAX_PROBLEMS + 1
    assert problems[-1] == "\u2026and 20 more problems."


def test_import_problems_is_a_validation_error():
    assert issubclass(ImportProblems, ValidationError)


def test_deeply_nested_junk(sample_document):
    junk: list = []
    for _i in range(10_000):
        junk = [junk]
    sample_document["plan"]["info"] = junk
    assert problems_of(sample_document) == ["This file is nested too deeply to be a plan."]


# -- files ------------------------------------------------------------------------------------

def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{\n  "format": "recoveryplan",\n  "version": 1,,\n}', encoding="utf-8")
    assert file_problems(path) == ["This file is not valid JSON (line 3, column 16)."]


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe{}", "This file is not UTF-8 text (a wrong byte at position 0)."),
    (b"[" * 100_000 + b"]" * 100_000, "This file is nested too deeply to be a plan."),
    (b'{"format": "recoveryplan", "format": "x"}',
     "The same name \u201cformat\u201d appears twice in one place in this file."),
    (b'{"version": NaN}', "This file holds a number that JSON does not allow."),
    (b"", "This file is not valid JSON (line 1, column 1)."),
])
def test_unusable_files(tmp_path, content, message):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    assert file_problems(path) == [message]


def test_byte_order_mark_is_fine(tmp_path, sample_document):
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(sample_document).encode("utf-8"))
    assert load_document(path).info.owner_name == "Jordan"


def test_missing_file_and_folder(tmp_path):
    assert file_problems(tmp_path / "nothing.json") == ["There is no file there any more."]
    assert file_problems(tmp_path) in (["That is a folder, not a file."],
                                       ["I am not allowed to open this file."])


def test_file_too_big(tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "plan.json"
    path.write_bytes(b" " * 1025)
    assert file_problems(path) == ["This file is too big to be a plan (more than 0 MB)."]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    assert file_problems(path) == ["I am not allowed to open this file."]


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path, sample_document, monkeypatch):
    path = tmp_path / "plan.json"
    path.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(exchange.os, "replace", broken_replace)
    with pytest.raises(OSError):
        exchange.write_document(path, sample_document)
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["plan.json"]
    monkeypatch.undo()
    exchange.write_document(path, sample_document)
    assert os.listdir(tmp_path) == ["plan.json"]
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0  # owner only


def test_dumps_is_readable_json(sample_document):
    text = exchange.dumps_document(sample_document)
    assert text.startswith('{\n  "format": "recoveryplan",') and text.endswith("}\n")


# -- the schema as documentation ----------------------------------------------------------------

def test_every_property_in_the_schema_is_described():
    def walk(node, path):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("description"), f"{path}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")

    walk(exchange.schema(), "schema")


def test_schema_is_a_valid_2020_12_schema():
    import jsonschema

    schema = exchange.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_knows_every_field_of_every_record():
    from dataclasses import fields

    from recoveryplan.plans.model import COLLECTIONS, PlanInfo

    defs = exchange.schema()["$defs"]
    by_kind = {"entries": "entry", "goals": "goal", "life_areas": "lifeAreaNote",
               "contacts": "contact", "topics": "topic", "checkins": "checkin",
               "services": "service", "reviews": "review"}
    for name, cls in COLLECTIONS.items():
        assert set(defs[by_kind[name]]["required"]) == {f.name for f in fields(cls)}
    assert set(defs["info"]["required"]) == {f.name for f in fields(PlanInfo)}
    assert list(defs["plan"]["properties"]) == ["info", *COLLECTIONS]


def test_entry_built_by_the_editor_exports_and_imports():
    plan = Plan.new("Sam")
    plan.entries.append(Entry(section="hopes", field="hopes", text="See the sea", private=True,
                              together_with="Priya (care coordinator)"))
    doc = to_document(plan)
    assert from_document(copy.deepcopy(doc)) == plan


def test_a_plan_whose_words_are_mostly_commas_and_brackets_comes_back_in(tmp_path):
    """The file's bounds count the commas and brackets of its structure, not
    those inside the person's words: a plan written almost all in ", [{"
    (over two million commas and a million brackets in all) exports and
    imports again, whole."""
    plan = Plan.new(owner_name="Sam")
    words = ", [{" * (MAX_TEXT // 4 - 1)
    for i in range(430):
        plan.entries.append(Entry(section="hopes", field="hopes", text=f"{i}{words}"))
    path = tmp_path / "commas.json"
    exchange.write_document(path, to_document(plan))
    raw = path.read_bytes()
    assert raw.count(b",") > exchange.rules.MAX_SEPARATORS
    assert raw.count(b"{") + raw.count(b"[") > exchange.rules.MAX_CONTAINERS
    back = load_document(path)
    assert [e.text for e in back.entries] == [e.text for e in plan.entries]
