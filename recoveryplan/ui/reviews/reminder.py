"""A gentle note when my next review is near or has passed.

Shown at the top of the plan when it is opened (never a dialog), with a way
to record a review and a way to put the note away until next time.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QWidget

from ...i18n import _, format_date
from ...plans.model import today
from ..context import PlanContext
from ..widgets.notice import NoticeBar

#: A review this many days away (or fewer) is "due".
DUE_WITHIN_DAYS = 7


def reminder_text(next_review_on: dt.date | None, on: dt.date) -> str:
    """The note for ``next_review_on`` as seen on day ``on``, or ""."""
    if next_review_on is None or (next_review_on - on).days > DUE_WITHIN_DAYS:
        return ""
    if next_review_on < on:
        return _("My review was due on {date}. I can record one when I'm ready.").format(
            date=format_date(next_review_on))
    return _("My next review is due on {date}.").format(date=format_date(next_review_on))


class ReviewReminder(NoticeBar):
    record_clicked = Signal()

    def __init__(self, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(QStyle.StandardPixmap.SP_FileDialogInfoView, parent)
        self.setObjectName("reviewReminder")
        self.ctx = ctx
        self.dismissed = False
        self.record_button = self.add_button("reminderRecordButton", self.record_clicked.emit)
        self.close_button = self.add_button("reminderDismissButton", self.dismiss)
        ctx.record_changed.connect(self._on_plan_changed)
        self.refresh()

    def dismiss(self) -> None:
        self.dismissed = True
        self.refresh()

    def _on_plan_changed(self, change) -> None:
        if change.kind in ("info", "reset"):     # the date lives in the plan's info
            self.refresh()

    def refresh(self, *_args) -> None:
        text = "" if self.dismissed else reminder_text(self.ctx.plan.info.next_review_on, today())
        self.set_text(text)
        self.name_button(self.record_button, _("Record a review…"))
        self.name_button(self.close_button, _("Not now"))
        self.setVisible(bool(text))

    def detach(self) -> None:
        self.ctx.record_changed.disconnect(self._on_plan_changed)
