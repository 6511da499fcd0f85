"""BackgroundStore: writes on one worker thread, in order, never dropped."""

import threading

import pytest

from recoveryplan.plans.model import Entry, Goal, Plan, Step
from recoveryplan.storage import DiskFull, StorageError, create_plan, open_plan
from recoveryplan.storage.errors import NotStored
from recoveryplan.storage.writer import BackgroundStore

PASSPHRASE = "slow mornings with toast"


def entry(text: str) -> Entry:
    return Entry(section="keeping_well", field="everyday", text=text)


@pytest.fixture
def db(tmp_path):
    db, _ = create_plan(tmp_path / "plan", PASSPHRASE, Plan())
    yield db
    db.close()


@pytest.fixture
def store(db):
    store = BackgroundStore(db)
    yield store
    store.close()


def hold_writer(store) -> threading.Event:
    """Make the worker wait before each write until the event is set."""
    release = threading.Event()
    apply = store._writer.write_operation

    def held(operation):
        release.wait()
        apply(operation)

    store._writer.write_operation = held
    return release


def test_writes_are_applied_in_order_and_flushed(db, store):
    saved = threading.Event()
    store.on_saved = saved.set
    record = entry("first")
    goal = Goal(what="Grow tomatoes")
    for i in range(50):
        record.text = f"version {i}"
        store.save_record(record, None, 0)
    store.save_record(goal, None, 0)
    store.save_record(Step(text="Buy seeds"), goal.id, 0)   # needs its goal saved first
    store.delete_record(goal.id)
    store.save_record(goal, None, 0)
    assert store.flush(timeout=30)
    assert store.pending() == 0
    assert saved.wait(30)
    plan = db.load_plan()
    assert [e.text for e in plan.entries] == ["version 49"]
    assert [g.what for g in plan.goals] == ["Grow tomatoes"] and plan.goals[0].steps == []


def test_callers_never_wait_for_the_disk_and_rows_are_taken_when_asked(db, store):
    release = hold_writer(store)
    record = entry("what I typed")
    store.save_record(record, None, 0)
    record.text = "typed later, not saved yet"
    store.save_info(Plan().info)
    assert store.pending() == 2
    assert not store.flush(timeout=0.01)
    release.set()
    assert store.flush(timeout=30)
    assert [e.text for e in db.load_plan().entries] == ["what I typed"]


def test_a_failed_write_is_reported_kept_and_retried(db, store):
    errors = []
    failed = threading.Event()
    store.on_error = lambda error: (errors.append(error), failed.set())
    writer_conn = store._writer._conn
    pages = writer_conn.execute("PRAGMA page_count").fetchone()[0]
    writer_conn.execute(f"PRAGMA max_page_count = {pages}")      # the disk is "full"
    big = Plan(entries=[entry("x" * 2000) for _ in range(40)])
    store.replace_plan(big)
    store.save_record(entry("after the big one"), None, 40)
    assert failed.wait(30)
    assert isinstance(errors[0], DiskFull)
    assert "space" in str(errors[0])
    assert not store.flush(timeout=30)       # returns at once: a write has failed
    assert store.pending() == 2
    assert db.load_plan().entries == []
    writer_conn.execute("PRAGMA max_page_count = 1073741823")    # space freed
    store.retry()
    assert store.flush(timeout=30)
    assert len(errors) == 1
    assert [e.text for e in db.load_plan().entries][-1] == "after the big one"


def test_closing_the_database_writes_everything_queued_first(db, tmp_path):
    store = BackgroundStore(db)
    release = hold_writer(store)
    store.save_record(entry("written while locking"), None, 0)
    release.set()
    db.close()                                     # what Lock does
    with pytest.raises(StorageError):
        store.save_record(entry("too late"), None, 1)
    with open_plan(tmp_path / "plan", PASSPHRASE) as again:
        assert [e.text for e in again.load_plan().entries] == ["written while locking"]


def test_a_broken_callback_does_not_stop_saving(db, store, caplog):
    def broken():
        raise RuntimeError("callback bug")

    store.on_saved = broken
    store.save_record(entry("one"), None, 0)
    assert store.flush(timeout=30)
    store.save_record(entry("two"), None, 1)
    assert store.flush(timeout=30)
    assert [e.text for e in db.load_plan().entries] == ["one", "two"]


def test_a_write_that_can_never_be_stored_does_not_hold_later_ones_hostage(db, store):
    """Bypassing validation on purpose: a lone surrogate can't be encoded."""
    errors = []
    store.on_error = errors.append
    store.save_record(entry("before"), None, 0)
    store.save_record(entry("half a pair \ud800"), None, 1)
    store.save_record(entry("after"), None, 2)
    assert store.flush(timeout=30)
    assert store.pending() == 0 and store.skipped == 1
    assert len(errors) == 1 and isinstance(errors[0], NotStored)
    assert "save a copy of your plan as it is now" in str(errors[0])
    assert "\ud800" not in str(errors[0])
    assert [e.text for e in db.load_plan().entries] == ["before", "after"]


def test_a_write_the_disk_refused_is_tried_again_by_itself(db, store):
    errors, saved = [], threading.Event()
    store.on_error = errors.append
    store.on_saved = saved.set
    writer_conn = store._writer._conn
    pages = writer_conn.execute("PRAGMA page_count").fetchone()[0]
    writer_conn.execute(f"PRAGMA max_page_count = {pages}")      # the disk is "full"
    store.replace_plan(Plan(entries=[entry("x" * 2000) for _ in range(40)]))
    store.save_record(entry("typed while the disk was full"), None, 40)
    assert not store.flush(timeout=30)
    assert store.failing
    writer_conn.execute("PRAGMA max_page_count = 1073741823")    # space freed; nobody asks
    assert saved.wait(30)
    assert store.pending() == 0 and not store.failing
    assert len(errors) == 1                                      # told once, not every try
    assert [e.text for e in db.load_plan().entries][-1] == "typed while the disk was full"
