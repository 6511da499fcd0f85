"""The base of every section page.

A page shows its section's heading and a one-line intro, then its own
body inside a scroll area (so everything stays reachable at large text
sizes). Translatable strings are registered with the ``tr_*`` helpers, the
page's :func:`~recoveryplan.ui.widgets.translated.translations`, which word
them again on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...i18n import _
from ...plans.sections import SectionSpec
from ..context import PlanContext
from ..style import set_role
from ..widgets.scrolling import scrolling
from ..widgets.translated import translations


#: Widest a page's column grows, in average characters of its text.
READABLE_CHARS = 110


class SectionPage(QWidget):
    """One page of the plan."""

    #: Emitted when ``has_content()`` may have changed.
    content_changed = Signal()

    def __init__(self, spec: SectionSpec, ctx: PlanContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec, self.ctx = spec, ctx
        self.setObjectName(f"page-{spec.key}")
        self._words = translations(self)
        self._had_content: bool | None = None
        self._change_slots: list[Callable[[], None]] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget()
        self.body.setObjectName("pageBody")
        # Tab goes to the page's controls, and the page scrolls to show each.
        self.scroll = scrolling(self.body, self)
        outer.addWidget(self.scroll)
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(16, 12, 16, 16)
        self.layout_.setSpacing(14)
        self._limit_width()

        self.heading = QLabel(self.body)
        self.heading.setObjectName("pageHeading")
        set_role(self.heading, "heading1")
        self.heading.setWordWrap(True)
        self.intro = QLabel(self.body)
        self.intro.setObjectName("pageIntro")
        self.intro.setWordWrap(True)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.intro)
        self.tr_text(self.heading, spec.title)
        self.tr_name(self.heading, spec.title)
        self.tr_text(self.intro, spec.intro)
        ctx.record_changed.connect(self._on_record_changed)
        ctx.together_changed.connect(lambda _name: self._check_content())

    # -- translation helpers ---------------------------------------------------------
    def on_retranslate(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` now and on every language change."""
        self._words.call(fn)

    def after_retranslate(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on every language change, not now (what is made now is
        worded already)."""
        self._words.follow(fn)

    def tr_text(self, widget, source: str, accessible: bool = True) -> None:
        """Show ``_(source)`` on a label, button or group box, again after a language change."""
        self._words.text(widget, source, accessible)

    def tr_name(self, widget: QWidget, source: str, placeholder: str = "") -> None:
        """Accessible name (and placeholder text, if given) from N_ sources."""
        self._words.name(widget, source, placeholder)

    def wrapped_label(self, parent: QWidget | None = None, source: str = "",
                      name: str = "") -> QLabel:
        """A word-wrapped label; ``source`` (N_-marked) is shown translated."""
        label = QLabel(parent or self.body)
        label.setWordWrap(True)
        if name:
            label.setObjectName(name)
        if source:
            self.tr_text(label, source)
        return label

    def label_for(self, widget: QWidget, source: str, parent: QWidget | None = None) -> QLabel:
        """A visible label that is the buddy of ``widget`` and names it for screen readers."""
        label = QLabel(parent or self.body)
        label.setWordWrap(True)
        label.setBuddy(widget)

        def apply() -> None:
            label.setText(_(source))
            widget.setAccessibleName(_(source))
        self.on_retranslate(apply)
        return label

    def _limit_width(self) -> None:
        """Lines stay readable: the page grows to about ``READABLE_CHARS``
        characters of its text, and no wider, on a wide screen."""
        margins = self.layout_.contentsMargins()
        self.body.setMaximumWidth(self.fontMetrics().averageCharWidth() * READABLE_CHARS
                                  + margins.left() + margins.right())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._limit_width()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Word the page and everything on it again (as a language change does)."""
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LanguageChange))

    # -- content -----------------------------------------------------------------------
    #: Shown the first time as if its scroll bar were there (as it is on a
    #: long page): its lists measure their rows at the width they keep, not
    #: once wider and again when the bar comes (a short page loses the bar
    #: as soon as it is laid out). Pages of word-wrapping lists only: a
    #: table fits the rows it shows to the widths of that moment.
    FIRST_LAID_OUT_WITH_SCROLL_BAR = False

    #: Other sections whose records this page shows (Life beyond illness lists goals).
    ALSO_SHOWS: tuple[str, ...] = ()

    def concerns(self, change) -> bool:
        """Whether a ``PlanChange`` can alter what this page shows."""
        return change.touches(self.spec.key) or any(change.touches(k) for k in self.ALSO_SHOWS)

    def _on_record_changed(self, change) -> None:
        if change.touches(self.spec.key):
            self._check_content()

    def refresh_on_changes(self, slot: Callable[[], None]) -> None:
        """Call ``slot()`` after each change this page shows (``concerns``),
        and after no other; connected now, so it runs after the models and
        bindings built before it."""
        self._change_slots.append(slot)
        if len(self._change_slots) == 1:
            self.ctx.record_changed.connect(self._run_change_slots)

    def _run_change_slots(self, change) -> None:
        if self.concerns(change):
            for slot in self._change_slots:
                slot()

    def has_content(self) -> bool:
        raise NotImplementedError

    def _check_content(self, *_args) -> None:
        now = self.has_content()
        if now != self._had_content:
            self._had_content = now
            self.content_changed.emit()

