"""A list of records on a page, declared once: its view, its buttons, the
line shown while it is empty, the notice that offers Undo after a removal,
the detail under it that shows the chosen record, and the one refresh that
keeps them all in step.

The page says what is its own (which model, which words, what the detail
shows: the ``chosen`` and ``show`` hooks) and the section does the rest:
the view and its buttons hide while the list is empty, the buttons know
what can be moved, the detail shows only while a record is chosen, Undo
after a removal chooses the record again with the focus on the list, and
"just for me" records leave the list while planning together (the model
already leaves them out).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLayout, QWidget

from ...plans.model import Record
from ..fields.binding import TextBinding
from ..fields.undo_notice import UndoNotice
from ..widgets.controls import ListButtons
from ..widgets.lists import GrowingListView
from ..widgets.tables import GrowingTableView



class ListSection:
    """The list parts of ``page`` for ``model``, made in ``parent``.

    - ``view``: the object name of the view; ``title``: its name for screen
      readers (an ``N_`` source); ``table``: a ``GrowingTableView`` (else a
      ``GrowingListView``), with ``max_rows`` and ``stretch_column``.
    - ``empty``: the words shown instead of the list while it is empty.
    - ``add`` and ``remove``: the list buttons' words (no ``remove``: no
      buttons); ``movable``: Move up and Move down too; ``name``: the
      buttons' object names (``addContactButton``).
    - ``undo``: the object name of the Undo notice shown after a removal
      (None: no notice).
    - ``hide_view``: the view hides while the list is empty; ``hide_buttons``:
      the buttons too.
    - ``chosen(record)``: runs when another record (or none) is chosen,
      before the ``bindings`` follow it; ``show(record)``: runs at the end
      of each refresh, for what the page shows of the chosen record;
      ``prepare()``: runs at the start of each refresh; ``listed()``: how
      many rows are shown in the list (all of the model's, unless given).
    - ``keep_chosen``: a record is always chosen while there is one (the
      first, to start with).
    """

    def __init__(self, page, model, parent: QWidget, *, view: str, title: str,
                 table: bool = False, max_rows: int = 8, stretch_column: int = 0,
                 empty: str = "", add: str = "", remove: str = "", movable: bool = True,
                 name: str = "", undo: str | None = None, hide_view: bool = True,
                 hide_buttons: bool = False,
                 keep_chosen: bool = False,
                 chosen: Callable[[Record | None], None] | None = None,
                 show: Callable[[Record | None], None] | None = None,
                 prepare: Callable[[], None] | None = None,
                 listed: Callable[[], int] | None = None) -> None:
        self.page, self.ctx, self.model = page, page.ctx, model
        self.view = (GrowingTableView(parent, max_rows=max_rows, stretch_column=stretch_column)
                     if table else GrowingListView(parent, max_rows=max_rows))
        self.view.setObjectName(view)
        self.view.setModel(model)
        page.tr_name(self.view, title)
        self.empty = page.wrapped_label(parent, empty) if empty else None
        self.buttons = (ListButtons(self.view, add, remove, parent, movable=movable, name=name)
                        if remove else None)
        self.undo_notice: UndoNotice | None = None
        if undo is not None:
            self.make_undo_notice(parent, undo)
        #: Shown only while a record is chosen.
        self.detail: QWidget | None = None
        #: Text boxes that follow the chosen record.
        self.bindings: list[TextBinding] = []
        self._movable, self._keep_chosen = movable, keep_chosen
        self._hide_view, self._hide_buttons = hide_view, hide_buttons
        self._chosen, self._show, self._prepare, self._listed = chosen, show, prepare, listed
        self.view.selectionModel().currentChanged.connect(self.show_current)
        # A reset (planning together hides records) moves no "current" signal.
        model.modelReset.connect(self.show_current)
        if self.buttons is not None:
            self.buttons.remove_clicked.connect(self.remove_current)
            self.buttons.move_clicked.connect(self.move_current)

    def make_undo_notice(self, parent: QWidget, name: str) -> UndoNotice:
        """The Undo notice, made now (where it comes in the Tab order)."""
        self.undo_notice = UndoNotice(self.ctx, parent, name)
        self.undo_notice.undone.connect(self.undone)
        return self.undo_notice

    def place(self, layout: QLayout) -> None:
        """Put the parts in ``layout``, in the order they are seen."""
        for widget in (self.empty, self.view, self.buttons, self.undo_notice):
            if widget is not None:
                layout.addWidget(widget)

    def start(self, *, first: bool = False) -> None:
        """Follow the plan (the changes the page shows, planning together,
        a new language), choose the ``first`` record if asked, and refresh."""
        self.page.refresh_on_changes(self.refresh)
        self.ctx.together_changed.connect(self.refresh)
        # A model made now words itself as it is asked; it tells its views
        # again only when the language changes (every row, all at once).
        self.page.after_retranslate(self.retranslate)
        if first and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.refresh()

    # -- the chosen record --------------------------------------------------------
    def current(self) -> Record | None:
        return self.model.record(self.view.currentIndex())

    def select(self, record: Record | None) -> None:
        index = self.model.index_of(record)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def show_current(self, *_args) -> None:
        """Another record (or none) is chosen: the detail and bindings follow."""
        record = self.current()
        if self._chosen is not None:
            self._chosen(record)
        for binding in self.bindings:
            binding.set_record(record)
        self.refresh()

    # -- changes ----------------------------------------------------------------------
    def add(self, record: Record, parent: Record | None = None,
            focus: QWidget | None = None) -> bool:
        """Add ``record``, choose it, and put the focus on ``focus``."""
        if not self.ctx.add(record, parent):
            return False
        self.select(record)
        if focus is not None:
            focus.setFocus()
        return True

    def remove_current(self) -> Record | None:
        """Remove the chosen record, and offer to bring it back."""
        record = self.current()
        if record is None:
            return None
        self.ctx.remove(record)
        self.refresh()
        if self.undo_notice is not None:
            self.undo_notice.removed(record)
        return record

    def move_current(self, step: int) -> None:
        """Move the chosen record one place up or down among the rows shown."""
        row = self.view.currentIndex().row()
        record = self.model.record(row)
        neighbour = self.model.record(row + step) if record is not None and row + step >= 0 else None
        if neighbour is None:
            return
        self.ctx.move(record, self.ctx.editor.siblings(record).index(neighbour))
        self.select(record)

    def undone(self, record: Record) -> None:
        """Undo brought ``record`` back: it is chosen, with the focus on the list."""
        self.select(record)
        self.view.setFocus()

    # -- the one refresh -----------------------------------------------------------------
    def refresh(self, *_args) -> None:
        if self._prepare is not None:
            self._prepare()
        rows = self.model.rowCount()
        record = self.current()
        if self._keep_chosen and record is None and rows:
            self.view.setCurrentIndex(self.model.index(0, 0))   # refreshes again
            return
        listed = self._listed() if self._listed is not None else rows
        if self.empty is not None:
            self.empty.setVisible(listed == 0)
        if self._hide_view:
            self.view.setVisible(listed > 0)
        if self.buttons is not None:
            if self._hide_buttons:
                self.buttons.setVisible(listed > 0)
            row = self.view.currentIndex().row() if record is not None else -1
            self.buttons.set_state(record is not None, self._movable and row > 0,
                                   self._movable and 0 <= row < rows - 1)
        if self.detail is not None:
            self.detail.setVisible(record is not None)
        if self._show is not None:
            self._show(record)

    def retranslate(self) -> None:
        self.model.retranslate()      # a model is no widget: it hears no language change
