"""The whole plan as a JSON file: save a copy, or bring one in.

Saving copies the plan with every review's copy of the plan (loaded through
the open database) and writes it on a worker thread. Bringing a plan in
reads and checks the file on a worker thread; a file that can't be used
gets a list of what is wrong and changes nothing. A good file replaces the
whole plan only after the person says so (with a chance to save a backup
copy first); that cannot be undone with Undo, so the undo history is
cleared and the pages show the new plan at once.
"""

from __future__ import annotations

import copy
import errno
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QListWidget, QMainWindow, QPushButton, QVBoxLayout, QWidget,
)

from ...i18n import _, ngettext
from ...plans.model import Plan
from ... import opened
from ..dialogs import DialogService
from ..background import BackgroundTask, run_in_background
from ..session import PlanSession
from ..widgets.kit import heading_label, text_label
from ..widgets.controls import MIN_TARGET
from ..widgets.translated import translations
from .files import in_documents
from .places import describe_place

if TYPE_CHECKING:   # reading and writing JSON loads on first use, not at launch
    from ...plans.validation import Problem


class Window(Protocol):
    """What these actions need from the main window."""

    session: PlanSession | None
    dialogs: DialogService

    def statusBar(self): ...  # noqa: N802 - Qt API

    def save_backup_copy(self, then: Callable[[], None] | None = None) -> bool: ...


def _write_problem(error: BaseException) -> str:
    if isinstance(error, opened.StorageError):
        return str(error)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("There isn't enough space to save the copy. Please free some space or choose "
                 "another place, and try again.")
    if isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("The copy can't be saved in that folder. Please choose another folder.")
    return _("The copy couldn't be saved. Please try again, or choose another folder.")


