"""The open plan as the pages see it: edits, undo and redo, notifications.

``PlanContext`` wraps a :class:`~recoveryplan.plans.service.PlanEditor`.
Every change a page makes goes through ``add``/``update``/``remove``/
``move``/``set_info`` here, which do the change at once (so a
``ValidationError`` is caught before anything is recorded) and then push an
undo command onto the one ``undo_stack`` shared by the whole plan. Undo and
redo call the editor's symmetric operations, and the editor's listener
events are re-emitted as ``changed`` so pages refresh whatever they show.
The commands themselves, and the Edit menu's actions, are in
``undo_commands.py``.

Typing: consecutive text updates of the same record and field(s), within a
short burst, merge into one undo step ("Undo typing in 'What I notice'").
An ``add`` made by typing (``typing=True``) also absorbs the typing that
follows, so undoing it removes the new entry in one step.

The shell puts the actions of :meth:`undo_actions` in its Edit menu (they
commit text still waiting to be saved first, and are worded as whole
translatable sentences) and may connect ``status`` to its status bar.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from ..i18n import _, add_language_listener, remove_language_listener
from ..plans.model import Plan, Record, Review
from ..plans.service import PlanChange, PlanEditor
from ..plans.validation import ValidationError
from ..plans.labels import field_label
from .undo_commands import (AddCommand, InfoCommand, MoveCommand, RemoveCommand, UndoAction,
                            UpdateCommand, _PlanCommand)


def _weak_language_listener(ctx: "PlanContext") -> Callable[[str], None]:
    """A language listener that does not keep ``ctx`` alive and removes
    itself once the context is gone."""
    ref = weakref.ref(ctx)

    def listener(language: str) -> None:
        target = ref()
        if target is None or not isValid(target):
            remove_language_listener(listener)
            return
        target._on_language(language)

    return listener


class PlanContext(QObject):
    """What every page gets: the editor, the undo stack and helpers."""

    #: Exactly what changed (a ``plans.service.PlanChange``), before ``changed``.
    #: Listeners look at its record, parent, fields and sections and update
    #: only what they show of it.
    record_changed = Signal(object)
    #: Re-emitted PlanEditor events: "add"/"update"/"remove"/"move"/"info"/"reset".
    changed = Signal(str, object)
    #: Planning-together mode switched on (a name) or off ("").
    together_changed = Signal(str)
    #: A short message for the status bar ("Removed. You can undo this.").
    status = Signal(str)
    #: The undo steps were worded again in a new language.
    retranslated = Signal()
    #: True while words typed on screen wait for their pause, not yet handed
    #: to the plan (so not saved); False once every field has handed its over.
    typing = Signal(bool)

    def __init__(self, editor: PlanEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.undo_stack = QUndoStack(self)
        #: Injectable DialogService, set by the shell; None: status messages only.
        self.dialogs = None
        self._flushers: list[Callable[[], None]] = []
        self._typing: set[object] = set()     # fields with words waiting for their pause
        self._failed: set[tuple[str, tuple[str, ...]]] = set()
        self._burst_record: str | None = None
        #: "Removed. You can bring it back with Undo" is on show: the next
        #: step back or forward makes it untrue, so it goes.
        self._told_removed = False
        self.undo_stack.indexChanged.connect(self._history_moved)
        editor.add_change_listener(self._on_editor_event)
        self._language_listener = _weak_language_listener(self)
        add_language_listener(self._language_listener)

    # -- state -----------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self.editor.plan

    @property
    def together_with(self) -> str:
        return self.editor.together_with

    @together_with.setter
    def together_with(self, name: str) -> None:
        name = (name or "").strip()
        if name == self.editor.together_with:
            return
        self.flush_pending()
        starting = bool(name) and not self.editor.together_with
        self.editor.together_with = name
        if starting:
            # A session has its own history: nothing from before it can be
            # undone or redone in front of the other person, so nothing
            # "just for me" can come back onto the screen that way.
            self.end_typing_burst()
            self.undo_stack.clear()
        self.together_changed.emit(name)

    def visible(self, records) -> list[Record]:
        """Records to show: "just for me" ones are hidden while planning together."""
        return self.editor.visible(records)

    def conceals(self, command: "_PlanCommand") -> bool:
        """Whether ``command`` concerns a record hidden now (planning together)."""
        if not self.together_with:
            return False
        return any(record is not None and record.private for record in command.records())

    def hidden_count(self, records) -> int:
        records = list(records)
        return len(records) - len(self.visible(records))

    # -- edits -------------------------------------------------------------------
    def add(self, record: Record, parent: Record | None = None, index: int | None = None,
            *, typing: tuple[str, ...] = ()) -> bool:
        """Add a record; ``typing`` names the text field(s) the person is
        typing into, so the typing that follows merges into this step."""
        try:
            self.editor.add(record, parent, index)
        except ValidationError as error:
            self._refused(record, typing or ("text",), error)
            return False
        index = next(i for i, r in enumerate(self.editor.siblings(record, parent)) if r is record)
        self._burst_record = record.id
        self.undo_stack.push(AddCommand(self, record, parent, index, tuple(typing)))
        return True

    def update(self, record: Record, **changes: Any) -> bool:
        """Change fields of a record; returns False (and tells the person
        kindly) when the change cannot be kept. Unchanged values are ignored."""
        changes = {k: v for k, v in changes.items() if getattr(record, k) != v}
        if not changes:
            return True
        fields = tuple(changes)
        try:
            old = self.editor.update(record, **changes)
        except ValidationError as error:
            self._refused(record, fields, error)
            return False
        self._failed.discard((record.id, fields))
        command = UpdateCommand(self, record, old, fields)
        self.undo_stack.push(command)
        self._burst_record = record.id
        return True

    def remove(self, record: Record) -> None:
        self.end_typing_burst()
        parent, index = self.editor.remove(record)
        self.undo_stack.push(RemoveCommand(self, record, parent, index))
        undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText)
        self.notify(_("Removed. You can bring it back with Undo ({keys}).").format(keys=undo_keys))
        self._told_removed = True

    def _history_moved(self, _index: int) -> None:
        if self._told_removed:
            self._told_removed = False
            self.notify("")

    def move(self, record: Record, index: int) -> None:
        self.end_typing_burst()
        old = self.editor.move(record, index)
        new = self.editor.siblings(record).index(record)
        if new != old:
            self.undo_stack.push(MoveCommand(self, record, old, new))

    def set_info(self, **changes: Any) -> bool:
        """Change plan-wide facts; False (and the person told kindly) when
        the change can't be kept."""
        info = self.plan.info
        changes = {k: v for k, v in changes.items() if getattr(info, k) != v}
        if not changes:
            return True
        try:
            old = self.editor.set_info(**changes)
        except ValidationError as error:
            self._refused_info(tuple(changes), error)
            return False
        self._failed.discard(("info", tuple(changes)))
        self.undo_stack.push(InfoCommand(self, old, changes))
        return True

    # -- undo, redo and pending typing ---------------------------------------------
    def replace_plan(self, plan: Plan) -> None:
        """Everything in the plan replaced by ``plan`` (a checked import):
        typing still waiting is committed first, every page hears "reset",
        and the undo steps of the plan that was replaced are forgotten."""
        self.flush_pending()
        self.end_typing_burst()
        self.editor.replace_plan(plan)
        self.undo_stack.clear()

    def record_review(self, *, date: dt.date, who_was_there: str = "", agreed: str = "",
                      next_review_on: dt.date | None = None) -> Review | None:
        """Add a review carrying a copy of the plan as it is now, and move the
        plan's review dates on; one undo step. None if it could not be kept
        (the person has been told why)."""
        from ..plans.exchange import snapshot_of
        from ..plans.service import make_review

        self.flush_pending()
        review = make_review(self.plan, snapshot_of(self.plan), date=date,
                             who_was_there=who_was_there.strip(), agreed=agreed.strip(),
                             next_review_on=next_review_on)
        # Translators: shown after "Undo" or "Redo" in the Edit menu, e.g. "Undo typing in “What I notice”".
        self.undo_stack.beginMacro(_("recording a review"))
        try:
            if not self.add(review):
                return None
            last = self.plan.info.last_reviewed_on
            if last is None or date >= last:
                self.set_info(last_reviewed_on=date, next_review_on=next_review_on)
        finally:
            self.undo_stack.endMacro()
        self.notify(_("Review saved, with a copy of my plan as it is today."))
        return review

    def undo_actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Undo and Redo actions for a menu (objectNames "undoAction" and
        "redoAction", the standard shortcuts), kept worded and enabled."""
        return UndoAction(self, False, parent), UndoAction(self, True, parent)

    def undo(self) -> None:
        self.flush_pending()
        self.end_typing_burst()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush_pending()
        self.end_typing_burst()
        self.undo_stack.redo()

    def end_typing_burst(self) -> None:
        """The next text change starts a new undo step (focus left a field)."""
        self._burst_record = None

    def _burst_open(self, record: Record) -> bool:
        return self._burst_record == record.id

    def note_typing(self, field: object, waiting: bool) -> None:
        """A field has words waiting (``waiting``) or none any more."""
        before = bool(self._typing)
        if waiting:
            self._typing.add(field)
        else:
            self._typing.discard(field)
        if bool(self._typing) != before:
            self.typing.emit(bool(self._typing))

    @property
    def typing_waits(self) -> bool:
        """Some words typed on screen are not yet handed to the plan."""
        return bool(self._typing)

    def register_flusher(self, fn: Callable[[], None]) -> None:
        if fn not in self._flushers:
            self._flushers.append(fn)

    def unregister_flusher(self, fn: Callable[[], None]) -> None:
        if fn in self._flushers:
            self._flushers.remove(fn)

    def flush_pending(self) -> None:
        """Commit typing that is still waiting for its pause (lock, close, undo)."""
        for fn in list(self._flushers):
            fn()

    def detach(self) -> None:
        """Stop listening to the editor (on lock) and forget undo history."""
        self.editor.remove_change_listener(self._on_editor_event)
        remove_language_listener(self._language_listener)
        self._flushers.clear()
        self._typing.clear()
        self.undo_stack.clear()

    # -- messages --------------------------------------------------------------------
    def notify(self, text: str) -> None:
        self.status.emit(text)

    def _refused(self, record: Record, fields: tuple[str, ...], error: ValidationError) -> None:
        """Keep the person's words on screen and say kindly why they were not saved.
        Told once per field until a change there succeeds, not on every pause."""
        key = (record.id, fields)
        if key in self._failed:
            return
        self._failed.add(key)
        problems = "\n".join(
            _("“{field}” {problem}").format(
                field=field_label(record, p.path.rsplit(".", 1)[-1]), problem=p.message)
            for p in error.problems)
        text = _("I could not save this change yet:\n{problems}\n\n"
                 "Your words are still on the screen. You could shorten them, "
                 "or split them into two entries.").format(problems=problems)
        if self.dialogs is not None:
            self.dialogs.warning(QApplication.activeWindow(), _("That did not fit"), text)
        else:
            self.notify(text.replace("\n\n", " ").replace("\n", " "))

    def _refused_info(self, fields: tuple[str, ...], error: ValidationError) -> None:
        key = ("info", fields)
        if key in self._failed:
            return
        self._failed.add(key)
        problems = "\n".join(_("“{field}” {problem}").format(
            field=_("The name I like to be called"), problem=p.message) for p in error.problems)
        text = _("I could not save this change yet:\n{problems}\n\n"
                 "Your words are still on the screen.").format(problems=problems)
        if self.dialogs is not None:
            self.dialogs.warning(QApplication.activeWindow(), _("That did not fit"), text)
        else:
            self.notify(text.replace("\n\n", " ").replace("\n", " "))

    # -- events ---------------------------------------------------------------------
    def _on_editor_event(self, change: PlanChange) -> None:
        self.record_changed.emit(change)
        self.changed.emit(change.kind, change.subject)

    def _on_language(self, _language: str) -> None:
        for i in range(self.undo_stack.count()):
            command = self.undo_stack.command(i)
            if isinstance(command, _PlanCommand):
                command.retranslate()
        self.retranslated.emit()
