"""One application-wide event filter, shared by the parts that need one.

Qt hands every event of every object in the app (thousands when a page is
built or shown: children added, styles, fonts, moves, shows, paints) to
each application event filter, and for a filter written in Python PySide
wraps the object and the event for each call. The idle lock, the wheel
guard and the screen fit each installed their own, so every event crossed
into Python three times. Each now joins the one filter here instead
(``join``), which calls them in the order Qt would have: the one that
joined last first, and an event one of them filters out goes no further.
A member names the kinds of event it wants in ``EVENTS`` (a set of
``QEvent.Type``), and sees no others.

Even so, each event crosses into Python once. While a page is built and
first shown (thousands of events, none of them input: nothing else runs
meanwhile), :func:`set_aside` takes the filter out, and then lets each
member catch up with what was built (``caught_up(page)``: the wheel guard
steadies the page's boxes).

At launch, :func:`hold` keeps the filter out until the window is on screen
(:func:`release`): the first time PySide wraps objects of Qt classes the app
has not used yet (a scroll area's parts, the tool bar's buttons) it builds
those classes, some 20-40 ms, and the person should see the unlock screen
first. Members join meanwhile as usual and catch up on release.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject


class AppEvents(QObject):
    """The shared filter of one application (see :func:`join`)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("appEvents")
        #: Most recently joined first.
        self._members: list[QObject] = []
        #: For each kind of event, the members that want it (in that order).
        self._by_kind: dict[QEvent.Type, tuple[QObject, ...]] = {}
        #: Kept out of the application until ``release`` (see :func:`hold`).
        self.held = False
        app.installEventFilter(self)

    def add(self, member: QObject) -> None:
        if member in self._members:
            self._members.remove(member)
        else:
            member.destroyed.connect(lambda *_args, member=member: self.remove(member))
        self._members.insert(0, member)
        self._sort()

    def remove(self, member: QObject) -> None:
        if member in self._members:
            self._members.remove(member)
            self._sort()

    def members(self) -> tuple[QObject, ...]:
        return tuple(self._members)

    def _sort(self) -> None:
        kinds = {kind for member in self._members for kind in member.EVENTS}
        self._by_kind = {kind: tuple(m for m in self._members if kind in m.EVENTS)
                         for kind in kinds}

    def hold(self) -> None:
        if not self.held:
            self.held = True
            self.parent().removeEventFilter(self)

    def release(self) -> None:
        if self.held:
            self.held = False
            app = self.parent()
            app.installEventFilter(self)
            self._catch_up(app.topLevelWidgets())

    def _catch_up(self, built) -> None:
        for member in tuple(self._members):
            catch_up = getattr(member, "caught_up", None)
            if catch_up is not None:
                for root in built:
                    catch_up(root)

    @contextmanager
    def aside(self) -> Iterator[list[QObject]]:
        app = self.parent()
        app.removeEventFilter(self)
        built: list[QObject] = []
        try:
            yield built
        finally:
            if not self.held:
                app.installEventFilter(self)
                self._catch_up(built)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        for member in self._by_kind.get(event.type(), ()):
            if member.eventFilter(watched, event):
                return True
        return False


def _found(app: QCoreApplication | None) -> AppEvents | None:
    """The application's shared filter, kept on the application itself.
    Not looked up with ``app.findChild``: PySide wraps each of the
    application's children to compare its type (the style, the session
    manager, the gesture manager, classes the app never names), and
    wrapping the first of them builds dozens of Qt classes, some 15-40 ms."""
    found = getattr(app, "_shared_events", None)
    return found if found is not None and shiboken6.isValid(found) else None


def _shared(app: QCoreApplication) -> AppEvents:
    found = _found(app)
    if found is None:
        found = app._shared_events = AppEvents(app)
    return found


def hold(app: QCoreApplication | None = None) -> None:
    """Keep the shared filter out of the application until :func:`release`
    (members may join meanwhile; they catch up with every window then)."""
    app = app if app is not None else QCoreApplication.instance()
    if app is not None:
        _shared(app).hold()


def release(app: QCoreApplication | None = None) -> None:
    """Put the shared filter in again after :func:`hold` (once; then a no-op)."""
    app = app if app is not None else QCoreApplication.instance()
    if app is not None:
        _shared(app).release()


def held(app: QCoreApplication | None = None) -> bool:
    app = app if app is not None else QCoreApplication.instance()
    found = _found(app)
    return found is not None and found.held


def join(member: QObject, app: QCoreApplication | None = None) -> None:
    """``member.eventFilter(watched, event)`` sees every event of the app
    of a kind in ``member.EVENTS``, as if installed with
    ``app.installEventFilter(member)``."""
    app = app if app is not None else QCoreApplication.instance()
    if app is not None:
        _shared(app).add(member)


def leave(member: QObject, app: QCoreApplication | None = None) -> None:
    """``member`` sees no more events (as ``app.removeEventFilter(member)``)."""
    app = app if app is not None else QCoreApplication.instance()
    found = _found(app)
    if found is not None:
        found.remove(member)


@contextmanager
def set_aside() -> Iterator[list[QObject]]:
    """Build and show a page without the shared filter seeing each of its
    events; the caller adds what it built to the list this yields, and each
    member then catches up with it. Only for work that runs no event loop
    and takes no input."""
    found = _found(QCoreApplication.instance())
    if found is None:
        yield []
        return
    with found.aside() as built:
        yield built
