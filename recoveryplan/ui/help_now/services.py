"""Changing my crisis services: the list with Change and Remove (and an
Undo right there), and the editor for one service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ...i18n import _
from ...plans.model import CrisisService, shown_crisis_service
from ..dialogs import DialogService
from ..widgets.kit import close_row, size_to_text, tall, text_label
from ..widgets.scrolling import scrolling
from ..widgets.translated import translations
from .cards import _card, _delete_layout, _phone_label

if TYPE_CHECKING:   # the plan's context loads with the plan, not at launch
    from ..context import PlanContext


class ServiceEditor(QDialog):
    """Add or change one crisis service: its name, phone number and a note."""

    def __init__(self, service: CrisisService | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceEditor")
        self.setWindowTitle(_("Change a crisis service") if service else _("Add a crisis service"))
        self.name_edit = tall(QLineEdit(service.name if service else ""))
        self.name_edit.setObjectName("serviceNameEdit")
        self.phone_edit = tall(QLineEdit(service.phone if service else ""))
        self.phone_edit.setObjectName("servicePhoneEdit")
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.notes_edit = QPlainTextEdit(service.notes if service else "")
        self.notes_edit.setObjectName("serviceNotesEdit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().height() * 4)
        layout = QVBoxLayout(self)
        for text, field in ((_("Name"), self.name_edit), (_("Phone number"), self.phone_edit),
                            (_("When to call them (a note for me)"), self.notes_edit)):
            label = text_label(text)
            label.setBuddy(field)
            field.setAccessibleName(text)
            layout.addWidget(label)
            layout.addWidget(field)
        buttons = QDialogButtonBox()
        save = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("serviceSaveButton")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (save, cancel):
            tall(button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 50),
                    self.sizeHint().height())

    def values(self) -> dict[str, str]:
        return {"name": self.name_edit.text().strip(), "phone": self.phone_edit.text().strip(),
                "notes": self.notes_edit.toPlainText().strip()}


class ServicesDialog(QDialog):
    """Change my crisis services: add, change or remove, one at a time.

    Removing asks first; once removed, an Undo button right here brings the
    service back (it is the plan's own Undo step, so Edit ▸ Undo agrees)."""

    def __init__(self, ctx: PlanContext, dialogs: DialogService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.rebuild)
        self.setObjectName("servicesDialog")
        self.ctx, self.dialogs = ctx, dialogs
        self._removed_at: int | None = None
        self._list = QVBoxLayout()
        self.notice = QFrame()
        self.notice.setObjectName("removedNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice_row = QHBoxLayout(self.notice)
        self.notice_label = text_label()
        self.notice_label.setObjectName("removedNoticeText")
        self.notice_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo_button = tall(QPushButton())
        self.undo_button.setObjectName("undoRemoveButton")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_remove)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.undo_button)
        self.notice.hide()
        self.add_button = tall(QPushButton())
        self.add_button.setObjectName("addServiceButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self._edit(None))
        self.close_button, row = close_row(self, "servicesCloseButton")
        self.intro = text_label()
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.intro)
        column.addLayout(self._list)
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)
        column.addStretch(1)
        scroll = scrolling(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(scroll)
        layout.addLayout(row)
        ctx.changed.connect(self._plan_changed)
        self.rebuild()
        size_to_text(self, 56, 32, parent)

    def rebuild(self) -> None:
        self.setWindowTitle(_("Change my crisis services"))
        self.intro.setText(_("These are the services on my crisis screen and crisis plan. "
                             "Changes are saved straight away."))
        self.add_button.setText(_("Add a crisis service…"))
        self.close_button.setText(_("Done"))
        self.undo_button.setText(_("Undo"))
        _delete_layout(self._list)
        for service in self.ctx.visible(self.ctx.plan.services):
            shown = shown_crisis_service(service)
            frame, layout = _card("crisisServiceCard", shown.name)
            if shown.phone:
                layout.addWidget(_phone_label(shown.phone))
            row = QHBoxLayout()
            edit = tall(QPushButton(_("Change")))
            edit.setAccessibleName(_("Change {service}").format(service=shown.name))
            edit.setObjectName("editServiceButton")
            remove = tall(QPushButton(_("Remove")))
            remove.setAccessibleName(_("Remove {service}").format(service=shown.name))
            remove.setObjectName("removeServiceButton")
            for button in (edit, remove):
                button.setAutoDefault(False)
                row.addWidget(button)
            row.addStretch(1)
            edit.clicked.connect(lambda _checked=False, s=service: self._edit(s))
            remove.clicked.connect(lambda _checked=False, s=service: self.remove(s))
            layout.addLayout(row)
            self._list.addWidget(frame)

    def _edit(self, service: CrisisService | None) -> ServiceEditor:
        editor = ServiceEditor(shown_crisis_service(service) if service else None, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._save_service(service, editor.values()))
        editor.open()
        return editor

    def _save_service(self, service: CrisisService | None, values: dict[str, str]) -> None:
        if not (values["name"] or values["phone"]):
            return
        if service is None:
            self.ctx.add(CrisisService(**values))
        else:
            shown = shown_crisis_service(service)
            changes = {key: value for key, value in values.items()
                       if value != getattr(shown, key)}
            if changes:
                self.ctx.update(service, **changes)

    def remove(self, service: CrisisService) -> bool:
        """Ask, then remove ``service``; an Undo shows here at once."""
        name = shown_crisis_service(service).name
        if not self.dialogs.question(
                self, _("Remove a crisis service"),
                _("Remove {service} from my crisis screen and crisis plan?").format(service=name),
                yes=_("Remove it"), no=_("Keep it")):
            return False
        self.ctx.remove(service)
        self._removed_at = self.ctx.undo_stack.index()
        text = _("{service} is removed.").format(service=name)
        self.notice_label.setText(text)
        self.notice.setAccessibleName(text)
        self.undo_button.setAccessibleName(_("Undo removing {service}").format(service=name))
        self.notice.show()
        self.undo_button.setFocus()
        return True

    def undo_remove(self) -> None:
        if self._removed_at is not None and self.ctx.undo_stack.index() == self._removed_at:
            self.ctx.undo()
        self._removed_at = None
        self.notice.hide()
        self.add_button.setFocus()

    def _plan_changed(self, action: str, subject: object) -> None:
        if action in ("reset", "info") or isinstance(subject, CrisisService):
            self.rebuild()
        if self._removed_at is not None and self.ctx.undo_stack.index() != self._removed_at:
            self._removed_at = None
            self.notice.hide()

    def done(self, result: int) -> None:
        try:
            self.ctx.changed.disconnect(self._plan_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
