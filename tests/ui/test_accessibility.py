"""Every visible control in the shell has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QCheckBox, QComboBox,
    QLineEdit, QListView, QPlainTextEdit, QPushButton, QSlider, QSpinBox, QTableView, QTextEdit,
    QTreeView, QWidget,
)

from recoveryplan.ui.about import AboutDialog
from recoveryplan.ui.help_now import ServiceEditor
from recoveryplan.ui.start.recovery_key import RecoveryKeyDialog

CHECKED = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QSpinBox,
           QAbstractSpinBox, QCheckBox, QSlider, QAbstractSlider, QListView, QTreeView,
           QTableView, QAbstractItemView)


def unnamed(root: QWidget) -> list[str]:
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisible():
            continue
        if widget.accessibleName().strip():
            continue
        if isinstance(widget, (QPushButton, QCheckBox)) and widget.text().replace("&", "").strip():
            continue
        if type(widget).__name__ in ("QScrollBar",) or widget.objectName().startswith("qt_"):
            continue   # Qt's own scroll bars and internals
        out.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                   f"{type(widget.parentWidget()).__name__}")
    return out


def test_start_screens(qtbot, make_window):
    window = make_window()
    flow = window.start
    flow.recovery_key.set_key("7K2M-QX9D-AB12-CD34-EF56-GH78-JK90-MN12")
    for screen in (flow.welcome, flow.create, flow.recovery_key, flow.unlock):
        flow.setCurrentWidget(screen)
        assert unnamed(window) == [], screen.objectName()
    flow.unlock.set_use_recovery_key(True)
    assert unnamed(window) == []


def test_every_page_of_the_open_plan(qtbot, open_window):
    window = open_window
    problems = []
    for row, page in enumerate(window.workspace.pages):
        window.workspace.nav.setCurrentRow(row)
        qtbot.waitUntil(page.isVisible)
        problems += [f"{page.spec.key}: {p}" for p in unnamed(window)]
    assert problems == []


def test_my_dialogs(qtbot, open_window, dialogs):
    window = open_window
    shown = [window.show_help_now(), window.show_preferences(), AboutDialog(window),
             ServiceEditor(None, window),
             RecoveryKeyDialog("7K2M-QX9D-AB12-CD34-EF56-GH78-JK90-MN12", dialogs, window)]
    for dialog in shown:
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        assert unnamed(dialog) == [], dialog.objectName()
        dialog.reject()


def test_targets_are_big_enough(qtbot, open_window):
    window = open_window
    for button in (window.lock_button, window.help_now_button):
        assert button.height() >= 24, button.objectName()
