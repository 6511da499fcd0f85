"""The list of sections on the left: each section's name is shown whole,
on one line or wrapped onto two, in a row as tall as its words, with no
empty gap after it, at the width the window gives it and when the
sidebar is made narrower or wider."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSplitter, QStyle, QStyleOptionViewItem


def _text_room(nav, row: int) -> tuple[bool, int]:
    """Whether the section's name fits, unelided, in the part of its row
    where Qt paints it, and how much taller than its lines that part is."""
    index = nav.model().index(row, 0)
    option = QStyleOptionViewItem()
    nav.initViewItemOption(option)
    option.rect = nav.visualRect(index)
    nav.itemDelegate().initStyleOption(option, index)
    text_rect = nav.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, nav)
    margin = nav.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, nav) + 1
    inner = text_rect.adjusted(margin, 0, -margin, 0)
    needed = nav.fontMetrics().boundingRect(QRect(0, 0, inner.width(), 10_000),
                                            int(Qt.TextFlag.TextWordWrap), option.text)
    fits = needed.width() <= inner.width() and needed.height() <= text_rect.height()
    return fits, text_rect.height() - needed.height()


def _check_rows(nav) -> None:
    viewport = nav.viewport().width()
    rects = [nav.visualRect(nav.model().index(row, 0)) for row in range(nav.count())]
    for row, rect in enumerate(rects):
        assert rect.right() < viewport, (nav.item(row).text(), rect, viewport)
        fits, spare = _text_room(nav, row)
        assert fits, (nav.item(row).text(), rect, viewport)
        assert spare < nav.fontMetrics().lineSpacing(), (nav.item(row).text(), rect, spare)
    for row in range(1, len(rects)):
        gap = rects[row].top() - rects[row - 1].bottom() - 1
        assert gap <= 2 * nav.spacing(), (nav.item(row - 1).text(), rects[row - 1], rects[row])


@pytest.mark.parametrize("larger", [0, 3])
def test_every_section_name_is_whole_with_no_gap_after_it(qtbot, open_window, larger) -> None:
    window = open_window
    window.resize(1100, 700)
    nav = window.workspace.nav
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(larger):     # Ctrl++, as a person makes the text larger
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.text_scale == (175 if larger else 100)
    qtbot.wait(20)
    _check_rows(nav)
    splitter = window.workspace.findChild(QSplitter)
    for width in range(nav.minimumWidth(), nav.maximumWidth() + 1, 3):
        splitter.setSizes([width, splitter.width() - width])
        qtbot.waitUntil(lambda: abs(nav.width() - width) <= 1 or nav.width() in (
            nav.minimumWidth(), nav.maximumWidth()), timeout=1000)
        qtbot.wait(1)
        _check_rows(nav)
