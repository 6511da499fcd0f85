"""Pages made of named fields of free-text entries (most sections).

A single field (``multi=False``) is one growing text box bound to the
field's first entry, created when the person first types. A list field
shows its entries with Add another / Remove / Move up / Move down, and one
text box under the list for the chosen entry; when the list is empty only
the text box shows, with a gentle example.

A list field keeps its shape while the person types: an entry being written
in the text box joins the list above it only once the typing is done (focus
moves on), so nothing jumps under the cursor. Reopened, a list shows its
entries and no empty box; "Add another" opens one.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...i18n import N_, _
from ...plans.model import Entry, Record
from ...plans.sections import FieldSpec, SectionSpec
from ..context import PlanContext
from ..models.entries import EntryListModel
from ..fields.binding import TextBinding
from ..fields.together_note import TogetherNote
from ..widgets.controls import JustForMeCheck, tab_chain
from ..widgets.delegate import EntryDelegate
from ..widgets.text import CleanLineEdit, GrowingTextEdit
from .base import SectionPage
from .listing import ListSection


class _FieldBox(QGroupBox):
    """Common parts: the group titled with the field's label, a "Just for
    me" toggle and an attribution note under the text."""

    def __init__(self, page: SectionPage, spec: SectionSpec, field: FieldSpec) -> None:
        super().__init__(page.body)
        self.page, self.ctx, self.spec, self.field = page, page.ctx, spec, field
        self.setObjectName(f"group-{spec.key}-{field.key}")
        page.tr_text(self, field.label)
        self.box = QVBoxLayout(self)
        self.text_edit = GrowingTextEdit(self)
        self.text_edit.setObjectName(f"field-{spec.key}-{field.key}")
        page.tr_name(self.text_edit, field.label, field.prompt)
        self.just_for_me = JustForMeCheck(self)
        self.together = TogetherNote(self)
        self.just_for_me.clicked.connect(self._on_private_clicked)
        self.bindings: list[TextBinding] = []

    def _new_entry(self) -> Entry:
        return Entry(section=self.spec.key, field=self.field.key)

    def _retranslate(self) -> None:
        self.update_marks()

    def current(self) -> Record | None:
        raise NotImplementedError

    def update_marks(self) -> None:
        raise NotImplementedError

    def _on_private_clicked(self, checked: bool) -> None:
        for binding in self.bindings:
            binding.flush()  # words still waiting are saved (and the entry made) first
        record = self.current()
        if record is not None:
            done = self.ctx.update(record, private=checked)
        else:
            record = self._new_entry()
            record.private = checked
            done = self.ctx.add(record)
            if done:
                self.text_binding.created.emit(record)
        if not done:
            self.update_marks()   # refused: the box shows what is kept (the change refreshed it otherwise)


class SingleFieldBox(_FieldBox):
    """One text box bound to the field's first entry."""

    def __init__(self, page: SectionPage, spec: SectionSpec, field: FieldSpec) -> None:
        super().__init__(page, spec, field)
        self.box.addWidget(self.text_edit)
        self.box.addWidget(self.just_for_me)
        self.box.addWidget(self.together)
        self.text_binding = TextBinding(self.ctx, self.text_edit, "text",
                                        resolve=self._first, create=self._new_entry,
                                        concerns=self._concerns)
        self.text_binding.created.connect(self.update_marks)
        self.bindings = [self.text_binding]
        self.ctx.record_changed.connect(self._on_plan_changed)
        self.ctx.together_changed.connect(self.update_marks)
        page.on_retranslate(self._retranslate)

    def _first(self) -> Entry | None:
        entries = self.ctx.plan.entries_for(self.spec.key, self.field.key)
        return entries[0] if entries else None

    def _concerns(self, change) -> bool:
        """Whether a change can concern this field's entries."""
        subject = change.subject
        return change.kind == "reset" or (
            isinstance(subject, Entry) and (
                (subject.section == self.spec.key and subject.field == self.field.key)
                or "section" in change.fields or "field" in change.fields))

    def _on_plan_changed(self, change) -> None:
        if self._concerns(change):
            self.update_marks()

    def current(self) -> Record | None:
        return self._first()

    def update_marks(self, *_args) -> None:
        record = self._first()
        hidden = record is not None and record.private and bool(self.ctx.together_with)
        # While planning together a "just for me" answer takes its box with
        # it: no words on screen say that something is hidden here.
        self.setVisible(not hidden)
        self.just_for_me.setChecked(bool(record and record.private))
        self.together.show_for(record)

    def has_content(self) -> bool:
        record = self._first()
        return bool(record and record.text.strip())


