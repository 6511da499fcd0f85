"""The plan database: round trips, incremental saves, secrets, checks."""

import copy
import datetime as dt

import pytest

from recoveryplan.plans.model import (CheckIn, Contact, Entry, Goal, GoalStatus, LifeArea, LifeAreaNote, Plan,
                                      PlanInfo, ProgressNote, Step, Topic)
from recoveryplan.plans.service import PlanEditor, make_review
from recoveryplan.storage import (PlanDamaged, StorageError, WrongSecret, check_plan, create_plan, open_plan,
                                  normalise_recovery_key)
from recoveryplan.storage import schema
from recoveryplan.storage.connection import connect

PASSPHRASE = "a long walk by the canal"


def full_plan() -> Plan:
    """A plan with every kind of record, children and a review snapshot."""
    plan = Plan.new(owner_name="Sam", language="cy")
    plan.info.next_review_on = dt.date(2031, 3, 1)
    plan.entries = [Entry(section="keeping_well", field="everyday", text="Walking the dog"),
                    Entry(section="off_balance", field="things", text="Loud rooms", detail="Step outside",
                          private=True, together_with="Jo")]
    plan.goals = [Goal(what="Go back to pottery", why="It calms me", life_area=LifeArea.ENJOY,
                       status=GoalStatus.UNDER_WAY, target_date=dt.date(2031, 6, 1),
                       steps=[Step(text="Find a class", done_on=dt.date(2031, 1, 5)), Step(text="Book it")],
                       notes=[ProgressNote(date=dt.date(2031, 1, 6), text="Found one on Tuesdays")]),
                  Goal(what="Sleep better")]
    plan.life_areas = [LifeAreaNote(area=LifeArea.HOME, now_text="Cramped", hope_text="A garden")]
    plan.contacts = [Contact(name="Jo", relationship="Sister", phone="07700 900123", agreed=True,
                             on_crisis_card=True)]
    plan.topics = [Topic(text="Ask about the side effects")]
    plan.checkins = [CheckIn(hope=7, control=4, beyond=6, note="A good week")]
    plan.reviews = [make_review(plan, {"info": plan.info.to_dict(), "entries": ["as it was"]},
                                who_was_there="Jo and me", agreed="Keep going", date=dt.date(2031, 2, 1))]
    return plan


def without_snapshots(plan: Plan) -> Plan:
    expected = copy.deepcopy(plan)
    for review in expected.reviews:
        review.snapshot = None
    return expected


@pytest.fixture
def plan_db(tmp_path):
    plan = full_plan()
    db, _ = create_plan(tmp_path / "plan", PASSPHRASE, plan)
    yield db, plan
    db.close()


def changes(db, action) -> int:
    before = db._conn.total_changes
    action()
    return db._conn.total_changes - before


def reopen(db):
    folder = db.path
    db.close()
    return open_plan(folder, PASSPHRASE)


# -- round trips -----------------------------------------------------------------

def test_every_kind_of_record_round_trips(plan_db):
    db, plan = plan_db
    db = reopen(db)
    try:
        loaded = db.load_plan()
        assert loaded == without_snapshots(plan)
        assert loaded.reviews[0].snapshot is None
        assert db.load_snapshot(plan.reviews[0].id) == plan.reviews[0].snapshot
        assert db.load_snapshot("no-such-review") is None
    finally:
        db.close()


def test_new_plan_without_content_gets_the_default_services(tmp_path):
    db, recovery_key = create_plan(tmp_path / "plan", PASSPHRASE)
    with db:
        assert [s.name for s in db.load_plan().services] == [s.name for s in Plan.new().services]
        assert normalise_recovery_key(recovery_key) is not None
        assert db.schema_version() == schema.SCHEMA_VERSION == 1


def test_editing_through_the_editor_is_what_loads_back(plan_db):
    db, plan = plan_db
    editor = PlanEditor(db.load_plan(), db)
    goal = editor.plan.goals[0]
    editor.update(goal, what="Pottery on Tuesdays")
    editor.add(Step(text="Buy clay"), parent=goal, index=0)
    editor.remove(editor.plan.entries[0])
    editor.move(editor.plan.goals[1], 0)
    editor.add(Entry(section="hopes", field="hopes", text="See the sea"))
    editor.set_info(owner_name="Sammy")
    db = reopen(db)
    with db:
        assert db.load_plan() == editor.plan


