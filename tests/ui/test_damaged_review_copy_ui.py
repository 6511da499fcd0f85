"""A review whose copy of the plan is damaged on disk: opening it says so
kindly and shows nothing, rather than an error (opening the plan checks only
what opening reads; see storage.folder.verify_whole)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from recoveryplan.storage import PlanDamaged
from recoveryplan.ui.reviews.dialog import record_review


def test_a_damaged_review_copy_is_said_kindly(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    record_review(ctx, date=dt.date.today())
    window.workspace.go_to("reviews")
    page = window.workspace.current_page()

    def damaged(_review_id):
        raise PlanDamaged("database")

    page.snapshot_loader = damaged
    ctx.plan.reviews[0].snapshot = None          # as after reopening: read when asked
    messages = []
    ctx.status.connect(messages.append)
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.waitUntil(page.snapshot_button.isEnabled)
    QTest.mouseClick(page.snapshot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[-1] == str(PlanDamaged("database"))
    assert "damaged" in messages[-1]
