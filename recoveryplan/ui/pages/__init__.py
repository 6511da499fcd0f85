"""Section pages, one module per kind of section."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...plans.sections import SectionKind, SectionSpec
from ..context import PlanContext
from .base import SectionPage


def make_page(spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> SectionPage:
    """Build the page for one section of the plan (inside ``parent``, if given)."""
    from .appointments import AppointmentsPage
    from .checkins import CheckInsPage
    from .contacts import ContactsPage
    from .fields import FieldsPage
    from .goals import GoalsPage
    from .life_areas import LifeAreasPage
    from .reviews import ReviewsPage

    pages = {
        SectionKind.FIELDS: FieldsPage,
        SectionKind.GOALS: GoalsPage,
        SectionKind.LIFE_AREAS: LifeAreasPage,
        SectionKind.CONTACTS: ContactsPage,
        SectionKind.APPOINTMENTS: AppointmentsPage,
        SectionKind.CHECKINS: CheckInsPage,
        SectionKind.REVIEWS: ReviewsPage,
    }
    return pages[spec.kind](spec, ctx, parent)


__all__ = ["make_page", "SectionPage"]
