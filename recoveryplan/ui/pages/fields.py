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
        self.bindings: list[TextBinding] = []

    def _make_text_parts(self) -> tuple[GrowingTextEdit, JustForMeCheck, TogetherNote]:
        """The text box, "Just for me" and the "Added together" note, made in this order."""
        edit = GrowingTextEdit(self)
        edit.setObjectName(f"field-{self.spec.key}-{self.field.key}")
        just_for_me = JustForMeCheck(self)
        just_for_me.clicked.connect(self._on_private_clicked)
        return edit, just_for_me, TogetherNote(self)

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


class _EditorParts:
    """What a list field shows under its list (made when first needed)."""

    editor_label: QLabel
    text_edit: GrowingTextEdit
    detail_label: QLabel | None = None
    detail_edit: GrowingTextEdit | None = None
    just_for_me: JustForMeCheck
    together: TogetherNote
    text_binding: TextBinding


class SingleFieldBox(_FieldBox):
    """One text box bound to the field's first entry."""

    def __init__(self, page: SectionPage, spec: SectionSpec, field: FieldSpec) -> None:
        super().__init__(page, spec, field)
        self.text_edit, self.just_for_me, self.together = self._make_text_parts()
        page.tr_name(self.text_edit, field.label, field.prompt)
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
    """A list of entries with a text box for the chosen one (or a new one).
    The parts under the list (``_EditorParts``) are made when they first show
    or are asked for (``text_edit``): until then they would only be hidden."""

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
        self.section.place(self.box)
        self.bindings = self.section.bindings
        #: The text box and its neighbours, once made (``_make_editors``).
        self._parts: _EditorParts | None = None
        #: The entry being written in the text box, kept out of the list until
        #: the typing is done, so the field does not change shape under the cursor.
        self._typing: Record | None = None
        #: The text box shows while the list has entries and none is chosen
        #: only after "Add another" (not left empty under every list).
        self._adding = False
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
        page.after_retranslate(self._retranslate)
        self._retranslate(built=True)

    # -- the text box and its neighbours, made when first shown -------------------------
    def _make_editors(self) -> _EditorParts:
        """Make the parts under the list, in the order they are seen and
        Tabbed through: the label, the text box, the detail, "Just for me"
        (then the Undo notice, as ever), each bound to the chosen entry."""
        page, spec, field = self.page, self.spec, self.field
        parts = _EditorParts()
        parts.editor_label = QLabel(self)
        parts.editor_label.setWordWrap(True)
        parts.text_edit, parts.just_for_me, parts.together = self._make_text_parts()
        parts.editor_label.setBuddy(parts.text_edit)
        if field.prompt:    # its name for screen readers is ``_show``'s (it says which entry)
            page.on_retranslate(lambda: parts.text_edit.setPlaceholderText(_(field.prompt)))
        widgets: list[QWidget] = [parts.editor_label, parts.text_edit]
        if field.detail_label:
            parts.detail_label = QLabel(self)
            parts.detail_label.setWordWrap(True)
            parts.detail_edit = GrowingTextEdit(self)
            parts.detail_edit.setObjectName(f"field-{spec.key}-{field.key}-detail")
            parts.detail_label.setBuddy(parts.detail_edit)
            page.tr_text(parts.detail_label, field.detail_label)
            page.tr_name(parts.detail_edit, field.detail_label)
            widgets += [parts.detail_label, parts.detail_edit]
        for widget in (*widgets, parts.just_for_me, parts.together):
            widget.hide()       # until ``_show`` says what shows
            self.box.addWidget(widget)
        # Tab in the order things are seen: the list, its buttons, the box, then Undo.
        tab_chain(self.buttons.down_button, parts.text_edit, parts.detail_edit,
                  parts.just_for_me, self.undo_notice.undo_button)
        parts.text_binding = TextBinding(self.ctx, parts.text_edit, "text", create=self._new_entry)
        bindings = [parts.text_binding]
        if parts.detail_edit is not None:
            bindings.append(TextBinding(self.ctx, parts.detail_edit, "detail", create=self._new_entry))
        self.bindings.extend(bindings)
        record = self.current()
        for binding in bindings:
            binding.created.connect(self._created_by_typing)
            binding.link(*self.bindings)
            binding.set_record(record)
        self._parts = parts
        return parts

    def _editor_parts(self) -> _EditorParts:
        if self._parts is None:     # made now, and shown as the field's state says
            self._make_editors()
            self.section.refresh()
        return self._parts

    text_edit = property(lambda self: self._editor_parts().text_edit)
    detail_edit = property(lambda self: self._editor_parts().detail_edit)
    detail_label = property(lambda self: self._editor_parts().detail_label)
    editor_label = property(lambda self: self._editor_parts().editor_label)
    just_for_me = property(lambda self: self._editor_parts().just_for_me)
    together = property(lambda self: self._editor_parts().together)
    text_binding = property(lambda self: self._editor_parts().text_binding)

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
        """The text boxes under the list (none while not made yet)."""
        parts = self._parts
        if parts is None:
            return ()
        return (parts.text_edit,) if parts.detail_edit is None else (parts.text_edit, parts.detail_edit)

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
        parts = self._parts
        editing = (listed == 0 or record is not None or self._adding
                   or (parts is not None and (focus in self._editors() or focus is parts.just_for_me)))
        if parts is None:
            if not editing:
                return          # nothing under the list shows: it is made when it does
            parts = self._make_editors()
        for editor in (*self._editors(), parts.just_for_me):
            editor.setVisible(editing)
        if parts.detail_label is not None:
            parts.detail_label.setVisible(editing)
        label = parts.editor_label
        if not editing or not listed:
            label.setText("")
        elif record is None or record is self._typing:
            label.setText(_("New entry"))
        else:
            label.setText(_("The entry I chose"))
        label.setVisible(bool(label.text()))
        if not label.text():
            parts.text_edit.setAccessibleName(_(self.field.label))
        else:
            parts.text_edit.setAccessibleName(
                _("{field}: {which}").format(field=_(self.field.label), which=label.text()))
        parts.just_for_me.setChecked(bool(record and record.private))
        parts.together.show_for(record)

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

    FIRST_LAID_OUT_WITH_SCROLL_BAR = True

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
