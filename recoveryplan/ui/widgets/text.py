"""Text boxes for the person's own words.

``GrowingTextEdit`` grows with what is written (within limits), takes a
gentle placeholder, cleans pasted text, lets Tab move on to the next
control, and hands Undo/Redo keys to the plan-wide undo so there is one
history. ``edited`` fires only for the person's own changes.

Direction: the box lines its text up with the person's first letter, so
Arabic typed in the English app sits on the right and English in the
Arabic app on the left; an empty box follows the window. (``QLineEdit``
does this by itself.)
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QFrame, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from ...cleaning import clean_text
from .bidi import direction_of, set_text_direction

_PLAN_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _is_plan_undo_key(event) -> bool:
    return any(event.matches(key) for key in _PLAN_KEYS)


class _PlanUndoKeys:
    """Undo and Redo keys in a text box go to the plan-wide undo history (the
    window's actions), so there is one history; ``plan_undo_key`` tells the
    owner that such a key was pressed here."""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_plan_undo_key(event):
            self.plan_undo_key.emit()
            event.ignore()  # let the window's Undo/Redo action have it
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if _is_plan_undo_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)


class GrowingTextEdit(_PlanUndoKeys, QPlainTextEdit):
    """A multi-line text box that grows from ``min_lines`` to ``max_lines``."""

    edited = Signal()
    #: Undo or Redo pressed here; the page commits typing before it happens.
    plan_undo_key = Signal()

    def __init__(self, parent: QWidget | None = None, min_lines: int = 2, max_lines: int = 12) -> None:
        super().__init__(parent)
        self._min_lines, self._max_lines = min_lines, max_lines
        self._quiet = False
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the plan's undo stack is the one history
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self.updateGeometry)
        self._follow_direction()

    def set_text_quietly(self, text: str) -> None:
        """Show ``text`` without it counting as an edit; keeps the cursor."""
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        self._quiet = True
        try:
            self.setPlainText(text)
        finally:
            self._quiet = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def _on_text_changed(self) -> None:
        self._follow_direction()
        if not self._quiet:
            self.edited.emit()
        self.updateGeometry()

    def _follow_direction(self) -> None:
        set_text_direction(self, direction_of(self.toPlainText(), self.layoutDirection()),
                           per_paragraph=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._follow_direction()
        super().changeEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))


    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        line = self.fontMetrics().lineSpacing()
        count = self._visual_lines()
        lines = max(self._min_lines, min(self._max_lines, count))
        height = lines * line
        if count <= self._max_lines:
            # A line can be taller than the font's (an emoji, Arabic from a
            # fallback font): room for what is there, so no line scrolls away.
            height = max(height, self._content_height())
        margins = self.contentsMargins()
        doc_margin = int(self.document().documentMargin() * 2)
        hint.setHeight(height + margins.top() + margins.bottom() + doc_margin + 2)
        return hint

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _visual_lines(self) -> int:
        count = 0
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            count += max(1, layout.lineCount() if layout else 1)
            block = block.next()
        return count

    def _content_height(self) -> int:
        """The laid-out lines' height in pixels (the first block's rectangle
        holds the document's top margin too, counted apart in ``sizeHint``)."""
        total = -self.document().documentMargin()
        block = self.document().begin()
        while block.isValid():
            total += self.blockBoundingRect(block).height()
            block = block.next()
        return math.ceil(total)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.updateGeometry()

    def move_cursor_to_end(self) -> None:
        self.moveCursor(QTextCursor.MoveOperation.End)


class CleanLineEdit(_PlanUndoKeys, QLineEdit):
    """A one-line box that cleans pasted text and leaves Undo/Redo to the plan."""

    plan_undo_key = Signal()


    def set_text_quietly(self, text: str) -> None:
        if text != self.text():
            position = self.cursorPosition()
            self.setText(text)
            self.setCursorPosition(min(position, len(text)))
