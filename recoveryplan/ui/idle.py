"""Lock the plan after a while with no keyboard or mouse use."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from . import app_events

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Emits ``idle`` once when no input arrived for ``interval_ms``.

    Sees every event of the application (``app_events``); every key press, click,
    mouse move or scroll restarts the countdown. Inactive until ``start``.
    """

    idle = Signal()
    #: What counts as someone using the app (``app_events``).
    EVENTS = _ACTIVITY

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)
        app_events.join(self)

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._timer.isActive():
            self._timer.start()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def uninstall(self) -> None:
        app_events.leave(self)
        self._timer.stop()
