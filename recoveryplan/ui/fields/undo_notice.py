"""Right where something was removed: "Removed a goal." and an Undo button.

A page puts one :class:`UndoNotice` next to the list it removes from and
calls :meth:`UndoNotice.removed` after ``ctx.remove``. The notice offers
Undo for as long as that removal is the latest step of the plan's history;
once anything else is done (or undone) it goes away by itself. The button
is in the page's Tab order right after the list's own buttons, and a screen
reader hears the notice as an alert when it appears.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ...i18n import N_, _
from ...plans.model import Record
from ...plans.labels import record_noun
from ..widgets.controls import make_button, retranslate_button
from ..widgets.translated import translations


class UndoNotice(QFrame):
    """A quiet line with an Undo button; hidden until something is removed."""

    #: The removal was undone from here; the record is back.
    undone = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None, name: str = "undoNotice") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setObjectName("undoNoticeText")
        self.label.setWordWrap(True)
        self.undo_button = make_button(N_("Undo"), self, "undoRemoveButton")
        self.undo_button.setAutoDefault(False)
        self.undo_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._record: Record | None = None
        self._index = -1
        self.undo_button.clicked.connect(self.undo)
        ctx.undo_stack.indexChanged.connect(self._on_history)
        ctx.undo_stack.cleanChanged.connect(lambda _clean: self._on_history())
        self.hide()
        translations(self).call(self._retranslate)

    def removed(self, record: Record) -> None:
        """``record`` was just removed (by ``ctx.remove``): offer to bring it back."""
        stack = self.ctx.undo_stack
        self._record = record
        self._index = stack.index()
        self._retranslate()
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def undo(self) -> None:
        record = self._record
        if record is None or not self._current():
            self.dismiss()
            return
        had_focus = self.undo_button.hasFocus()
        self._record = None             # so the history's move is not taken for Ctrl+Z
        self.ctx.undo()
        self.dismiss()
        self.undone.emit(record)
        if had_focus and self.isVisible() is False:
            parent = self.parentWidget()
            if parent is not None:
                parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        self._record = None
        self._index = -1
        self.hide()

    def _current(self) -> bool:
        stack = self.ctx.undo_stack
        return self._record is not None and stack.index() == self._index and stack.canUndo()

    def _on_history(self, *_args) -> None:
        if self._record is not None and not self._current():
            record, back = self._record, self.ctx.undo_stack.index() == self._index - 1
            self.dismiss()
            if back:
                # Undone from the Edit menu or with Ctrl+Z, not from here: the
                # record is back all the same, so it is chosen again.
                self.undone.emit(record)

    def _retranslate(self) -> None:
        retranslate_button(self.undo_button)
        if self._record is None:
            return
        # Translators: shown where something was just removed, beside an Undo button; {thing} is e.g. "a goal".
        text = _("Removed {thing}. I can bring it back.").format(thing=record_noun(self._record))
        self.label.setText(text)
        self.setAccessibleName(text)
        self.undo_button.setAccessibleName(
            # Translators: the Undo button's name for screen readers; {thing} is e.g. "a goal".
            _("Undo removing {thing}").format(thing=record_noun(self._record)))

