"""The check-ins page on a real encrypted plan: add, change and delete
check-ins with the keyboard and mouse, and find them again after reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QGroupBox, QLabel, QPlainTextEdit,
                               QPushButton,
                               QSlider, QWidget)

from recoveryplan import storage
from recoveryplan.i18n import set_language
from recoveryplan.plans.model import Plan
from recoveryplan.plans.sections import SECTIONS_BY_KEY
from recoveryplan.plans.service import PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.pages import make_page

PASSPHRASE = "purple tiger river lamp"


class Opened:
    """A plan folder opened for one page, the way the app edits it."""

    def __init__(self, folder: Path, qtbot) -> None:
        self.db = storage.open_plan(folder, PASSPHRASE)
        self.ctx = PlanContext(PlanEditor(self.db.load_plan(), self.db))
        self.page = make_page(SECTIONS_BY_KEY["checkins"], self.ctx)
        qtbot.addWidget(self.page)
        self.page.resize(1000, 900)
        self.page.show()

    def close(self) -> None:
        self.ctx.flush_pending()
        self.ctx.detach()
        self.page.close()
        self.db.close()

    def find(self, cls, name: str):
        widget = self.page.findChild(cls, name)
        assert widget is not None, name
        return widget

    def click(self, qtbot, name: str) -> None:
        qtbot.mouseClick(self.find(QAbstractButton, name), Qt.MouseButton.LeftButton)

    def scores(self) -> list[tuple[int, int, int, str]]:
        return sorted((c.hope, c.control, c.beyond, c.note) for c in self.ctx.plan.checkins)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "plan"
    db, _key = storage.create_plan(path, PASSPHRASE, Plan.new("Sam"))
    db.close()
    return path


def _choose(qtbot, plan, key: str, value: int) -> None:
    """Set a check-in slider with the keyboard: Home (0), then Right ``value`` times."""
    slider = plan.find(QSlider, f"checkin-{key}")
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    for _ in range(value):
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert slider.value() == value


@pytest.fixture
def reopen(folder, qtbot):
    opened: list[Opened] = []

    def make() -> Opened:
        if opened:
            opened[-1].close()
        opened.append(Opened(folder, qtbot))
        return opened[-1]

    yield make
    if opened:
        opened[-1].close()


def test_checkins_saved_changed_and_deleted_stay_that_way_after_reopening(qtbot, reopen):
    plan = reopen()
    hope = plan.find(QSlider, "checkin-hope")
    hope.setFocus()
    for _ in range(3):
        qtbot.keyClick(hope, Qt.Key.Key_Right)          # 5 -> 8 with the keyboard
    qtbot.keyClick(plan.find(QSlider, "checkin-beyond"), Qt.Key.Key_Home)   # 0
    _choose(qtbot, plan, "control", 5)
    plan.find(QPlainTextEdit, "checkinNote").setFocus()
    qtbot.keyClicks(plan.find(QPlainTextEdit, "checkinNote"), "saw my sister")
    plan.click(qtbot, "saveCheckinButton")
    for key, value in (("hope", 5), ("control", 2), ("beyond", 5)):
        _choose(qtbot, plan, key, value)
    plan.click(qtbot, "saveCheckinButton")
    assert plan.scores() == [(5, 2, 5, ""), (8, 5, 0, "saw my sister")]

    plan = reopen()
    assert plan.scores() == [(5, 2, 5, ""), (8, 5, 0, "saw my sister")]
    # change the one with the note: choose it in the list, then "Change"
    view = plan.page.view
    row = next(r for r in range(plan.page.model.rowCount())
               if plan.page.model.record(r).note == "saw my sister")
    view.setCurrentIndex(plan.page.model.index(row, 0))
    plan.click(qtbot, "addCheckinButton")  # "Change this check-in"
    assert plan.page.form.title().startswith("Changing my check-in from")
    assert plan.find(QSlider, "checkin-hope").value() == 8
    plan.find(QSlider, "checkin-hope").setValue(6)
    plan.click(qtbot, "saveCheckinButton")
    assert plan.page.editing is None

    plan = reopen()
    assert plan.scores() == [(5, 2, 5, ""), (6, 5, 0, "saw my sister")]
    row = next(r for r in range(plan.page.model.rowCount()) if plan.page.model.record(r).note == "")
    plan.page.view.setCurrentIndex(plan.page.model.index(row, 0))
    plan.click(qtbot, "removeCheckinButton")
    assert plan.scores() == [(6, 5, 0, "saw my sister")]

    plan = reopen()
    assert plan.scores() == [(6, 5, 0, "saw my sister")]
    # the chart follows what is stored
    progress = plan.page.progress
    progress.refresh()
    assert [v for _t, v in progress.chart.series()["hope"]] == [6]


def test_sliders_say_their_value_and_the_page_says_what_a_checkin_is(qtbot, reopen):
    plan = reopen()
    page = plan.page
    for key in ("hope", "control", "beyond"):
        slider = plan.find(QSlider, f"checkin-{key}")
        assert slider.accessibleName().startswith("How")
        assert slider.accessibleDescription().startswith("Not set yet.")
        _choose(qtbot, plan, key, 7)
        assert slider.accessibleDescription().startswith("7 out of 10.")
    disclaimer = plan.find(QLabel, "checkinDisclaimer").text()
    assert "not a test or a clinical measure" in disclaimer
    # said once: the page intro does not repeat the disclaimer
    assert "not a test" not in page.intro.text()
    assert plan.find(QGroupBox, "howAmIDoing").title() == "How am I doing"


def test_the_page_retranslates_with_its_progress_view(qtbot, reopen):
    plan = reopen()
    page = plan.page
    set_language("qps-ploc")
    try:
        QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
        qtbot.waitUntil(lambda: page.progress.summary_text().startswith("["))
        assert plan.find(QGroupBox, "howAmIDoing").title().startswith("[")
        assert page.progress.chart.accessibleName().startswith("[")
        assert page.progress.period_box.itemText(0).startswith("[")
        assert page.progress.table_model.headerData(1, Qt.Orientation.Horizontal).startswith("[")
    finally:
        set_language("en")
        QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    qtbot.waitUntil(lambda: not page.progress.summary_text().startswith("["))
    assert page.progress.period_box.itemText(0) == "The last month"


def test_every_control_of_the_page_has_a_name(qtbot, reopen):
    plan = reopen()
    plan.click(qtbot, "saveCheckinButton")
    for widget in plan.page.findChildren(QWidget):
        if widget.isVisibleTo(plan.page) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus and (
                isinstance(widget, (QAbstractButton, QSlider, QPlainTextEdit))
                or widget.objectName() in ("checkinChart", "progressTable", "goalProgressTable",
                                           "progressPeriod")):
            assert widget.accessibleName(), widget.objectName()


def test_a_new_checkin_starts_with_nothing_chosen(qtbot, reopen):
    """No answer is suggested: each slider says "not set" until the person
    moves it (mouse or keyboard, sent to the window), and only then can the
    check-in be saved."""
    from PySide6.QtTest import QTest

    plan = reopen()
    page = plan.page
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for key in ("hope", "control", "beyond"):
        assert plan.find(QLabel, f"checkin-{key}-value").text() == "not set"
    save = plan.find(QPushButton, "saveCheckinButton")
    assert not save.isEnabled()

    def click(widget, x_fraction=0.5):
        point = widget.mapTo(window, widget.rect().center())
        point.setX(widget.mapTo(window, widget.rect().topLeft()).x() + int(widget.width() * x_fraction))
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)

    hope = plan.find(QSlider, "checkin-hope")
    click(hope)                                  # on the handle: chosen as it is
    assert plan.find(QLabel, "checkin-hope-value").text() == "5"
    control = plan.find(QSlider, "checkin-control")
    click(control)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Left)
    assert plan.find(QLabel, "checkin-control-value").text() == "4"
    assert not save.isEnabled()
    beyond = plan.find(QSlider, "checkin-beyond")
    click(beyond)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_End)
    assert save.isEnabled()
    click(save)
    assert plan.scores() == [(5, 4, 10, "")]
    assert plan.find(QLabel, "checkin-hope-value").text() == "not set"   # the next starts afresh
