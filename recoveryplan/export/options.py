"""What the person chose for a PDF: layout, language, print size, sections
and whether "just for me" entries go in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..i18n import N_
from ..plans.progress import Period


class Layout(str, Enum):
    PLAN = "plan"
    CRISIS = "crisis"
    APPOINTMENT = "appointment"
    CARD = "card"
    WISHES = "wishes"

    @property
    def title(self) -> str:
        """Untranslated (``N_``) title, also the PDF's metadata title."""
        return LAYOUT_TITLES[self]


LAYOUT_TITLES = {
    Layout.PLAN: N_("My recovery plan"),
    Layout.CRISIS: N_("My crisis and safety plan"),
    Layout.APPOINTMENT: N_("For my appointment"),
    Layout.CARD: N_("My crisis card"),
    Layout.WISHES: N_("My wishes about care"),
}


@dataclass
class PdfOptions:
    layout: Layout = Layout.PLAN
    language: str = "en"
    large_print: bool = False
    #: Section keys from ``plans.sections`` to print; None prints them all.
    sections: tuple[str, ...] | None = None
    #: "Just for me" records go in only when the person asks (twice, in the UI).
    include_private: bool = False
    #: How far back the appointment chart and summary look (days); the
    #: app's "last three months" by default, so both say the same.
    checkin_days: int = Period.QUARTER.days
    #: "My plan" opens with what changed since my last review. Needs the
    #: newest review's snapshot loaded (``PlanDatabase.load_snapshot``).
    since_last_review: bool = False


class ExportError(Exception):
    """A PDF could not be written. ``str(error)`` is a plain, translated
    message for the person; it never holds plan text or file contents."""
