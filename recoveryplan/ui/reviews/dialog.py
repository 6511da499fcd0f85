"""Recording a review: the date, who was there, what we agreed and when
the next one is. Saving keeps a frozen copy of the whole plan with it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit,
                               QSizePolicy, QVBoxLayout, QWidget)

from ...i18n import N_, _
from ...plans.model import Review, today
from ..context import PlanContext
from ..widgets.kit import tall, text_label
from ..widgets.controls import DateProblem, LocaleDateEdit, OptionalDateEdit


def record_review(ctx: PlanContext, *, date: dt.date, who_was_there: str = "", agreed: str = "",
                  next_review_on: dt.date | None = None) -> Review | None:
    """``PlanContext.record_review``: a review with a copy of the plan as it is now."""
    return ctx.record_review(date=date, who_was_there=who_was_there, agreed=agreed,
                             next_review_on=next_review_on)


class ReviewDialog(QDialog):
    """A short form; nothing but the date is needed."""

    def __init__(self, ctx: PlanContext, who: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.ctx = ctx
        self.review: Review | None = None
        self.setWindowTitle(_("Record a review"))
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(_(
            "A review is a chance to look at my plan again. A copy of my plan as it is today "
            "is kept with it, so later I can see how far I have come.")))
        self.date_edit = tall(LocaleDateEdit(self))
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setObjectName("reviewDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.date_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000000"))
        self.date_problem = DateProblem(self.date_edit, self)
        self.who_edit = tall(QLineEdit(who, self))
        self.who_edit.setObjectName("reviewWho")
        self.who_edit.setPlaceholderText(_("For example: me and Priya, my care coordinator"))
        self.agreed_edit = QPlainTextEdit(self)
        self.agreed_edit.setObjectName("reviewAgreed")
        self.agreed_edit.setTabChangesFocus(True)
        self.agreed_edit.setPlaceholderText(_("For example: I will try the walking group "
                                              "for a month"))
        self.agreed_edit.setMinimumHeight(self.fontMetrics().height() * 5)
        self.next_edit = OptionalDateEdit(N_("Not decided yet"), self)
        self.next_edit.setObjectName("reviewNext")
        # Unticking "Not decided yet" suggests a date three months on.
        self.next_edit.date_edit.setDate(QDate.currentDate().addMonths(3))
        for source, widget, shown in (
                (_("Date of this review"), self.date_edit, self.date_edit),
                (_("Who was there"), self.who_edit, self.who_edit),
                (_("What we agreed"), self.agreed_edit, self.agreed_edit),
                (_("When my next review is"), self.next_edit.date_edit, self.next_edit)):
            label = text_label(source)
            label.setBuddy(widget)
            widget.setAccessibleName(source)
            layout.addWidget(label)
            layout.addWidget(shown)
            if widget is self.date_edit:
                layout.addWidget(self.date_problem)
        self.next_edit.set_accessible_name(_("When my next review is"))
        buttons = QDialogButtonBox(self)
        save = tall(buttons.addButton(_("Save this review"), QDialogButtonBox.ButtonRole.AcceptRole))
        save.setObjectName("reviewSaveButton")
        cancel = tall(buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole))
        cancel.setObjectName("reviewCancelButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 64),
                    self.sizeHint().height())

    def save(self) -> None:
        if not self.date_edit.commit() or not self.next_edit.date_edit.commit():
            return
        self.review = self.ctx.record_review(
            date=self.date_edit.date().toPython() or today(),
            who_was_there=self.who_edit.text(), agreed=self.agreed_edit.toPlainText(),
            next_review_on=self.next_edit.date())
        if self.review is not None:
            self.accept()


def open_review_dialog(ctx: PlanContext, parent: QWidget | None, who: str = "") -> ReviewDialog:
    """Open the form (not blocking); it deletes itself when closed."""
    dialog = ReviewDialog(ctx, who, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