# -- incremental writes ------------------------------------------------------------

def test_saving_one_entry_writes_one_row(plan_db):
    db, plan = plan_db
    entry = plan.entries[0]
    entry.text = "Walking the dog by the river"
    assert changes(db, lambda: db.save_record(entry, None, 0)) == 1
    step = plan.goals[0].steps[1]
    step.done_on = dt.date(2031, 2, 2)
    assert changes(db, lambda: db.save_record(step, plan.goals[0].id, 1)) == 1
    assert db.load_plan().entries[0].text == "Walking the dog by the river"


def test_saving_a_goal_keeps_its_steps_and_notes(plan_db):
    db, plan = plan_db
    goal = plan.goals[0]
    goal.status = GoalStatus.ACHIEVED
    db.save_record(goal, None, 0)
    loaded = db.load_plan().goals[0]
    assert loaded.status is GoalStatus.ACHIEVED
    assert [s.text for s in loaded.steps] == ["Find a class", "Book it"]
    assert len(loaded.notes) == 1


def test_saving_a_review_without_its_snapshot_keeps_the_snapshot(plan_db):
    db, plan = plan_db
    review = db.load_plan().reviews[0]
    review.agreed = "Keep going, gently"
    assert changes(db, lambda: db.save_record(review, None, 0)) == 1
    assert db.load_snapshot(review.id) == plan.reviews[0].snapshot


def test_deleting_a_goal_deletes_its_children(plan_db):
    db, plan = plan_db
    db.delete_record(plan.goals[0].id)
    rows = db._conn.execute("SELECT count(*) FROM records WHERE parent_id = ?", (plan.goals[0].id,))
    assert rows.fetchone()[0] == 0
    db.delete_record(plan.reviews[0].id)
    assert db.load_snapshot(plan.reviews[0].id) is None
    assert [g.what for g in db.load_plan().goals] == ["Sleep better"]


def test_positions_order_the_plan(plan_db):
    db, plan = plan_db
    db.save_positions([plan.entries[1].id, plan.entries[0].id])
    assert [e.text for e in db.load_plan().entries] == ["Loud rooms", "Walking the dog"]


def test_replace_plan_is_one_transaction_and_keeps_stored_snapshots(plan_db):
    db, plan = plan_db
    loaded = db.load_plan()            # reviews come without snapshots
    loaded.entries = [Entry(section="hopes", field="dreams", text="Imported")]
    db.replace_plan(loaded)
    assert [e.text for e in db.load_plan().entries] == ["Imported"]
    assert db.load_snapshot(plan.reviews[0].id) == plan.reviews[0].snapshot
    other = Plan(info=PlanInfo(owner_name="Alex"))
    db.replace_plan(other)
    assert db.load_plan() == other
    assert db.load_snapshot(plan.reviews[0].id) is None


def test_a_failed_write_changes_nothing(plan_db):
    db, plan = plan_db
    orphan = Step(text="No goal to belong to")
    with pytest.raises(StorageError):
        db.save_record(orphan, "missing-parent", 0)
    assert db.load_plan() == without_snapshots(plan)


# -- secrets -----------------------------------------------------------------------

def test_passphrase_and_recovery_key_both_open_the_plan(tmp_path):
    db, recovery_key = create_plan(tmp_path / "plan", PASSPHRASE)
    db.close()
    for secret in (PASSPHRASE, recovery_key, recovery_key.lower().replace("-", " "),
                   recovery_key.replace("0", "o")):
        open_plan(tmp_path / "plan", secret).close()


def test_changing_the_passphrase(plan_db):
    db, _ = plan_db
    db.change_passphrase("new words for a new year")
    assert db.verify_secret("new words for a new year")
    assert not db.verify_secret(PASSPHRASE)
    folder = db.path
    db.close()
    with pytest.raises(WrongSecret):
        open_plan(folder, PASSPHRASE)
    open_plan(folder, "new words for a new year").close()