class ProblemsDialog(QDialog):
    """Why a file can't be brought in: the first ``SHOWN`` problems, in a
    list that scrolls and can be read line by line with the arrow keys."""

    SHOWN = 20

    def __init__(self, problems: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        translations(self).follow(self.retranslate)
        self.setObjectName("importProblems")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._problems = problems
        self.heading = heading_label(2)
        self.intro = text_label(selectable=True)
        self.list = QListWidget()
        self.list.setObjectName("problemList")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.addItems([self.describe(p) for p in problems[:self.SHOWN]])
        self.more = text_label()
        self.hint = text_label()
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        self.close_button.setMinimumHeight(MIN_TARGET)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.intro, self.list, self.more, self.hint):
            layout.addWidget(widget, 1 if widget is self.list else 0)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 26)

    @staticmethod
    def describe(problem: Problem) -> str:
        """The problem with its place in plain words; the exact place in the
        file on a second line, for whoever mends the file."""
        place = describe_place(problem.path)
        if not place:
            return problem.message
        return _("{place}: {problem}").format(place=place, problem=problem.message) + \
            "\n" + problem.path

    def problem_lines(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def retranslate(self) -> None:
        count = len(self._problems)
        self.setWindowTitle(_("This file can't be used"))
        self.heading.setText(_("This file can't be used"))
        self.intro.setText(ngettext(
            "I found {count} problem in this file, so I did not bring it in. Your plan has not "
            "changed.",
            "I found {count} problems in this file, so I did not bring it in. Your plan has not "
            "changed.", count).format(count=count))
        hidden = max(0, count - self.SHOWN)
        self.more.setText(ngettext("\u2026and {count} more.", "\u2026and {count} more.",
                                   hidden).format(count=hidden))
        self.more.setVisible(hidden > 0)
        self.hint.setText(_("Each line says where in the file the problem is, then what is "
                            "wrong there. A file saved by Recovery Plan with \u201cSave a copy of "
                            "my plan\u201d can always be brought back in."))
        self.list.setAccessibleName(_("Problems found in the file"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))


class JsonCopy(QObject):
    """File > Save a copy of my plan (JSON) and Bring in a plan from a JSON file."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._task: BackgroundTask | None = None
        self.problems_dialog: ProblemsDialog | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _still_open(self, session: PlanSession) -> bool:
        return self.window.session is session and not session.closed

    def _status(self, text: str = "") -> None:
        bar = self.window.statusBar()
        if text:
            bar.showMessage(text)
        else:
            bar.clearMessage()

    # -- saving a copy -----------------------------------------------------------------------
    def save_copy(self) -> None:
        session, dialogs = self.window.session, self.window.dialogs
        if session is None or self._task is not None:
            return
        if not dialogs.question(
                self.window, _("Save a copy of my plan"),
                _("This saves your whole plan in one JSON file that other apps can read, "
                  "with what is \u201cjust for me\u201d and the copies kept with your reviews.\n\n"
                  "The file is not encrypted: anyone who opens it can read all of it. "
                  "Keep it somewhere safe."),
                yes=_("Choose where to save it"), no=_("Cancel")):
            return
        path = dialogs.get_save_path(self.window, _("Save a copy of my plan (JSON)"),
                                     in_documents(_("my-recovery-plan.json")),
                                     _("JSON files (*.json)"))
        if path is None:
            return
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        session.ctx.flush_pending()
        plan = copy.deepcopy(session.plan)   # the worker never reads what the GUI edits
        open_plan = session.open_plan

        def work() -> None:
            from ...plans.exchange import to_document, write_document

            write_document(path, to_document(open_plan.with_snapshots(plan)))

        self._status(_("Saving a copy of your plan\u2026"))
        self._task = run_in_background(work, lambda _none: self._copy_saved(session, path),
                                       lambda error: self._copy_failed(session, error))

    def _copy_saved(self, session: PlanSession, path: Path) -> None:
        self._task = None
        self._status()
        if self._still_open(session):
            self.window.dialogs.information(self.window, _("Copy saved"), _(
                "A copy of your whole plan is saved in {path}. It is not encrypted, so keep it "
                "somewhere safe, and delete it when you no longer need it.").format(path=str(path)))

    def _copy_failed(self, session: PlanSession, error: BaseException) -> None:
        self._task = None
        self._status()
        if self._still_open(session):
            self.window.dialogs.warning(self.window, _("Copy not saved"), _write_problem(error))

    # -- bringing a plan in ------------------------------------------------------------------
    def bring_in(self) -> None:
        session, dialogs = self.window.session, self.window.dialogs
        if session is None or self._task is not None:
            return
        path = dialogs.get_open_path(self.window, _("Bring in a plan from a JSON file"),
                                     in_documents(), _("JSON files (*.json);;All files (*)"))
        if path is None:
            return
        from ...plans.exchange import load_document   # here: not needed at launch

        self._status(_("Reading the file\u2026"))
        self._task = run_in_background(lambda: load_document(path),
                                       lambda plan: self._loaded(session, plan),
                                       lambda error: self._not_loaded(session, error))

    def _not_loaded(self, session: PlanSession, error: BaseException) -> None:
        self._task = None
        self._status()
        if not self._still_open(session):
            return
        from ...plans.exchange import ImportProblems

        if isinstance(error, ImportProblems):
            dialog = ProblemsDialog(error.problems, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda: setattr(self, "problems_dialog", None))
            self.problems_dialog = dialog
            dialog.open()
        else:
            self.window.dialogs.warning(self.window, _("This file can't be used"), _(
                "Something went wrong while reading the file. Your plan has not changed."))

    def _loaded(self, session: PlanSession, plan: Plan) -> None:
        self._task = None
        self._status()
        if not self._still_open(session):
            return
        dialogs = self.window.dialogs
        if not dialogs.question(
                self.window, _("Replace my plan?"),
                _("Everything now in your plan will be replaced by the plan in this file.\n\n"
                  "This can't be undone with Undo. Recovery Plan keeps automatic backups, and "
                  "you can save a backup copy of your plan as it is now before it is replaced."),
                yes=_("Replace my plan"), no=_("Keep my plan as it is")):
            self.window.statusBar().showMessage(_("Nothing was changed."), 10_000)
            return
        if dialogs.question(
                self.window, _("Save a backup copy first?"),
                _("Would you like to save a backup copy of your plan as it is now, before it is "
                  "replaced?"),
                yes=_("Save a backup copy first"), no=_("No, replace it now")):
            if not self.window.save_backup_copy(then=lambda: self._replace(session, plan)):
                self.window.statusBar().showMessage(_("Nothing was changed."), 10_000)
            return
        self._replace(session, plan)

    def _replace(self, session: PlanSession, plan: Plan) -> None:
        if not self._still_open(session):
            return
        session.ctx.replace_plan(plan)    # every page hears "reset" and shows the new plan
        self.window.dialogs.information(self.window, _("Plan brought in"), _(
            "Your plan now holds what was in the file."))
