"""A JSON copy of the plan, saved and brought back in through the File menu,
on a real encrypted plan."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QLineEdit

from recoveryplan import storage
from recoveryplan.plans.exchange import to_document
from recoveryplan.plans.model import Entry
from recoveryplan.plans.service import load_snapshots
from recoveryplan.ui.share.json_copy import ProblemsDialog

from conftest import PASSPHRASE
from test_share_pdf import store_sample

TIMEOUT = 20_000


@pytest.fixture
def created_plan(plan_dir) -> None:
    store_sample(plan_dir)


def without_time(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported"}


def stored_document(window) -> dict:
    """The plan as it is on disk now (saved first), with review snapshots."""
    assert window.session.flush()
    # Read through the window's own connection: a second open of the plan
    # is refused while the window has it (one writer per plan).
    db = window.session.db
    plan = db.load_plan()
    load_snapshots(plan, db.load_snapshot)
    return without_time(to_document(plan))


def save_copy(qtbot, window, dialogs, path) -> None:
    dialogs.answers.append(True)            # "Choose where to save it"
    dialogs.paths.append(path)
    window.actions_["save_json"].trigger()
    qtbot.waitUntil(lambda: any(s.title == "Copy saved" for s in dialogs.shown), timeout=TIMEOUT)


def test_save_a_copy_explains_it_first_and_writes_everything(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    save_copy(qtbot, window, dialogs, tmp_path / "my copy")
    first = dialogs.shown[0]
    assert first.kind == "question" and "not encrypted" in first.text
    doc = json.loads((tmp_path / "my copy.json").read_text(encoding="utf-8"))
    assert without_time(doc) == stored_document(window)
    assert all(r["snapshot"] for r in doc["plan"]["reviews"])
    assert any(e["private"] for e in doc["plan"]["entries"])
    assert [p.name for p in tmp_path.iterdir() if "copy" in p.name] == ["my copy.json"]


def test_saying_no_to_the_explanation_saves_nothing(qtbot, open_window, dialogs, tmp_path):
    dialogs.paths.append(tmp_path / "copy.json")
    open_window.actions_["save_json"].trigger()
    assert [s.kind for s in dialogs.shown] == ["question"]
    assert not (tmp_path / "copy.json").exists()


def test_a_copy_comes_back_in_exactly(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    path = tmp_path / "copy.json"
    save_copy(qtbot, window, dialogs, path)
    saved = without_time(json.loads(path.read_text(encoding="utf-8")))
    ctx = window.session.ctx
    ctx.set_info(owner_name="Someone else")
    ctx.add(Entry(section="hopes", field="hopes", text="written after the copy"))
    assert stored_document(window) != saved

    dialogs.shown.clear()
    dialogs.answers.extend([True, False])   # replace my plan; no backup first
    dialogs.paths.append(path)
    window.actions_["bring_in_json"].trigger()
    qtbot.waitUntil(lambda: any(s.title == "Plan brought in" for s in dialogs.shown),
                    timeout=TIMEOUT)
    replace = next(s for s in dialogs.shown if s.kind == "question")
    assert "can't be undone" in replace.text
    assert without_time(to_document(window.session.plan)) == saved
    assert stored_document(window) == saved
    assert not ctx.undo_stack.canUndo()
    name_edit = window.findChild(QLineEdit, "field-about_me-name")
    assert name_edit.text() == saved["plan"]["info"]["owner_name"]


def test_keeping_my_plan_changes_nothing(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    path = tmp_path / "copy.json"
    save_copy(qtbot, window, dialogs, path)
    window.session.ctx.set_info(owner_name="Someone else")
    before = stored_document(window)
    dialogs.answers.append(False)           # keep my plan as it is
    dialogs.paths.append(path)
    window.actions_["bring_in_json"].trigger()
    qtbot.waitUntil(lambda: dialogs.shown[-1].title == "Replace my plan?", timeout=TIMEOUT)
    assert stored_document(window) == before
    assert window.session.plan.info.owner_name == "Someone else"


def test_a_backup_copy_can_be_saved_first(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    path = tmp_path / "copy.json"
    save_copy(qtbot, window, dialogs, path)
    saved = without_time(json.loads(path.read_text(encoding="utf-8")))
    window.session.ctx.set_info(owner_name="Someone else")
    dialogs.answers.extend([True, True])    # replace; save a backup copy first
    dialogs.paths.extend([path, tmp_path / "before"])
    window.actions_["bring_in_json"].trigger()
    qtbot.waitUntil(lambda: any(s.title == "Plan brought in" for s in dialogs.shown),
                    timeout=TIMEOUT)
    titles = [s.title for s in dialogs.shown]
    assert titles.index("Backup saved") < titles.index("Plan brought in")
    assert (tmp_path / "before.rpbackup").stat().st_size > 0
    assert stored_document(window) == saved


def bring_in_bad(qtbot, window, dialogs, path) -> ProblemsDialog:
    before = stored_document(window)
    dialogs.shown.clear()
    dialogs.paths.append(path)
    window.actions_["bring_in_json"].trigger()
    qtbot.waitUntil(lambda: window.share.json.problems_dialog is not None, timeout=TIMEOUT)
    dialog = window.share.json.problems_dialog
    assert dialog.isVisible()
    assert not [s for s in dialogs.shown if s.kind == "question"]
    assert stored_document(window) == before
    return dialog


def test_a_file_with_mistakes_lists_them_and_changes_nothing(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    path = tmp_path / "copy.json"
    save_copy(qtbot, window, dialogs, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["plan"]["goals"][0]["status"] = "maybe"
    doc["plan"]["checkins"][0]["hope"] = 42
    path.write_text(json.dumps(doc), encoding="utf-8")
    dialog = bring_in_bad(qtbot, window, dialogs, path)
    lines = dialog.problem_lines()
    assert len(lines) == 2
    assert any("plan.goals[0].status" in line for line in lines)
    assert any("plan.checkins[0].hope" in line for line in lines)
    # the place in plain words first, the exact place in the file after it
    assert any(line.startswith("Goal 1 › “How it is going”: ") for line in lines)
    assert any(line.startswith("Check-in 1 › “Hope”: ") for line in lines)
    assert "2 problems" in dialog.intro.text() and not dialog.more.isVisibleTo(dialog)
    assert dialog.list.accessibleName()


def test_many_mistakes_show_the_first_twenty(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    path = tmp_path / "copy.json"
    save_copy(qtbot, window, dialogs, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for entry in doc["plan"]["entries"][:30]:
        entry["private"] = "sometimes"
    path.write_text(json.dumps(doc), encoding="utf-8")
    dialog = bring_in_bad(qtbot, window, dialogs, path)
    assert len(dialog.problem_lines()) == ProblemsDialog.SHOWN
    assert dialog.more.isVisibleTo(dialog) and "10 more" in dialog.more.text()


def test_a_file_that_is_not_json_is_one_plain_problem(qtbot, open_window, dialogs, tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("{ this is not json", encoding="utf-8")
    dialog = bring_in_bad(qtbot, open_window, dialogs, path)
    assert dialog.problem_lines() == ["This file is not valid JSON (line 1, column 3)."]
