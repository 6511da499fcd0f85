"""Reviews on the command line: listed in plain words, and exported to
JSON with the frozen copy of the plan each one keeps."""

from __future__ import annotations

import datetime as dt
import json

from recoveryplan import storage
from recoveryplan.plans.exchange import snapshot_of
from recoveryplan.plans.model import Entry
from recoveryplan.plans.service import PlanEditor, make_review

from test_cli import PASS, no_traceback, plan_dir, run  # noqa: F401 - fixture

FIRST = dt.date(2026, 3, 3)
SECOND = dt.date(2026, 6, 2)


def add_reviews(folder) -> None:
    db = storage.open_plan(folder, PASS)
    try:
        editor = PlanEditor(db.load_plan(), db)
        hope = editor.add(Entry(section="hopes", field="hopes", text="to visit Dublin"))
        editor.add(make_review(editor.plan, snapshot_of(editor.plan), date=FIRST,
                               who_was_there="me and Priya", next_review_on=SECOND))
        editor.update(hope, text="to visit Dublin and Cork")
        editor.add(make_review(editor.plan, snapshot_of(editor.plan), date=SECOND,
                               agreed="keep going"))
    finally:
        db.close()


def test_reviews_lists_date_who_and_next_review(plan_dir):  # noqa: F811
    add_reviews(plan_dir)
    result = run("reviews", str(plan_dir), "--passphrase-stdin", stdin=PASS + "\n", check=True)
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[0] == "2 reviews"
    assert lines[1:] == ["2 June 2026", "3 March 2026", "  Who was there: me and Priya",
                         "  Next review: 2 June 2026"]


def test_export_json_includes_reviews_and_their_snapshots(plan_dir, tmp_path):  # noqa: F811
    add_reviews(plan_dir)
    out = tmp_path / "plan.json"
    run("export-json", str(plan_dir), str(out), "--passphrase-stdin", stdin=PASS + "\n",
        check=True)
    doc = json.loads(out.read_text(encoding="utf-8"))
    reviews = {r["date"]: r for r in doc["plan"]["reviews"]}
    assert set(reviews) == {FIRST.isoformat(), SECOND.isoformat()}
    first = reviews[FIRST.isoformat()]
    assert first["who_was_there"] == "me and Priya"
    assert first["next_review_on"] == SECOND.isoformat()
    assert [e["text"] for e in first["snapshot"]["entries"]] == ["to visit Dublin"]
    assert [e["text"] for e in reviews[SECOND.isoformat()]["snapshot"]["entries"]] == [
        "to visit Dublin and Cork"]
    assert "reviews" not in first["snapshot"]
