"""Planning together: going through my plan with someone, on one screen.

The person switches the mode on and types who they are with
(:class:`TogetherStartDialog`). While it is on, the pages hide everything
"just for me" (they ask ``PlanContext.visible``), what is added or changed
carries the other person's name, and :class:`TogetherBanner` says so in
words and with an icon, with how many entries are hidden in all (never
where). Switching it off asks for the passphrase (a setting, on unless the
person turns it off), so the person, not whoever holds the keyboard, brings
private entries back; the check runs off the GUI thread through the open
plan's own ``verify_secret``. The banner then offers, without insisting, to
record the session as a review.

:class:`TogetherMode` keeps the state for the main window, so it outlives
locking: the plan and its pages are put away on lock and built again on
unlock, and the mode is applied to them again. It is never written to the
plan or to the settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLineEdit, QMainWindow, QStyle, QToolBar, QToolButton,
    QVBoxLayout, QWidget,
)

from .. import opened
from ..i18n import N_, _, ngettext
from ..plans.model import COLLECTIONS, Plan
from .background import BackgroundTask, run_in_background
from .widgets.kit import MIN_TARGET, message_label, show_message, tall, text_label
from .widgets.secret import SecretEdit
from .widgets.notice import NoticeBar
from .widgets.translated import translations

if TYPE_CHECKING:   # loaded with the plan, not at launch
    from .actions import ActionRegistry
    from .context import PlanContext


def hidden_total(plan: Plan) -> int:
    """How many "just for me" records planning together hides: private
    records, and private steps or notes of goals that are shown."""
    count = 0
    for name in COLLECTIONS:
        for record in plan.collection(name):
            if record.private:
                count += 1
                continue
            for attr in record.CHILDREN:
                count += sum(1 for child in getattr(record, attr) if child.private)
    return count


class TogetherStartDialog(QDialog):
    """Who am I planning with? One line; starting says what will happen."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("togetherDialog")
        self.setWindowTitle(_("Plan together with someone"))
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(_(
            "While we plan together, anything I have marked \u201cjust for me\u201d is hidden "
            "from the screen. What we add or change is marked with their name and the date. "
            "I can stop at any time.")))
        label = text_label(_("Who am I planning with? (for example: Priya, care coordinator)"))
        self.name_edit = tall(QLineEdit(name, self))
        self.name_edit.setObjectName("togetherNameEdit")
        self.name_edit.setMaxLength(120)
        self.name_edit.setAccessibleName(_("Who am I planning with?"))
        label.setBuddy(self.name_edit)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        buttons = QDialogButtonBox(self)
        self.start_button = tall(buttons.addButton(_("Start planning together"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole))
        self.start_button.setObjectName("togetherStartButton")
        cancel = tall(buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole))
        cancel.setObjectName("togetherCancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name_edit.textChanged.connect(self._update)
        self._update()
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 60),
                    self.sizeHint().height())

    def _update(self) -> None:
        self.start_button.setEnabled(bool(self.name()))

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())