class ListFieldBox(_FieldBox):
    """A list of entries with a text box for the chosen one (or a new one)."""

    def __init__(self, page: SectionPage, spec: SectionSpec, field: FieldSpec) -> None:
        super().__init__(page, spec, field)
        self.section = ListSection(
            page, EntryListModel(self.ctx, spec.key, field.key, self), self,
            view=f"field-{spec.key}-{field.key}-list", title=field.label, add=N_("Add another"),
            remove=N_("Remove"), undo="undoNotice", hide_buttons=True, listed=self._listed,
            prepare=self._hide_typing_row, chosen=self._chosen, show=self._show)
        self.model, self.view = self.section.model, self.section.view
        self.buttons, self.undo_notice = self.section.buttons, self.section.undo_notice
        self.delegate = EntryDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.editor_label = QLabel(self)
        self.editor_label.setBuddy(self.text_edit)
        self.editor_label.setWordWrap(True)
        self.section.place(self.box)
        self.box.addWidget(self.editor_label)
        self.box.addWidget(self.text_edit)
        self.detail_edit: GrowingTextEdit | None = None
        if field.detail_label:
            self.detail_label = QLabel(self)
            self.detail_label.setWordWrap(True)
            self.detail_edit = GrowingTextEdit(self)
            self.detail_edit.setObjectName(f"field-{spec.key}-{field.key}-detail")
            self.detail_label.setBuddy(self.detail_edit)
            page.tr_text(self.detail_label, field.detail_label)
            page.tr_name(self.detail_edit, field.detail_label)
            self.box.addWidget(self.detail_label)
            self.box.addWidget(self.detail_edit)
        self.box.addWidget(self.just_for_me)
        self.box.addWidget(self.together)
        # Tab in the order things are seen: the list, its buttons, then the box.
        tab_chain(self.view, self.buttons.add_button, self.buttons.remove_button,
                  self.buttons.up_button, self.buttons.down_button, self.undo_notice.undo_button,
                  self.text_edit, self.detail_edit, self.just_for_me)

        self.text_binding = TextBinding(self.ctx, self.text_edit, "text", create=self._new_entry)
        self.bindings = self.section.bindings
        self.bindings.append(self.text_binding)
        if self.detail_edit is not None:
            self.bindings.append(TextBinding(self.ctx, self.detail_edit, "detail", create=self._new_entry))
        #: The entry being written in the text box, kept out of the list until
        #: the typing is done, so the field does not change shape under the cursor.
        self._typing: Record | None = None
        #: The text box shows while the list has entries and none is chosen
        #: only after "Add another" (not left empty under every list).
        self._adding = False
        for binding in self.bindings:
            binding.created.connect(self._created_by_typing)
            binding.link(*self.bindings)
        self.view.activated.connect(lambda _i: self.text_edit.setFocus())
        self.buttons.add_clicked.connect(self.start_new)
        self.buttons.remove_clicked.disconnect(self.section.remove_current)
        self.buttons.remove_clicked.connect(self.remove_current)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved,
                       self.model.modelReset, self.model.dataChanged):
            signal.connect(self.update_marks)
        #: After a click that took the focus away, the list changes shape only
        #: once the mouse button is up (and the click delivered).
        self._after_click = QTimer(self)
        self._after_click.setSingleShot(True)
        self._after_click.setInterval(30)
        self._after_click.timeout.connect(self._finish_after_click)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        # Tab follows what is seen: the list, its buttons, the text box, then the rest.
        chain = [self.view, self.buttons.add_button, self.buttons.remove_button,
                 self.buttons.up_button, self.buttons.down_button, self.text_edit]
        if self.detail_edit is not None:
            chain.append(self.detail_edit)
        chain.append(self.just_for_me)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        page.after_retranslate(self._retranslate)
        self._retranslate(built=True)

    # -- current entry ---------------------------------------------------------
    def current(self) -> Record | None:
        return self.section.current()

    def select(self, record: Record | None) -> None:
        index = self.model.index_of(record)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def update_marks(self, *_args) -> None:
        self.section.refresh()

    def start_new(self) -> None:
        """Clear the text box for a new entry and put the cursor there."""
        for binding in self.bindings:
            binding.flush()
        self._done_typing()
        self._adding = True
        self.view.selectionModel().clear()
        self.section.show_current()
        self.text_edit.setFocus()

    def _editors(self) -> tuple[QWidget, ...]:
        return (self.text_edit,) if self.detail_edit is None else (self.text_edit, self.detail_edit)

    def _created_by_typing(self, record: Record) -> None:
        """The first words of a new entry: it becomes the chosen one, but
        stays out of the list (which keeps its shape) while typing goes on."""
        if QApplication.focusWidget() in self._editors():
            self._typing = record
        self.select(record)
        self._hide_typing_row()

    def _hide_typing_row(self) -> None:
        typing_row = self.model.row_of(self._typing) if self._typing is not None else -1
        if self._typing is not None and typing_row < 0:
            self._typing = None            # undone, or removed meanwhile
        for row in range(self.model.rowCount()):
            hidden = row == typing_row
            if self.view.isRowHidden(row) != hidden:
                self.view.setRowHidden(row, hidden)

    def _done_typing(self) -> None:
        if self._typing is not None:
            self._typing = None
            self._hide_typing_row()
            self.update_marks()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._typing is None or new in self._editors():
            return
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            # A click moved the focus (onto "Just for me", say): let it land
            # where it was aimed before the field takes its new shape.
            self._after_click.start()
            return
        self._done_typing()

    def _finish_after_click(self) -> None:
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._after_click.start()        # the button is still held
        elif QApplication.focusWidget() not in self._editors():
            self._done_typing()

    def _chosen(self, record: Record | None) -> None:
        if record is not None and record is not self._typing:
            self._done_typing()
            self._adding = False

    def remove_current(self) -> None:
        record = self.current()
        if record is None:
            return
        row = self.view.currentIndex().row()
        self._done_typing()
        self.ctx.remove(record)
        self.undo_notice.removed(record)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
            self.view.setFocus()
        else:
            self.text_edit.setFocus()

    def _listed(self) -> int:
        return self.model.rowCount() - (1 if self._typing is not None else 0)

    def _show(self, record: Record | None) -> None:
        listed = self._listed()
        focus = QApplication.focusWidget()
        editing = (listed == 0 or record is not None or self._adding
                   or focus in self._editors() or focus is self.just_for_me)
        for editor in (*self._editors(), self.just_for_me):
            editor.setVisible(editing)
        if self.detail_edit is not None:
            self.detail_label.setVisible(editing)
        if not editing or not listed:
            self.editor_label.setText("")
        elif record is None or record is self._typing:
            self.editor_label.setText(_("New entry"))
        else:
            self.editor_label.setText(_("The entry I chose"))
        self.editor_label.setVisible(bool(self.editor_label.text()))
        if not self.editor_label.text():
            self.text_edit.setAccessibleName(_(self.field.label))
        else:
            self.text_edit.setAccessibleName(
                _("{field}: {which}").format(field=_(self.field.label), which=self.editor_label.text()))
        self.just_for_me.setChecked(bool(record and record.private))
        self.together.show_for(record)

    def _retranslate(self, built: bool = False) -> None:
        super()._retranslate()
        if not built:       # a model made just now is worded already
            self.section.retranslate()
        self.delegate.detail_label = _(self.field.detail_label) if self.field.detail_label else ""

    def has_content(self) -> bool:
        return any(e.text.strip() or e.detail.strip() for e in self.model.all_records())


