"""Right-to-left details Qt leaves to the app.

* ``QPlainTextEdit`` aligns every paragraph to the left unless told
  otherwise, even Arabic in an Arabic window: :func:`set_text_direction`
  aligns (and orders) a box's text for a direction, and
  :func:`direction_of` finds the direction of the person's own words.
* Menus draw a shortcut such as "Ctrl++" in the menu's direction, so an
  Arabic menu shows "++Ctrl" beside "Ctrl+Q": ``shortcut_style`` keeps every
  shortcut left to right, as keyboards label their keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from ...i18n import text_direction

_ALIGN = {
    Qt.LayoutDirection.LeftToRight: Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft,
    Qt.LayoutDirection.RightToLeft: Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight,
}


def direction_of(text: str, fallback: Qt.LayoutDirection) -> Qt.LayoutDirection:
    """The direction of ``text``'s first letter; ``fallback`` when it has none."""
    found = text_direction(text)
    if found is None:
        return fallback
    return Qt.LayoutDirection.RightToLeft if found == "rtl" else Qt.LayoutDirection.LeftToRight


def set_text_direction(edit: QPlainTextEdit, direction: Qt.LayoutDirection,
                       *, per_paragraph: bool = False) -> bool:
    """Align ``edit``'s text for ``direction``. With ``per_paragraph`` each
    paragraph is still ordered by its own first letter (mixed writing);
    otherwise every paragraph is ordered for ``direction``. Returns whether
    anything changed (a change lays the text out again)."""
    document = edit.document()
    option = document.defaultTextOption()
    order = Qt.LayoutDirection.LayoutDirectionAuto if per_paragraph else direction
    align = _ALIGN[direction]
    if option.textDirection() == order and option.alignment() == align:
        return False
    option.setTextDirection(order)
    option.setAlignment(align)
    document.setDefaultTextOption(option)
    return True


def align_with_layout(label: QLabel) -> QLabel:
    """Line ``label`` up with the window's reading side, whatever the
    direction of its words: a card in the Arabic app keeps an English name
    and a phone number on the right, with the Arabic lines around them."""
    side = (Qt.AlignmentFlag.AlignRight if label.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft)
    label.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side | Qt.AlignmentFlag.AlignVCenter)
    return label
