"""Opening a plan: reading it happens off the GUI thread."""

from __future__ import annotations

import threading

from recoveryplan.storage.database import PlanDatabase


def test_the_plan_is_read_off_the_gui_thread(monkeypatch, make_window, created_plan, unlock):
    threads: list[threading.Thread] = []
    original = PlanDatabase.load_plan

    def load_plan(self):
        threads.append(threading.current_thread())
        return original(self)

    monkeypatch.setattr(PlanDatabase, "load_plan", load_plan)
    window = unlock(make_window())
    assert window.workspace is not None
    assert window.session.plan.info.owner_name == "Sam"
    assert threads and threading.main_thread() not in threads
