"""Reviews: each time I look at my plan again, and how far I have come.

The list shows every review, newest first. From here I can record a new
one, look at my plan as it was at any review, and see what changed since
my last review (or at any review, compared with the one before it).

Snapshots are not loaded with the plan: ``snapshot_loader`` (set by the
workspace to the open plan's ``load_snapshot``) fetches one when asked.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...i18n import N_, _
from ...plans.model import Review
from ...plans.sections import SectionSpec
from ...plans.service import review_snapshot
from ..context import PlanContext
from ..models.people import ReviewTableModel
from ..reviews.changes_view import changes_since, open_changes
from ..reviews.dialog import open_review_dialog
from ..reviews.snapshot import open_snapshot
from ..widgets.controls import make_button, tab_chain
from .base import SectionPage
from .listing import ListSection

SnapshotLoader = Callable[[str], "dict[str, Any] | None"]


class ReviewsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        #: review id -> snapshot dict; None: only snapshots kept in memory.
        self.snapshot_loader: SnapshotLoader | None = None
        self.section = ListSection(
            self, ReviewTableModel(ctx, self), self.body, view="reviewsView", title=N_("My reviews"),
            table=True, max_rows=12, stretch_column=ReviewTableModel.COL_AGREED, empty=N_(
                "No reviews yet. A review is a chance to look back at how far I have come."),
            keep_chosen=True, show=self._show)
        self.model, self.view, self.empty = self.section.model, self.section.view, self.section.empty
        self.note = self.wrapped_label(name="reviewsNote", source=N_(
            "Each review keeps a copy of my plan as it was that day. I can record one at the end "
            "of a planning together session, or at any time."))
        self.record_button = make_button(N_("Record a review…"), self.body, "recordReviewButton")
        self.since_button = make_button(N_("What changed since my last review"), self.body,
                                        "changesSinceButton")
        self.snapshot_button = make_button(N_("Look at my plan as it was"), self.body,
                                           "openSnapshotButton")
        self.compare_button = make_button(N_("What changed at this review"), self.body,
                                          "compareReviewButton")
        top = QHBoxLayout()
        top.addWidget(self.record_button)
        top.addWidget(self.since_button)
        top.addStretch(1)
        chosen = QHBoxLayout()
        chosen.addWidget(self.snapshot_button)
        chosen.addWidget(self.compare_button)
        chosen.addStretch(1)
        tab_chain(self.record_button, self.since_button, self.view, self.snapshot_button,
                  self.compare_button)
        self.layout_.addLayout(top)
        self.section.place(self.layout_)
        self.layout_.addLayout(chosen)
        self.layout_.addWidget(self.note)
        self.layout_.addStretch(1)
        self.record_button.clicked.connect(self.record_review)
        self.since_button.clicked.connect(self.show_changes_since_last)
        self.snapshot_button.clicked.connect(self.show_snapshot)
        self.compare_button.clicked.connect(self.show_changes_at_review)
        self.view.activated.connect(lambda _index: self.show_snapshot())
        self.section.start()
        self._check_content()

    # -- which review -----------------------------------------------------------------
    def current(self) -> Review | None:
        return self.section.current()

    def newest(self) -> Review | None:
        return self.model.record(0)

    def before(self, review: Review) -> Review | None:
        """The review shown just before ``review`` in time, if any."""
        return self.model.record(self.model.row_of(review) + 1)

    def snapshot(self, review: Review) -> dict[str, Any] | None:
        """The plan as it was at ``review``, or None (and a kind word) if
        its copy cannot be found."""
        from ... import opened

        try:
            snap = review_snapshot(review, self.snapshot_loader or (lambda _rid: None))
        except opened.StorageError as error:   # its copy is damaged on disk (see storage.folder)
            self.ctx.notify(str(error))
            return None
        if snap is None:
            self.ctx.notify(_("I couldn't find the copy of my plan kept with this review."))
        return snap

    # -- actions ----------------------------------------------------------------------------
    def record_review(self):
        return open_review_dialog(self.ctx, self.window(), self.ctx.together_with)

    def show_snapshot(self):
        review = self.current()
        snap = self.snapshot(review) if review is not None else None
        return open_snapshot(self.ctx, review, snap, self.window()) if snap is not None else None

    def show_changes_since_last(self):
        review = self.newest()
        snap = self.snapshot(review) if review is not None else None
        return changes_since(self.ctx, review, snap, self.window()) if snap is not None else None

    def show_changes_at_review(self):
        review = self.current()
        earlier = self.before(review) if review is not None else None
        if earlier is None:
            return None
        old, new = self.snapshot(earlier), self.snapshot(review)
        if old is None or new is None:
            return None
        return open_changes(self.ctx, earlier, old, review, lambda: new, self.window())

    # -- state --------------------------------------------------------------------------------
    def _show(self, review: Review | None) -> None:
        self.since_button.setEnabled(self.model.rowCount() > 0)
        self.snapshot_button.setEnabled(review is not None)
        self.compare_button.setEnabled(review is not None and self.before(review) is not None)

    def has_content(self) -> bool:
        return bool(self.ctx.plan.reviews)
