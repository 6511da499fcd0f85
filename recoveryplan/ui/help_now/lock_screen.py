"""My people on the lock screen, if I choose to show them there: what the
card may hold, keeping it up to date (``CardKeeper`` while the plan is
open, ``update_card`` when it locks or closes), and the card on the unlock
screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ... import opened
from ...i18n import _
from ..background import BackgroundTask, run_in_background
from ..widgets.kit import Heading
from ..widgets.translated import translations
from .cards import _delete_layout, _person_card

if TYPE_CHECKING:   # the plan's context loads with the plan, not at launch
    from ..context import PlanContext


def card_people(ctx: PlanContext) -> list[opened.lock_card.CardPerson]:
    """What the lock screen may show: crisis-card people, never "just for me" ones."""
    return [opened.lock_card.CardPerson(c.name, c.phone, c.best_times)
            for c in ctx.plan.crisis_contacts() if not c.private]


def update_card(folder, ctx: PlanContext) -> None:
    """If I chose to show my people on the lock screen, bring them up to date."""
    if opened.lock_card.is_shown(folder):
        try:
            opened.lock_card.write_card(folder, card_people(ctx))
        except opened.StorageError:
            pass    # the card keeps what it had; the plan itself is safe


class CardKeeper(QObject):
    """While the plan is open: if I chose to show my people on the lock
    screen, the card follows a change to them a second after the last one
    (written off the GUI thread), so a crash or a power cut never leaves an
    old number there. Locking and closing write it once more (``finish``)."""

    DELAY_MS = 1000

    def __init__(self, folder, ctx: PlanContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder, self._ctx = folder, ctx
        self._written: list | None = None
        self._task: BackgroundTask | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self._write)
        ctx.changed.connect(self._timer.start)

    def _write(self) -> None:
        if self._task is not None:
            self._timer.start()         # one write at a time: this one after it
            return
        people = card_people(self._ctx)
        if people == self._written:
            return
        folder = self._folder
        self._task = run_in_background(
            lambda: opened.lock_card.update_card_if_shown(folder, people),
            lambda _wrote: self._finished(people), lambda _error: self._finished(None))

    def finish(self) -> None:
        """At locking or closing: no write of mine lands after this one, of
        the card as my people are now."""
        self._timer.stop()
        self._ctx.changed.disconnect(self._timer.start)
        if self._task is not None:
            self._task.finished.wait(10)
        update_card(self._folder, self._ctx)

    def _finished(self, people: list | None) -> None:
        self._task = None
        self._written = people          # None after a failure: try again at the next change


class LockScreenCard(QFrame):
    """My people on the unlock screen, when I have chosen to show them there."""

    def __init__(self, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.refresh)
        self.setObjectName("lockScreenCard")
        self.folder = folder
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 8)
        self.refresh()

    def refresh(self) -> None:
        _delete_layout(self._layout)
        people = (opened.lock_card.read_card(self.folder)
                  if self.folder is not None and opened.lock_card_shown(self.folder) else [])
        self.setVisible(bool(people))
        if not people:
            return
        title = Heading(1.2)
        title.setText(_("My people, if I need help now"))
        self._layout.addWidget(title)
        for person in people:
            self._layout.addWidget(_person_card("lockCardPerson", person.name, phone=person.phone,
                                                best_times=person.best_times))
