"""Scrolling over a box that is not being edited never changes its value."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QVBoxLayout, QWidget

from recoveryplan.ui.wheel import WheelGuard


def _wheel_down(widget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_scrolls_the_page_not_an_unfocused_combo_box(qtbot, qapp):
    guard = WheelGuard()
    guard.install(qapp)
    try:
        area = QScrollArea()
        qtbot.addWidget(area)
        body = QWidget()
        layout = QVBoxLayout(body)
        combo = QComboBox()
        combo.addItems(["Home", "Work", "Learning"])
        layout.addWidget(combo)
        other = QComboBox()
        layout.addWidget(other)
        body.setMinimumHeight(2000)
        area.setWidget(body)
        area.resize(300, 200)
        area.show()
        qtbot.waitExposed(area)
        other.setFocus()
        _wheel_down(combo)
        assert combo.currentIndex() == 0           # unchanged while not being edited
        combo.setFocus()
        qtbot.waitUntil(combo.hasFocus)
        _wheel_down(combo)
        assert combo.currentIndex() == 1           # the person chose to change it
    finally:
        qapp.removeEventFilter(guard)
