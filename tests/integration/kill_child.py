"""A child process for the kill tests: it opens a plan and writes in a loop,
printing a line only after each write has returned, until it is killed.

    python kill_child.py MODE PLAN PASSPHRASE [TARGET]

MODE:
  save        save entries through PlanDatabase and (every third) through a
              BackgroundStore, printing "saved <id>" after each
  passphrase  change the passphrase back and forth between PASSPHRASE and
              TARGET (the other passphrase), printing "changed <n>" (the n-th change)
  backup      save a backup file to TARGET again and again, printing "backup <n>"
  pdf         export the plan as a PDF to TARGET again and again, printing "pdf <n>"

"ready" is printed once the plan is open, so the parent can time its kill
from there.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from recoveryplan.plans.model import Entry  # noqa: E402
from recoveryplan.storage import open_plan  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def save_loop(db, tag: str) -> None:
    from recoveryplan.storage.writer import BackgroundStore

    store = BackgroundStore(db)
    for n in itertools.count():
        entry = Entry(section="keeping_well", field="everyday", text=f"{tag} change {n}")
        if n % 3 == 2:
            store.save_record(entry, None, n)
            if not store.flush(30):
                raise SystemExit("the background store did not save")
        else:
            db.save_record(entry, None, n)
        say(f"saved {entry.id}")


def passphrase_loop(db, current: str, other: str) -> None:
    for n in itertools.count(1):
        db.change_passphrase(other if n % 2 else current)
        say(f"changed {n}")


def backup_loop(db, target: Path) -> None:
    from recoveryplan.storage.backup import save_backup

    for n in itertools.count(1):
        save_backup(db, target)
        say(f"backup {n}")


def pdf_loop(db, target: Path) -> None:
    from recoveryplan.export.pdf import Layout, PdfOptions, export_pdf

    plan = db.load_plan()
    for n in itertools.count(1):
        export_pdf(plan, target, PdfOptions(layout=Layout.CRISIS, language="en"))
        say(f"pdf {n}")


def warm_up(mode: str) -> None:
    """Load what the loop needs first, so the kill lands in the loop itself."""
    if mode == "pdf":
        from recoveryplan.export.pdf import Layout, PdfOptions, render_pdf
        from recoveryplan.plans.model import Plan

        render_pdf(Plan.new(), PdfOptions(layout=Layout.CRISIS, language="en"))


def main(argv: list[str]) -> None:
    mode, plan, passphrase = argv[:3]
    target = argv[3] if len(argv) > 3 else ""
    db = open_plan(Path(plan), passphrase)
    warm_up(mode)
    say("ready")
    if mode == "save":
        save_loop(db, tag=target or "round")
    elif mode == "passphrase":
        passphrase_loop(db, passphrase, target)
    elif mode == "backup":
        backup_loop(db, Path(target))
    elif mode == "pdf":
        pdf_loop(db, Path(target))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