def test_regenerating_the_recovery_key(tmp_path):
    db, old_key = create_plan(tmp_path / "plan", PASSPHRASE)
    new_key = db.regenerate_recovery_key()
    assert new_key != old_key
    assert db.verify_secret(new_key) and not db.verify_secret(old_key)
    db.close()
    with pytest.raises(WrongSecret):
        open_plan(tmp_path / "plan", old_key)
    open_plan(tmp_path / "plan", new_key).close()
    open_plan(tmp_path / "plan", PASSPHRASE).close()


def test_a_closed_plan_can_not_be_used_and_closes_twice(plan_db):
    db, _ = plan_db
    db.close()
    db.close()
    assert db.closed
    for action in (db.load_plan, lambda: db.save_positions([]), lambda: db.change_passphrase("x")):
        with pytest.raises(StorageError) as caught:
            action()
        assert "locked" in str(caught.value)


def test_the_data_key_is_raw_and_a_passphrase_never_reaches_sqlcipher(plan_db, monkeypatch):
    db, _ = plan_db
    folder = db.path
    db.close()
    statements = []
    import recoveryplan.storage.connection as connection

    real_connect = connection.sqlcipher3.connect

    def spying_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(connection.sqlcipher3, "connect", spying_connect)
    open_plan(folder, PASSPHRASE).close()
    keys = [s for s in statements if s.lower().startswith("pragma key")]
    assert keys and all(s.startswith("PRAGMA key = \"x'") and len(s) == len("PRAGMA key = \"x''\"") + 64
                        for s in keys)
    assert not any(PASSPHRASE in s for s in statements)


# -- schema --------------------------------------------------------------------------

def test_a_plan_from_a_newer_version_is_refused_untouched(plan_db):
    db, _ = plan_db
    db._conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    folder = db.path
    db.close()
    before = (folder / "plan.db").read_bytes()
    with pytest.raises(StorageError) as caught:
        open_plan(folder, PASSPHRASE)
    assert "newer version" in str(caught.value)
    assert (folder / "plan.db").read_bytes() == before


def test_migrations_run_in_order_each_in_a_transaction(tmp_path, monkeypatch):
    db, _ = create_plan(tmp_path / "plan", PASSPHRASE)
    key = db._key
    db.close()
    ran = []

    def to_2(conn):
        ran.append(2)
        conn.execute("ALTER TABLE records ADD COLUMN extra TEXT")

    def to_3(conn):
        ran.append(3)
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("interrupted")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], to_2, to_3])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    with pytest.raises(RuntimeError):
        open_plan(tmp_path / "plan", PASSPHRASE)
    assert ran == [2, 3]
    conn = connect(tmp_path / "plan" / "plan.db", key)
    try:
        assert schema.version_of(conn) == 2
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in names
    finally:
        conn.close()


# -- check_plan --------------------------------------------------------------------

def test_check_reports_a_healthy_plan_in_plain_words(plan_db):
    db, _ = plan_db
    report = check_plan(db.path, PASSPHRASE)
    assert report.ok
    text = "\n".join(report.lines())
    assert "passphrase is set up" in text and "recovery key is set up" in text
    assert "format 1" in text and "whole" in text


def test_check_reports_damage_instead_of_raising(plan_db):
    db, _ = plan_db
    folder = db.path
    db.close()
    (folder / "keys.json").write_text("{}")
    report = check_plan(folder, PASSPHRASE)
    assert not report.ok and "damaged" in report.lines()[0]


def test_check_needs_the_right_secret(plan_db):
    db, _ = plan_db
    with pytest.raises(WrongSecret):
        check_plan(db.path, "not it")


def test_check_finds_a_damaged_page(plan_db):
    db, _ = plan_db
    folder = db.path
    db.close()
    data = bytearray((folder / "plan.db").read_bytes())
    assert len(data) >= 3 * 4096
    data[2 * 4096 + 100] ^= 0xFF
    (folder / "plan.db").write_bytes(bytes(data))
    report = check_plan(folder, PASSPHRASE)
    assert not report.ok
    assert any("damaged" in line for line in report.lines())
    with pytest.raises(PlanDamaged):
        open_plan(folder, PASSPHRASE)
