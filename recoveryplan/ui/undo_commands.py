"""The plan's undo steps and the Edit menu's Undo and Redo actions.

Each command is pushed by :class:`~recoveryplan.ui.context.PlanContext`
after the change is already made, so its first ``redo`` does nothing; undo
and redo then call the editor's symmetric operations. Consecutive typing in
the same record and field(s), within ``TYPING_BURST_SECONDS``, merges into
one step. The commands reach the context only through the ``ctx`` they are
given (its ``editor`` and ``_burst_open``), so this module imports nothing
of ``context`` and stands on the same floor.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from shiboken6 import isValid

from ..i18n import _
from ..plans.model import Record
from ..plans.labels import field_label, record_noun

#: Typing commits further apart than this start a new undo step.
TYPING_BURST_SECONDS = 4.0
_TYPING_ID = 0x7E47


class _PlanCommand(QUndoCommand):
    """Base: the change was already made when the command is pushed, so the
    first ``redo`` (called by ``QUndoStack.push``) does nothing."""

    def __init__(self, ctx: "PlanContext") -> None:
        super().__init__()
        self.ctx = ctx
        self._pushed = False
        self.retranslate()

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.do()

    def do(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def retranslate(self) -> None:
        self.setText(self.describe())

    def records(self) -> tuple[Record | None, ...]:
        """The records this step changes (with their parents), to tell
        whether it concerns something hidden while planning together."""
        return (getattr(self, "record", None), getattr(self, "parent_record", None))


class AddCommand(_PlanCommand):
    def __init__(self, ctx, record: Record, parent: Record | None, index: int,
                 typing_fields: tuple[str, ...] = ()) -> None:
        self.record, self.parent_record, self.index = record, parent, index
        self.typing_fields = typing_fields
        self.last = time.monotonic()
        super().__init__(ctx)

    def describe(self) -> str:
        if self.typing_fields:
            # Translators: shown after "Undo" or "Redo" in the Edit menu, e.g. "Undo typing in “What I notice”".
            return _("typing in “{field}”").format(
                field=field_label(self.record, self.typing_fields[0]))
        return _("adding {thing}").format(thing=record_noun(self.record))

    def id(self) -> int:
        return _TYPING_ID if self.typing_fields else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing that follows a typed-in new record is part of adding it:
        # undo removes the record (with its latest text), redo puts it back.
        if (isinstance(other, UpdateCommand) and other.record is self.record
                and other.fields == self.typing_fields
                and other.started - self.last < TYPING_BURST_SECONDS
                and self.ctx._burst_open(self.record)):
            self.last = other.started
            return True
        return False

    def undo(self) -> None:
        self.ctx.editor.remove(self.record)

    def do(self) -> None:
        self.ctx.editor.restore(self.record, self.parent_record, self.index)


class RemoveCommand(_PlanCommand):
    def __init__(self, ctx, record: Record, parent: Record | None, index: int) -> None:
        self.record, self.parent_record, self.index = record, parent, index
        super().__init__(ctx)

    def describe(self) -> str:
        return _("removing {thing}").format(thing=record_noun(self.record))

    def undo(self) -> None:
        self.ctx.editor.restore(self.record, self.parent_record, self.index)

    def do(self) -> None:
        self.ctx.editor.remove(self.record)


class UpdateCommand(_PlanCommand):
    """``old`` and ``new`` both include ``changed`` and ``together_with`` so
    undo and redo restore the attribution exactly."""

    def __init__(self, ctx, record: Record, old: dict[str, Any], fields: tuple[str, ...]) -> None:
        self.record = record
        self.old = old
        self.new = {k: getattr(record, k) for k in old}
        self.fields = fields
        self.typing = all(f in record.TEXT_FIELDS for f in fields)
        self.started = self.last = time.monotonic()
        super().__init__(ctx)

    def describe(self) -> str:
        label = field_label(self.record, self.fields[0])
        if self.typing:
            # Translators: shown after "Undo" or "Redo" in the Edit menu, e.g. "Undo typing in “What I notice”".
            return _("typing in “{field}”").format(field=label)
        if self.fields == ("private",):
            return _("changing “Just for me”")
        # Translators: shown after "Undo" or "Redo" in the Edit menu, e.g. "Undo typing in “What I notice”".
        return _("changing “{field}”").format(field=label)

    def id(self) -> int:
        return _TYPING_ID if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, UpdateCommand) and other.record is self.record
                and other.fields == self.fields
                and other.started - self.last < TYPING_BURST_SECONDS
                and self.ctx._burst_open(self.record)):
            return False
        self.new = other.new
        self.last = other.started
        if all(self.new[f] == self.old[f] for f in self.fields):
            self.setObsolete(True)  # typed and deleted again: nothing to undo
        return True

    def undo(self) -> None:
        self.ctx.editor.update(self.record, **self.old)

    def do(self) -> None:
        self.ctx.editor.update(self.record, **self.new)


class MoveCommand(_PlanCommand):
    def __init__(self, ctx, record: Record, old_index: int, new_index: int) -> None:
        self.record, self.old_index, self.new_index = record, old_index, new_index
        super().__init__(ctx)

    def describe(self) -> str:
        return _("moving {thing}").format(thing=record_noun(self.record))

    def undo(self) -> None:
        self.ctx.editor.move(self.record, self.old_index)

    def do(self) -> None:
        self.ctx.editor.move(self.record, self.new_index)


class InfoCommand(_PlanCommand):
    def __init__(self, ctx, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        super().__init__(ctx)

    def describe(self) -> str:
        if set(self.new) == {"next_appointment_on"}:
            return _("changing the date of my next appointment")
        return _("changing details of my plan")

    def undo(self) -> None:
        self.ctx.editor.set_info(**self.old)

    def do(self) -> None:
        self.ctx.editor.set_info(**self.new)


class UndoAction(QAction):
    """Edit > Undo (or Redo) for the plan's one history, worded as one
    sentence a translator can order: "Undo typing in “What I notice”".
    (Qt's own undo actions glue "Undo", a space and the step together,
    which reads wrongly in Arabic and Welsh.)"""

    def __init__(self, ctx: "PlanContext", redo: bool, parent: QObject) -> None:
        super().__init__(parent)
        self._stack = stack = ctx.undo_stack
        self._redo = redo
        self.setObjectName("redoAction" if redo else "undoAction")
        self.setShortcuts(QKeySequence.StandardKey.Redo if redo else QKeySequence.StandardKey.Undo)
        # Commit typing that waits for its pause first, so the undo takes
        # back what the person sees last.
        self.triggered.connect(ctx.redo if redo else ctx.undo)
        (stack.canRedoChanged if redo else stack.canUndoChanged).connect(self.setEnabled)
        (stack.redoTextChanged if redo else stack.undoTextChanged).connect(self.retranslate)
        stack.indexChanged.connect(self.retranslate)
        ctx.retranslated.connect(self.retranslate)
        ctx.together_changed.connect(self.retranslate)
        ctx.changed.connect(self.retranslate)
        self._ctx = ctx
        self.setEnabled(stack.canRedo() if redo else stack.canUndo())
        self.retranslate()

    def retranslate(self, *_args) -> None:
        stack = self._stack
        if not isValid(self) or not isValid(stack):
            return      # the window is being taken down
        command = stack.command(stack.index() if self._redo else stack.index() - 1)
        if isinstance(command, _PlanCommand) and self._ctx.conceals(command):
            # Never name, even by its field, an entry that is hidden now.
            self.setText(_("Redo my last change") if self._redo else _("Undo my last change"))
            return
        if self._redo:
            step = self._stack.redoText()
            # Translators: Edit menu. {action} is the step to do again, such as "typing in “What I notice”" or "adding a goal".
            text = _("Redo {action}").format(action=step) if step else _("Redo")
        else:
            step = self._stack.undoText()
            # Translators: Edit menu. {action} is the step to take back, such as "typing in “What I notice”" or "adding a goal".
            text = _("Undo {action}").format(action=step) if step else _("Undo")
        self.setText(text)
