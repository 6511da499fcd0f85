"""A row of buttons that wraps (``FlowLayout``) keeps its measured heights
only while nothing in it changes: longer words (another language, larger
text) or a button shown or hidden give the height for the new words."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from recoveryplan.ui.widgets.flow import FlowLayout


def test_the_height_follows_the_buttons_words_and_visibility(qtbot):
    row = QWidget()
    qtbot.addWidget(row)
    layout = FlowLayout(row)
    first, second = QPushButton("Add"), QPushButton("Remove")
    layout.addWidget(first)
    layout.addWidget(second)
    row.show()
    width = first.sizeHint().width() + second.sizeHint().width() + 20
    one_line = layout.heightForWidth(width)
    assert layout.heightForWidth(width) == one_line
    second.setText("Remove this one from my list, please")
    two_lines = layout.heightForWidth(width)
    assert two_lines > one_line                  # the long words went onto a line of their own
    second.hide()
    assert layout.heightForWidth(width) == first.sizeHint().height()
    second.show()
    second.setText("Remove")
    assert layout.heightForWidth(width) == one_line
