"""Words that follow the app's language: the one way a widget is worded again.

A widget registers what it shows with :func:`translations` (the ``N_``
source of a label's text, a box's name for screen readers, or a function
that words several things at once); each runs now and again whenever the
widget hears ``QEvent.LanguageChange`` (which Qt hands down from the window
to every widget in it, hidden ones too, when the language changes, and each
widget to its children, the ``Translations`` among them)::

    words = translations(self)
    words.text(self.title, N_("My goals"))
    words.name(self.edit, N_("What I want"), N_("For example: get back to swimming"))
    words.call(self._word_the_rest)
"""

from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QWidget

from ...i18n import _


class Translations(QObject):
    """What ``owner`` words again when the language changes."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self._calls: list[Callable[[], None]] = []

    def call(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` now and after every language change."""
        self.follow(fn)
        fn()

    def follow(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` after every language change (not now)."""
        self._calls.append(fn)

    def text(self, widget: QWidget, source: str, accessible: bool = True) -> None:
        """``_(source)`` on a label, button or group box (and, for a button
        or group box, its name for screen readers)."""
        def apply() -> None:
            text = _(source)
            if isinstance(widget, QGroupBox):
                widget.setTitle(text)
            else:
                widget.setText(text)
            if accessible and isinstance(widget, (QAbstractButton, QGroupBox)):
                widget.setAccessibleName(text.replace("&", ""))
        self.call(apply)

    def name(self, widget: QWidget, source: str, placeholder: str = "") -> None:
        """A name for screen readers (and a placeholder text, if given)."""
        def apply() -> None:
            widget.setAccessibleName(_(source))
            if placeholder and hasattr(widget, "setPlaceholderText"):
                widget.setPlaceholderText(_(placeholder))
        self.call(apply)

    def run(self) -> None:
        for fn in list(self._calls):
            fn()

    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # A widget hands a language change on to its children, this one
        # among them. (Not an event filter on the owner: that would see
        # every event of the owner, each paint and move, for this one.)
        if event.type() == QEvent.Type.LanguageChange:
            self.run()
            return True
        return super().event(event)


def translations(owner: QWidget) -> Translations:
    """``owner``'s translations, made on first use.

    Kept on the owner's wrapper, not looked up with ``findChild``: PySide
    would wrap each of the owner's children to compare its type."""
    found = getattr(owner, "_kept_translations", None)
    if found is None or not shiboken6.isValid(found):
        found = owner._kept_translations = Translations(owner)
    return found
