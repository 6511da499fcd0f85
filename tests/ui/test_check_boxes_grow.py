"""Check boxes grow with larger text (Ctrl++), so "Just for me", "No target
date" and a small step's tick stay easy to see and to hit; at the normal
size they are the style's own."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from recoveryplan.ui.style import apply_text_scale


def _indicator_side(box: QCheckBox) -> int:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).height()


def test_a_check_box_grows_with_the_text(qtbot):
    box = QCheckBox("Just for me")
    qtbot.addWidget(box)
    box.show()
    try:
        apply_text_scale(100)
        normal = _indicator_side(box)
        apply_text_scale(200)
        large = _indicator_side(box)
        assert large >= normal * 1.8
        assert box.sizeHint().height() >= large
    finally:
        apply_text_scale(100)
    assert _indicator_side(box) == normal
