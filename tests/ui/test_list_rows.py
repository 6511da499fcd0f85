"""A list's rows stay one under another when one of them changes height
("Just for me" adds a line under its words, and takes it away again), and
the page makes room before it is painted; the delegate's answers and the
padlock it draws follow the entry and the palette; the sidebar repaints only
for a section's mark that changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.models.entries import EntryListModel
from recoveryplan.ui.widgets.icons import lock_pixmap
from recoveryplan.ui.widgets.roles import (AttributionRole, DetailRole, PrivateRole,
                                           RowPartsRole)
from recoveryplan.ui.workspace import Workspace


@pytest.fixture
def ctx(qapp):
    context = PlanContext(PlanEditor(Plan.new("Sam"), MemoryStore()))
    yield context
    context.detach()


@pytest.fixture
def workspace(qtbot, ctx):
    space = Workspace(ctx)
    qtbot.addWidget(space)
    space.resize(1000, 700)
    space.show()
    space.activateWindow()
    qtbot.waitUntil(space.isActiveWindow)
    return space


def _settle() -> None:
    for _turn in range(5):
        QApplication.processEvents()


def _assert_one_under_another(view, model, rows) -> None:
    for row in rows:
        here, below = view.rectForIndex(model.index(row, 0)), view.rectForIndex(model.index(row + 1, 0))
        assert here.height() == view.sizeHintForIndex(model.index(row, 0)).height()
        assert below.top() == here.bottom() + 1, f"row {row + 1} is not just under row {row}"


def _click(qtbot, check) -> None:
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def test_just_for_me_moves_the_rows_below_down_and_back(qtbot, ctx, workspace):
    entries = [Entry(section="warning_signs", field="i_notice", text=f"sign {n}") for n in range(30)]
    for record in entries:
        ctx.add(record)
    workspace.go_to("warning_signs")
    box = workspace.current_page().box("i_notice")
    view, model, check = box.view, box.model, box.just_for_me
    qtbot.waitUntil(lambda: view.rectForIndex(model.index(29, 0)).height() > 0)
    for row in (0, 20):
        view.setCurrentIndex(model.index(row, 0))
        _settle()
        plain = view.rectForIndex(model.index(row, 0)).height()
        _click(qtbot, check)
        _settle()
        assert entries[row].private
        assert view.rectForIndex(model.index(row, 0)).height() > plain    # room for the mark
        _assert_one_under_another(view, model, range(0, 28))  # not over the next row's words
        _click(qtbot, check)
        _settle()
        assert not entries[row].private
        assert view.rectForIndex(model.index(row, 0)).height() == plain
        _assert_one_under_another(view, model, range(0, 28))  # and no gap where it was


def test_the_page_makes_room_for_the_mark_before_it_is_painted(qtbot, ctx, workspace):
    """The list, its box and the page body all take their new heights in the
    first turn of the event loop after the click (not one level a turn,
    with the page painted half laid out in between)."""
    for n in range(12):
        ctx.add(Entry(section="warning_signs", field="i_notice", text=f"sign {n}"))
    workspace.go_to("warning_signs")
    page = workspace.current_page()
    box = page.box("i_notice")
    view, check = box.view, box.just_for_me
    view.setCurrentIndex(box.model.index(0, 0))
    _settle()
    body = page.body
    heights = view.height(), box.height(), body.height()
    _click(qtbot, check)
    QApplication.processEvents()
    grown = view.height() - heights[0]
    assert grown > 0 and view.height() == view.sizeHint().height()
    assert box.height() - heights[1] == grown
    assert body.height() - heights[2] == grown


def test_a_row_answers_the_delegate_at_once_and_follows_its_entry(ctx):
    ctx.together_with = "Priya"
    entry = Entry(section="warning_signs", field="i_notice", text="sleeping badly", detail="walk")
    ctx.add(entry)
    ctx.together_with = ""
    model = EntryListModel(ctx, "warning_signs", "i_notice")
    index = model.index(0, 0)

    def separately():
        return (model.data(index), model.data(index, DetailRole), model.data(index, PrivateRole),
                model.data(index, AttributionRole), model.data(index, Qt.ItemDataRole.FontRole))

    assert model.data(index, RowPartsRole) == separately()
    assert "Priya" in model.data(index, RowPartsRole)[3]
    ctx.update(entry, text="sleeping well", private=True)
    parts = model.data(index, RowPartsRole)
    assert parts == separately() and "sleeping well" in parts[0] and parts[2] is True


def test_the_padlock_is_drawn_once_for_each_colour(qapp):
    light, dark = QColor("#101010"), QColor("#f0f0f0")
    first = lock_pixmap(16, light)
    assert lock_pixmap(16, light).cacheKey() == first.cacheKey()   # kept, not drawn again
    other = lock_pixmap(16, dark)
    assert other.cacheKey() != first.cacheKey()
    ratio = other.devicePixelRatio()
    centre = (int(8 * ratio), int(11 * ratio))       # in the padlock's body
    assert first.toImage().pixelColor(*centre).rgb() == light.rgb()
    assert other.toImage().pixelColor(*centre).rgb() == dark.rgb()
    assert lock_pixmap(20, dark).width() == int(20 * ratio)


class _Paints(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.widget, self.rects = widget, []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and watched is self.widget:
            self.rects.append(event.rect())
        return False


def test_the_sidebar_repaints_only_when_a_sections_mark_changes(qtbot, ctx, workspace):
    entry = Entry(section="warning_signs", field="i_notice", text="sleeping badly")
    ctx.add(entry)
    workspace.go_to("warning_signs")
    _settle()
    viewport = workspace.nav.viewport()
    paints = _Paints(viewport)
    QApplication.instance().installEventFilter(paints)
    row = workspace.nav.currentRow()
    item = workspace.nav.item(row)
    marked = item.icon().cacheKey()
    ctx.update(entry, private=True)      # the section still has writing: the same mark
    ctx.update(entry, text="sleeping badly again")
    _settle()
    assert paints.rects == [] and item.icon().cacheKey() == marked
    ctx.remove(entry)                    # no writing left: the mark goes
    _settle()
    assert paints.rects and item.icon().cacheKey() != marked
    assert "has writing" not in item.data(Qt.ItemDataRole.AccessibleTextRole)
    ctx.undo()
    _settle()
    assert item.icon().cacheKey() == marked


def _list_of(qtbot, words: list[str], width: int = 300, point_size: float = 0):
    from recoveryplan.ui.widgets.delegate import EntryDelegate
    from recoveryplan.ui.widgets.lists import GrowingListView
    model = QStandardItemModel()
    for text in words:
        model.appendRow(QStandardItem(text))
    view = GrowingListView(max_rows=10)
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(EntryDelegate(view))
    view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, False)   # wherever the mouse is
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # no row marked as the current one
    view.resize(width, 400)
    view.show()
    qtbot.waitExposed(view)
    if point_size:
        font = view.font()
        font.setPointSizeF(point_size)
        view.setFont(font)
    _settle()
    return view, model


def _picture(view):
    _settle()
    return view.viewport().grab().toImage()


def test_a_row_is_painted_with_its_words_width_and_font_of_now(qtbot):
    """Rows keep their words laid out between paints: a row whose words
    change, a narrower list and a larger font each paint as a list made
    afresh with them does (a kept layout that missed the change would not)."""
    words = ["sleeping badly and waking early, most days of the week", "short"]
    view, model = _list_of(qtbot, words)
    before = _picture(view)
    model.item(0).setText("eating badly and walking early, some days of the month")
    changed = _picture(view)
    assert changed != before
    fresh, _model = _list_of(qtbot, [model.item(0).text(), "short"])
    assert changed == _picture(fresh)
    fresh.close()
    view.resize(180, 400)
    narrow, _model = _list_of(qtbot, [model.item(0).text(), "short"], width=180)
    assert _picture(view) == _picture(narrow)
    narrow.close()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    large, _model = _list_of(qtbot, [model.item(0).text(), "short"], width=180,
                             point_size=font.pointSizeF())
    assert _picture(view) == _picture(large)
