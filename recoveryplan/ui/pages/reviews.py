"""Reviews: each time I look at my plan again (read-only for now)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...i18n import N_
from ...plans.sections import SectionSpec
from ..context import PlanContext
from ..models.people import ReviewTableModel
from ..widgets.lists import GrowingTableView
from .base import SectionPage, hidden_text


class ReviewsPage(SectionPage):
    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.model = ReviewTableModel(ctx, self)
        self.view = GrowingTableView(self.body, max_rows=12, stretch_column=ReviewTableModel.COL_AGREED)
        self.view.setObjectName("reviewsView")
        self.view.setModel(self.model)
        self.tr_name(self.view, N_("My reviews"))
        self.empty = QLabel(self.body)
        self.empty.setWordWrap(True)
        self.tr_text(self.empty, N_("No reviews yet. A review is a chance to look back at how far "
                                    "I have come."))
        self.note = QLabel(self.body)
        self.note.setWordWrap(True)
        self.note.setObjectName("reviewsNote")
        self.tr_text(self.note, N_("A review is recorded at the end of a planning together "
                                   "session, with a copy of my plan as it was that day."))
        self.hidden = QLabel(self.body)
        self.hidden.setObjectName("hiddenCount")
        for widget in (self.empty, self.view, self.hidden, self.note):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)
        ctx.changed.connect(self._refresh)
        ctx.together_changed.connect(self._refresh)
        self.on_retranslate(self._retranslate)
        self._check_content()

    def _refresh(self, *_args) -> None:
        rows = self.model.rowCount()
        self.empty.setVisible(rows == 0)
        self.view.setVisible(rows > 0)
        hidden = self.model.hidden_count()
        self.hidden.setVisible(hidden > 0)
        self.hidden.setText(hidden_text(hidden) if hidden else "")

    def _retranslate(self) -> None:
        self.model.retranslate()
        self._refresh()

    def has_content(self) -> bool:
        return bool(self.ctx.plan.reviews)
