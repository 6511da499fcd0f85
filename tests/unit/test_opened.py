"""The one owner of an open plan: what the app and the command line share."""

import datetime as dt

import pytest

from recoveryplan import opened
from recoveryplan.export.options import Layout, PdfOptions
from recoveryplan.plans.model import Entry, Plan, Review
from recoveryplan.plans.service import make_review

PASSPHRASE = "a long walk by the canal"


@pytest.fixture
def folder(tmp_path):
    made, _key = opened.create(tmp_path / "plan", PASSPHRASE, Plan.new(owner_name="Sam"))
    made.close()
    return tmp_path / "plan"


def test_replacing_goes_through_the_editor_and_reaches_the_disk(folder):
    incoming = Plan.new(owner_name="Alex")
    incoming.entries = [Entry(section="keeping_well", field="everyday", text="Walking the dog")]
    heard = []
    with opened.open_plan(folder, PASSPHRASE) as plan:
        plan.editor.add_change_listener(lambda change: heard.append(change.kind))
        plan.replace_plan(incoming)
        assert plan.plan is incoming
    assert heard == ["reset"]
    with opened.open_plan(folder, PASSPHRASE) as again:      # the lock was let go
        assert again.plan.info.owner_name == "Alex"
        assert [e.text for e in again.plan.entries] == ["Walking the dog"]


def test_a_wrong_current_passphrase_changes_nothing(folder):
    with opened.open_plan(folder, PASSPHRASE) as plan:
        with pytest.raises(opened.WrongSecret):
            plan.change_passphrase("a different long passphrase", current="not the one")
        plan.change_passphrase("a different long passphrase", current=PASSPHRASE)
        note = plan.old_secret_note("rotated")
    assert note == "rotated"
    with pytest.raises(opened.WrongSecret):
        opened.open_plan(folder, PASSPHRASE)
    opened.open_plan(folder, "a different long passphrase").close()


def test_export_preparation_loads_the_newest_review_copy_only_when_asked(folder):
    with opened.open_plan(folder, PASSPHRASE) as plan:
        review = make_review(plan.plan, {"entries": [], "info": plan.plan.info.to_dict()},
                             date=dt.date(2030, 1, 1))
        plan.editor.add(review)
    with opened.open_plan(folder, PASSPHRASE) as plan:
        stored: Review = plan.plan.reviews[0]
        assert stored.snapshot is None
        plan.prepare_export(PdfOptions(layout=Layout.PLAN))
        assert stored.snapshot is None
        plan.prepare_export(PdfOptions(layout=Layout.PLAN, since_last_review=True))
        assert stored.snapshot is not None and stored.snapshot["entries"] == []


def test_errors_come_from_storage_only_when_asked_for():
    from recoveryplan.storage import errors, lock_card

    assert opened.StorageError is errors.StorageError
    assert opened.lock_card is lock_card
    with pytest.raises(AttributeError):
        opened.no_such_name    # noqa: B018


def test_replacing_a_plan_never_read_does_not_read_it(folder, monkeypatch):
    from recoveryplan.storage.database import PlanDatabase

    def refuse(_self):
        raise AssertionError("the plan being replaced was read")

    with opened.open_plan(folder, PASSPHRASE) as plan:
        monkeypatch.setattr(PlanDatabase, "load_plan", refuse)
        plan.replace_plan(Plan.new(owner_name="Alex"))
        monkeypatch.undo()
    with opened.open_plan(folder, PASSPHRASE) as again:
        assert again.plan.info.owner_name == "Alex"
