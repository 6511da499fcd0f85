"""The Qt binding must not leak references to None.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` on every
call that returns nothing; Python aborted after a few thousand calls. This
test fails (rather than crashing later in a person's session) if a binding
with that fault is installed.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    # Immortal None (3.12+) reports a huge constant; otherwise it must not drop.
    assert sys.getrefcount(None) >= before - 50
