"""Keeping a text box and one field of a record in step.

Typing is committed through ``PlanContext.update`` after a short pause
(or at once when focus leaves the box, or the plan is locked or closed,
through the context's flushers). When nothing is bound yet and a
``create`` function is given, the first pause creates the record, so an
empty section never fills up with empty entries.

A binding reacts only to changes of its own record: typing elsewhere in
the plan never touches it. A binding with ``resolve`` (its record is found
again, such as "the first entry of this field") looks again when a record
is added, removed or moved, or when ``concerns`` says a change may matter.

With ``info=True`` the binding keeps a plan-wide fact (``PlanInfo``, such
as the name I like to be called) instead: committed through
``PlanContext.set_info`` with the spaces at its ends left out, and shown
again only after a change of the plan's facts, or when they differ from
what is on screen by more than those spaces (so a space just typed between
two words stays).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from ...plans.model import Record
from ...plans.validation import clean_text
from ..context import PlanContext
from ..widgets.text import CleanLineEdit, GrowingTextEdit

#: Pause after typing before the words are saved (milliseconds).
COMMIT_DELAY_MS = 500
#: Longest wait while typing goes on without a pause: words are committed at
#: least this often (well inside two seconds, the promise).
MAX_COMMIT_DELAY_MS = 1500


class TextBinding(QObject):
    """Bind ``widget`` (a GrowingTextEdit or CleanLineEdit) to ``record.<field>``."""

    #: A record was created by typing into an empty box.
    created = Signal(object)

    def __init__(self, ctx: PlanContext, widget: GrowingTextEdit | CleanLineEdit, field: str,
                 *, resolve: Callable[[], Record | None] | None = None,
                 create: Callable[[], Record] | None = None,
                 create_parent: Callable[[], Record | None] | None = None,
                 live: bool = True,
                 concerns: Callable[[object], bool] | None = None,
                 info: bool = False) -> None:
        super().__init__(widget)
        self.ctx, self.widget, self.field = ctx, widget, field
        self._info = info
        if info:
            resolve = lambda: ctx.plan.info  # noqa: E731 - a new plan has new facts
        self._resolve, self._create, self._create_parent = resolve, create, create_parent
        self._live = live
        self._concerns = concerns
        self.record: Record | None = resolve() if resolve else None
        self._pending = False
        self._holding = False
        self._target: Record | None = None
        self._linked: list[TextBinding] = []
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        # Started by the first key of a burst, not restarted by the ones after.
        self._longest = QTimer(self, singleShot=True, interval=MAX_COMMIT_DELAY_MS)
        self._longest.timeout.connect(self.flush)
        if isinstance(widget, GrowingTextEdit):
            widget.edited.connect(self._on_edited)
        else:
            widget.textEdited.connect(self._on_edited)
            widget.editingFinished.connect(self.flush)
        widget.plan_undo_key.connect(self.flush)
        widget.installEventFilter(self)
        ctx.register_flusher(self.flush)
        ctx.record_changed.connect(self._on_plan_changed)
        widget.destroyed.connect(lambda *_: (ctx.unregister_flusher(self.flush),
                                             ctx.note_typing(self, False)))
        self.refresh()

    @property
    def pending(self) -> bool:
        return self._pending

    def text(self) -> str:
        if isinstance(self.widget, GrowingTextEdit):
            return self.widget.toPlainText()
        return self.widget.text()

    def link(self, *others: "TextBinding") -> None:
        """Bindings to other fields of the same record: when typing starts
        here, their waiting words are saved first, so a record created by
        typing is created once, not once per field."""
        for other in others:
            if other is not self and other not in self._linked:
                self._linked.append(other)

    def set_record(self, record: Record | None) -> None:
        """Show another record's text (committing typing for the old one first)."""
        if self._holding:
            self.record = record
            return
        if record is self.record:
            return
        self.flush()
        self.record = record
        self.refresh()

    def refresh(self) -> None:
        """Show the record's current value, unless the person is mid-typing."""
        if self._pending:
            return
        value = getattr(self.record, self.field) if self.record is not None else ""
        if self._info and self.text().strip() == value:
            return
        self.widget.set_text_quietly(value or "")

    def flush(self) -> None:
        """Commit waiting typing now."""
        self._timer.stop()
        self._longest.stop()
        if not self._pending:
            return
        try:
            self._commit()
        finally:
            # Words the plan refused stay waiting (on screen, not saved).
            self.ctx.note_typing(self, self._pending)

    def _commit(self) -> None:
        self._pending = False
        text = clean_text(self.text())
        target = self._target
        self._target = None
        if self._info:
            if not self.ctx.set_info(**{self.field: text.strip()}):
                self._pending = True  # the words stay on screen, tried again on the next pause
            return
        if target is None:
            if not text.strip() or self._create is None:
                return
            record = self._create()
            setattr(record, self.field, text)
            parent = self._create_parent() if self._create_parent else None
            self.record = record  # bound before the plan tells everyone about it
            if self.ctx.add(record, parent, typing=(self.field,)):
                self.created.emit(record)
            else:
                self.record = None
                self._pending = True  # keep the words on screen, try again on next edit
            return
        if not self.ctx.update(target, **{self.field: text}):
            self._pending, self._target = True, target

    def _on_edited(self) -> None:
        if not self._pending:
            self._pending, self._holding = True, True
            self.ctx.note_typing(self, True)
            try:
                for other in self._linked:
                    other.flush()
            finally:
                self._holding = False
            if self._resolve is not None:
                self.record = self._resolve()
            self._target = self.record
        if self._live:
            self._timer.start()
            if not self._longest.isActive():
                self._longest.start()

    def _on_plan_changed(self, change) -> None:
        if self._info and not self._pending and change.kind in ("info", "reset"):
            self.record = self._resolve()
            self.refresh()
        if self._pending or change.kind == "info" or self._info:
            return
        mine = self.record is not None and change.subject is self.record
        if self._resolve is not None:
            if not (mine or change.kind == "reset" or self._may_resolve_again(change)):
                return
            self.record = self._resolve()
        elif not (mine or change.kind == "reset"):
            return
        self.refresh()

    def _may_resolve_again(self, change) -> bool:
        """Whether a change to another record can change what ``resolve`` finds."""
        if self._concerns is not None:
            return self._concerns(change)
        return change.kind != "update"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.FocusOut:
            self.flush()
            self.ctx.end_typing_burst()
        return False
