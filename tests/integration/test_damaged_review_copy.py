"""Opening checks what opening reads; a review's copy of the plan is checked
when that review is opened, by every backup and by ``check``.

So opening does not grow with the reviews kept, and damage inside a
review's copy is still found before it can be shown or copied anywhere.
"""

from __future__ import annotations

import pytest

from recoveryplan.plans.model import Entry, Plan, Review
from recoveryplan.storage import PlanDamaged, StorageError, check_plan, create_plan, open_plan
from recoveryplan.storage import backup

PASSPHRASE = "lanterns over the quiet bay"


def _plan_with_a_long_review_copy(folder):
    plan = Plan.new(owner_name="Robin")
    plan.entries = [Entry(section="keeping_well", field="everyday", text="Walking by the river")]
    # The copy is written after the records and fills most of the file.
    words = [f"the river at dawn, morning {n}" for n in range(20_000)]
    plan.reviews = [Review(agreed="Keep walking", snapshot={"entries": [{"text": " ".join(words)}]})]
    db, _key = create_plan(folder, PASSPHRASE, plan)
    db.close()
    return plan.reviews[0].id


def _flip(path, fraction):
    data = bytearray(path.read_bytes())
    data[int(len(data) * fraction)] ^= 0x10
    path.write_bytes(bytes(data))


def test_a_whole_plan_opens_and_its_review_copy_loads(tmp_path):
    review_id = _plan_with_a_long_review_copy(tmp_path / "plan")
    db = open_plan(tmp_path / "plan", PASSPHRASE)
    try:
        assert db.load_snapshot(review_id)["entries"][0]["text"].startswith("the river at dawn")
    finally:
        db.close()


def test_a_damaged_review_copy_is_found_when_opened_by_a_backup_and_by_check(tmp_path):
    folder = tmp_path / "plan"
    review_id = _plan_with_a_long_review_copy(folder)
    _flip(folder / "plan.db", 0.6)

    db = open_plan(folder, PASSPHRASE)   # what opening reads is whole
    try:
        plan = db.load_plan()
        assert [entry.text for entry in plan.entries] == ["Walking by the river"]
        assert [review.agreed for review in plan.reviews] == ["Keep walking"]
        with pytest.raises(PlanDamaged) as caught:
            db.load_snapshot(review_id)
        assert caught.value.part == "database"
        assert "damaged" in str(caught.value)
        with pytest.raises(StorageError):
            backup.save_copy(db, tmp_path / "copy.rpbackup")
        assert not (tmp_path / "copy.rpbackup").exists()
        with pytest.raises(StorageError):
            backup.daily_backup(db)
        assert backup.list_backups(folder) == []
    finally:
        db.close()
    assert not check_plan(folder, PASSPHRASE).ok
