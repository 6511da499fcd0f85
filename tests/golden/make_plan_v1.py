"""Make the golden plan for schema version 1 (``tests/golden/plan-v1/``).

Run once, when version 1 was released, and kept in the repository from then
on: later versions must open the committed files, so never run this again
to "fix" a failing golden test. The passphrase and the recovery key it
printed are written in ``tests/integration/test_storage_files.py``.

    RECOVERYPLAN_KDF_PROFILE=test PYTHONPATH=. python tests/golden/make_plan_v1.py
"""

import datetime as dt
import os
import sys
from pathlib import Path

from recoveryplan.plans.model import CheckIn, Contact, Entry, Goal, Plan, ProgressNote, Review, Step
from recoveryplan.storage import create_plan

HERE = Path(__file__).resolve().parent
PASSPHRASE = "golden plan passphrase, version one"


def golden_plan() -> Plan:
    plan = Plan.new(owner_name="Robin", language="en")
    plan.entries = [Entry(section="keeping_well", field="everyday", text="Walking by the river"),
                    Entry(section="keeping_well", field="more_of", text="Calling my brother", private=True)]
    plan.goals = [Goal(what="Join a choir", why="Singing lifts me",
                       steps=[Step(text="Find one nearby", done_on=dt.date(2025, 3, 2)),
                              Step(text="Go to a taster night")],
                       notes=[ProgressNote(date=dt.date(2025, 3, 9), text="Sang at the back and loved it")])]
    plan.contacts = [Contact(name="Alex", relationship="Friend", phone="07700 900456", agreed=True)]
    plan.checkins = [CheckIn(hope=6, control=5, beyond=4, note="Steadier")]
    plan.reviews = [Review(date=dt.date(2025, 4, 1), agreed="Keep singing",
                           snapshot={"entries": [{"text": "Walking by the river"}]})]
    return plan


def main() -> None:
    if os.environ.get("RECOVERYPLAN_KDF_PROFILE") != "test":
        sys.exit("set RECOVERYPLAN_KDF_PROFILE=test")
    folder = HERE / "plan-v1"
    db, recovery_key = create_plan(folder, PASSPHRASE, golden_plan())
    db.close()  # the last connection checkpoints the WAL and removes it
    print("recovery key:", recovery_key)


if __name__ == "__main__":
    main()
