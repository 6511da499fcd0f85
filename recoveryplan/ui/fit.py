"""Every window opens inside the screen it is on.

On a small screen (a 1024×600 netbook) or with large scaling (200 %), a
window asked for at its comfortable size would hang off the edge, taking
"Need help now?" and menus with it. ``ScreenFit`` watches windows as they
are shown and makes each fit the screen's available area (its frame
included), moving it inside if needed; the pages scroll and wrap instead.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from . import app_events

#: Room kept for a window manager's title bar and borders before they are known.
FRAME_GUESS = QSize(12, 40)


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect()


def fit_into(widget: QWidget, area: QRect | None = None) -> None:
    """Shrink ``widget`` (a window) to fit ``area`` and move it inside."""
    area = area if area is not None else available_area(widget)
    if area.isEmpty():
        return
    frame = widget.frameGeometry()
    inner = widget.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    if widget.isVisible() and (extra.width() > 0 or extra.height() > 0):
        extra = extra.expandedTo(QSize(0, 0))
    else:
        extra = FRAME_GUESS
    room = QSize(area.width() - extra.width(), area.height() - extra.height())
    size = widget.size().boundedTo(room).expandedTo(widget.minimumSize().boundedTo(room))
    if size != widget.size():
        widget.resize(size)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - (size.width() + extra.width()))
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - (size.height() + extra.height()))
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.x()), max(y, area.y()))


def place_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Give a main window its comfortable size, or the screen's if smaller, centred."""
    area = available_area(widget)
    if area.isEmpty():
        widget.resize(width, height)
        return
    size = QSize(width, height).boundedTo(
        QSize(area.width() - FRAME_GUESS.width(), area.height() - FRAME_GUESS.height()))
    widget.resize(size)
    widget.move(area.x() + max(0, (area.width() - size.width() - FRAME_GUESS.width()) // 2),
                area.y() + max(0, (area.height() - size.height() - FRAME_GUESS.height()) // 2))


class ScreenFit(QObject):
    """Sees every event of the application (``app_events``): windows being
    shown are fitted to their screen. And when a dialog closes and no window
    of the app has the keyboard (a window manager may leave it nowhere), the
    window the dialog belonged to gets it back, so F1 still opens "Need help
    now?" without a click first."""

    EVENTS = frozenset({QEvent.Type.Show, QEvent.Type.Hide})

    def install(self, app: QObject | None) -> None:
        if app is not None:
            app_events.join(self, app)

    def uninstall(self, app: QObject | None = None) -> None:
        app_events.leave(self, app)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow()
                and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)):
            fit_into(watched)
        elif (event.type() == QEvent.Type.Hide and isinstance(watched, QWidget)
                and watched.isWindow() and watched.windowType() == Qt.WindowType.Dialog
                and watched.parentWidget() is not None):
            owner = watched.parentWidget().window()
            QTimer.singleShot(0, lambda: _give_keyboard_back(owner))
        return False


def _give_keyboard_back(owner: QWidget) -> None:
    if (shiboken6.isValid(owner) and owner.isVisible() and QApplication.activeWindow() is None
            and QApplication.activeModalWidget() is None):
        owner.activateWindow()


class WholeToolBar(QObject):
    """The window is never narrower than its toolbar's buttons need (within
    the screen): a toolbar short of room folds its last buttons away, and
    the last one is "Need help now?"."""

    def __init__(self, window: QWidget, bar: QWidget) -> None:
        super().__init__(bar)
        self._window, self._bar = window, bar
        bar.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._fit()
        return False

    def _fit(self) -> None:
        need = self._bar.sizeHint().width()
        area = available_area(self._window)
        if not area.isEmpty():
            need = min(need, area.width() - FRAME_GUESS.width())
        if need != self._window.minimumWidth():
            self._window.setMinimumWidth(need)
