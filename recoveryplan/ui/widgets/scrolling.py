"""Scrolling parts of the app, and the keyboard focus kept in sight on them.

Qt's scroll area scrolls to a control only when Tab moves between two
controls inside it, and only with the sizes of that moment. On a page of
growing lists and tables that is not enough:

- a word-wrapping list lays out its rows again a tenth of a second after a
  width change, and a table measures its columns once shown, so what is
  above the focus grows and pushes the focused control below the fold;
- Tab from the list of sections (or Shift+Tab from the toolbar) comes into
  the page from outside, and the scroll area is not asked to scroll at all.

:class:`FocusInSight` watches the page: when the focus comes onto one of its
controls by keyboard (not by a click, which must land where it was aimed) it
scrolls to show it; and while that control is in sight, a layout change
never pushes it out. Scrolling by the person (wheel, scroll bar, Page Down)
is theirs: once they scroll the focus out of sight, layout changes leave the
page where they put it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class FocusInSight(QObject):
    def __init__(self, scroll: QScrollArea, body: QWidget) -> None:
        super().__init__(scroll)
        self._scroll, self._body = scroll, body
        #: The focused control while it is in sight; None once the person
        #: scrolls it away (or the focus is elsewhere).
        self._kept: QWidget | None = None
        self._check = QTimer(self, singleShot=True, interval=0)
        self._check.timeout.connect(self._keep)
        body.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        for bar in (scroll.verticalScrollBar(), scroll.horizontalScrollBar()):
            bar.actionTriggered.connect(self._scrolled_by_person)

    # -- what is in sight -------------------------------------------------------
    def _in_sight(self, widget: QWidget) -> bool:
        """All of it shows, or (taller than the page) some of it does."""
        shown = widget.visibleRegion().boundingRect()
        if shown.isEmpty():
            return False
        viewport = self._scroll.viewport()
        if widget.height() > viewport.height() or widget.width() > viewport.width():
            return True
        return shown.size() == widget.size()

    def _ours(self, widget: QWidget | None) -> bool:
        return (widget is not None and self._body.isAncestorOf(widget)
                and self._scroll.isVisible() and widget.isVisible())

    # -- events -------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._ours(new):
            self._kept = None
            return
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # A click: it is in sight where the person aimed it; no jump.
            self._kept = new if self._in_sight(new) else None
            return
        self._kept = new
        self._show(new)
        self._check.start()              # and again once the layout has settled

    def _show(self, widget: QWidget) -> None:
        """Scroll so that all of ``widget`` shows, with a little room round
        it; if it is taller than the page, its top. (Qt's own
        ``ensureWidgetVisible`` shows only a list's current row or a text
        box's cursor line, leaving the rest of the box below the fold.)"""
        box = QRect(widget.mapTo(self._body, QPoint(0, 0)), widget.size())
        viewport = self._scroll.viewport()
        room = max(4, widget.fontMetrics().height() // 2)
        across = min(box.width() // 2 + room, viewport.width() // 2)
        self._scroll.ensureVisible(box.center().x(), box.bottom(), across, room)
        self._scroll.ensureVisible(box.center().x(), box.top(), across, room)   # the top wins

    def _scrolled_by_person(self, _action: int) -> None:
        QTimer.singleShot(0, self._note_after_scroll)

    def _note_after_scroll(self) -> None:
        widget = QApplication.focusWidget()
        self._kept = widget if self._ours(widget) and self._in_sight(widget) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._body and event.type() in (QEvent.Type.LayoutRequest,
                                                      QEvent.Type.Resize):
            if self._kept is not None:
                self._check.start()       # after the layout has moved things
        return False

    def _keep(self) -> None:
        widget = self._kept
        if widget is None or widget is not QApplication.focusWidget() or not self._ours(widget):
            self._kept = None
            return
        if not self._in_sight(widget):
            self._show(widget)


def scrolling(body: QWidget, parent: QWidget | None = None, *, framed: bool = False,
              sideways: bool = True) -> QScrollArea:
    """A scroll area round ``body``, as every scrolling part of the app has
    it: resizable, no tab stop of its own (it would be an invisible one), the
    keyboard focus kept in sight, and (``sideways``) a sideways scroll bar
    only if a row can't fit even when its words wrap (large text on a small
    screen); never clipped."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    if not framed:
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if sideways
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    scroll.focus_in_sight = FocusInSight(scroll, body)
    return scroll