class TogetherEndDialog(QDialog):
    """Ending planning together: my passphrase (or recovery key) first.
    ``verify`` is the open plan's ``verify_secret``; it runs off the GUI
    thread (key derivation is slow) and the dialog is accepted only when
    it says yes."""

    def __init__(self, verify, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("togetherEndDialog")
        self.setWindowTitle(_("End planning together"))
        self._verify = verify
        self._task: BackgroundTask | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(_(
            "To show what is just for me again, type my passphrase. Until then, everything "
            "just for me stays hidden.")))
        label = text_label(_("My passphrase"))
        self.secret_edit = SecretEdit(self)
        self.secret_edit.setObjectName("togetherEndSecret")
        self.secret_edit.setAccessibleName(_("My passphrase"))
        self.secret_edit.setMaxLength(1024)
        label.setBuddy(self.secret_edit)
        layout.addWidget(label)
        layout.addWidget(self.secret_edit)
        self.error_label = message_label()
        self.error_label.setObjectName("togetherEndError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.end_button = tall(buttons.addButton(_("Show everything again"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole))
        self.end_button.setObjectName("togetherEndConfirm")
        self.keep_button = tall(buttons.addButton(_("Keep planning together"),
                                                  QDialogButtonBox.ButtonRole.RejectRole))
        self.keep_button.setObjectName("togetherEndCancel")
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.secret_edit.textChanged.connect(lambda _t: show_message(self.error_label, ""))
        # Tall enough for its wrapped words at any text size, also once a
        # message shows under the box.
        # (Word-wrapped labels don't make a window taller by themselves.)
        metrics = self.fontMetrics()
        self.setMinimumSize(metrics.averageCharWidth() * 56, metrics.height() * 15)
        self.secret_edit.setFocus()

    def check(self) -> None:
        secret = self.secret_edit.text()
        if self._task is not None:
            return
        if not secret:
            show_message(self.error_label, _("Please type my passphrase first."))
            self.secret_edit.setFocus()
            return
        self._busy(True)
        verify = self._verify
        self._task = run_in_background(lambda: verify(secret), self._checked, self._failed)

    def _busy(self, busy: bool) -> None:
        for widget in (self.secret_edit, self.end_button):
            widget.setEnabled(not busy)
        if busy:
            show_message(self.error_label, _("Checking…"))

    def _checked(self, ok: object) -> None:
        self._task = None
        self._busy(False)
        if ok:
            self.secret_edit.clear()
            self.accept()
            return
        self.secret_edit.selectAll()
        self.secret_edit.setFocus()
        show_message(self.error_label, _(
            "That isn't the passphrase of this plan, so what is just for me stays hidden. "
            "Please try again, or keep planning together."))

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._busy(False)
        show_message(self.error_label, opened.error_message(error))

    def done(self, result: int) -> None:  # noqa: N802 - Qt API
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.secret_edit.clear()
        super().done(result)


class TogetherBanner(NoticeBar):
    """Says the mode is on (with whom, and how much is hidden), or that it
    has just ended, with the offer to record the session as a review."""

    record_clicked = Signal()
    end_clicked = Signal()
    dismissed = Signal()

    def __init__(self, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(QStyle.StandardPixmap.SP_MessageBoxInformation, parent)
        self.setObjectName("togetherBanner")
        self.ctx = ctx
        self.ended_with = ""
        self.record_button = self.add_button("togetherRecordButton", self.record_clicked.emit)
        self.end_button = self.add_button("togetherEndButton", self.end_clicked.emit)
        self.close_button = self.add_button("togetherDismissButton", self.dismissed.emit)
        ctx.record_changed.connect(self._on_plan_changed)
        ctx.together_changed.connect(self.refresh)
        self.refresh()

    def show_ended(self, name: str) -> None:
        self.ended_with = name
        self.refresh()

    def _on_plan_changed(self, change) -> None:
        # Only the count of hidden "just for me" writing can change here.
        if self.ctx.together_with and change.changes_any(("private",)):
            self.refresh()

    def refresh(self, *_args) -> None:
        name = self.ctx.together_with
        if name:
            self.ended_with = ""
            hidden = hidden_total(self.ctx.plan)
            text = _("Planning together with {name}.").format(name=name)
            if hidden:
                text += " " + ngettext(
                    "{count} entry just for me is hidden.",
                    "{count} entries just for me are hidden.", hidden).format(count=hidden)
            text += " " + _("What we add or change is marked with their name.")
        elif self.ended_with:
            text = _("I have finished planning together with {name}. I can record this as a "
                     "review, if I'd like to.").format(name=self.ended_with)
        else:
            text = ""
        self.set_text(text)
        self.name_button(self.record_button, _("Record this as a review…"))
        self.name_button(self.end_button, _("End planning together"))
        self.name_button(self.close_button, _("Not now"))
        self.end_button.setVisible(bool(name))
        self.close_button.setVisible(not name)
        self.setVisible(bool(text))

    def detach(self) -> None:
        self.ctx.record_changed.disconnect(self._on_plan_changed)
        self.ctx.together_changed.disconnect(self.refresh)


#: Toolbar button words, off and on.
_BUTTON_OFF = N_("Plan together…")
_BUTTON_ON = N_("End planning together")


class TogetherMode(QObject):
    """The planning-together state of one main window.

    Is given the window's action registry (holding the ``plan_together``,
    ``end_together`` and ``record_review`` actions) and the toolbar its
    button goes in, after the first item; ``attach`` is called with each
    newly opened plan."""

    changed = Signal(str)

    def __init__(self, window: QMainWindow, actions: ActionRegistry, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.window = window
        self.name = ""
        self.ctx: PlanContext | None = None
        self.banner: TogetherBanner | None = None
        self._end_dialog: TogetherEndDialog | None = None
        #: A review was recorded during this session: ending it offers no second one.
        self._reviewed = False
        self.actions = actions
        self.actions.connect("plan_together", self.start)
        self.actions.connect("end_together", self.end)
        self.actions.connect("record_review", self.record_review)
        self.button = QToolButton()
        self.button.setObjectName("togetherButton")
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setMinimumHeight(MIN_TARGET)
        self.button.clicked.connect(self.toggle)
        translations(self.button).follow(self.retranslate)
        self._slot = toolbar.insertWidget(toolbar.actions()[1], self.button) \
            if len(toolbar.actions()) > 1 else toolbar.addWidget(self.button)
        self._slot.setVisible(False)
        self._sync()

    # -- the open plan ---------------------------------------------------------------
    def attach(self, ctx: PlanContext, workspace) -> None:
        """A plan was opened (first time or after unlocking): apply the mode."""
        self.ctx = ctx
        ctx.together_with = self.name
        self.banner = TogetherBanner(ctx)
        self.banner.record_clicked.connect(self.record_review)
        self.banner.end_clicked.connect(self.end)
        self.banner.dismissed.connect(lambda: self.banner and self.banner.show_ended(""))
        workspace.add_notice(self.banner)
        self.banner.refresh()       # shown at once, not when the layout gets round to it
        self._slot.setVisible(True)
        self._sync()

    def detach(self) -> None:
        """The plan is being locked or closed; the mode stays as it is."""
        if self.banner is not None:
            self.banner.detach()
            self.banner.show_ended("")
        self.banner = None
        self.ctx = None
        self._slot.setVisible(False)

    # -- switching ---------------------------------------------------------------------
    def toggle(self) -> None:
        if self.name:
            self.end()
        else:
            self.start()

    def start(self) -> TogetherStartDialog | None:
        if self.ctx is None or self.name:
            return None
        dialog = TogetherStartDialog(parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.begin(dialog.name()))
        dialog.open()
        return dialog

    def begin(self, name: str) -> None:
        name = " ".join((name or "").split())
        if not name or self.ctx is None:
            return
        self.name = name
        self._reviewed = False
        self.ctx.together_with = name
        self._sync()
        self.changed.emit(name)

    def end(self) -> TogetherEndDialog | None:
        """Asks for the passphrase first (unless the person switched that
        off in Preferences); then the banner offers to record a review."""
        if not self.name:
            return None
        settings = getattr(self.window, "settings", None)
        session = getattr(self.window, "session", None)
        if settings is not None and settings.together_asks_passphrase and session is not None:
            if self._end_dialog is not None:
                self._end_dialog.raise_()
                return self._end_dialog
            dialog = TogetherEndDialog(session.open_plan.verify_secret, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(self.finish)
            dialog.finished.connect(lambda *_a: setattr(self, "_end_dialog", None))
            self._end_dialog = dialog
            dialog.open()
            return dialog
        self.finish()
        return None

    def finish(self) -> None:
        """End the session now."""
        self._end_dialog = None
        name, self.name = self.name, ""
        if self.ctx is not None:
            self.ctx.together_with = ""
        if self.banner is not None and name:
            self.banner.show_ended("" if self._reviewed else name)
        self._reviewed = False
        self._sync()
        self.changed.emit("")

    def record_review(self):
        if self.ctx is None:
            return None
        who = self.name or (self.banner.ended_with if self.banner is not None else "")
        from .reviews.dialog import open_review_dialog

        dialog = open_review_dialog(self.ctx, self.window, who)
        if self.banner is not None and not self.name:
            dialog.accepted.connect(lambda: self.banner and self.banner.show_ended(""))
        elif self.name:
            dialog.accepted.connect(lambda: setattr(self, "_reviewed", True))
        return dialog

    # -- words and states ------------------------------------------------------------------
    def _sync(self) -> None:
        is_open = self.ctx is not None
        self.actions["plan_together"].setEnabled(is_open and not self.name)
        self.actions["end_together"].setEnabled(is_open and bool(self.name))
        self.actions["record_review"].setEnabled(is_open)
        self.retranslate()

    def retranslate(self) -> None:
        text = _(_BUTTON_ON if self.name else _BUTTON_OFF)
        self.button.setText(text)
        self.button.setAccessibleName(text)
        settings = getattr(self.window, "settings", None)
        asks = settings is None or settings.together_asks_passphrase
        self.button.setToolTip(_("Hide what is just for me while I go through my plan with "
                                 "someone") if not self.name else
                               _("Show everything again, once I have typed my passphrase.")
                               if asks else _("Show everything again. Nothing is asked."))