def name_box(page: SectionPage) -> QGroupBox:
    """The name I like to be called (the plan's owner name), on About me,
    kept by a ``TextBinding`` of the plan's facts like any other words."""
    group = QGroupBox(page.body)
    group.setObjectName("group-about_me-name")
    page.tr_text(group, N_("The name I like to be called"))
    edit = CleanLineEdit(group)
    edit.setObjectName("field-about_me-name")
    page.tr_name(edit, N_("The name I like to be called"), N_("For example: Sam"))
    QVBoxLayout(group).addWidget(edit)
    group.binding = TextBinding(page.ctx, edit, "owner_name", info=True)
    return group


class FieldsPage(SectionPage):
    """A section of named fields."""

    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.boxes: list[_FieldBox] = []
        self.name_box = name_box(self) if spec.key == "about_me" else None
        if self.name_box is not None:
            self.layout_.addWidget(self.name_box)
        for field in spec.fields:
            box = (ListFieldBox if field.multi else SingleFieldBox)(self, spec, field)
            self.boxes.append(box)
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)
        self._check_content()

    def box(self, field_key: str) -> _FieldBox:
        return next(b for b in self.boxes if b.field.key == field_key)

    def has_content(self) -> bool:
        return (any(box.has_content() for box in self.boxes)
                or bool(self.name_box and self.ctx.plan.info.owner_name.strip()))
