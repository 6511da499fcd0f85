"""No two items of one menu share a shortcut letter (Alt+letter), in any
language: the real main window, opened on a real plan, read back from Qt."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from recoveryplan import i18n


@pytest.fixture(params=list(i18n.LANGUAGES))
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _letters(actions) -> dict[str, list[str]]:
    """Shortcut letter (as Qt reads it from the &-mnemonic) -> the texts using it."""
    out: dict[str, list[str]] = {}
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        key = QKeySequence.mnemonic(action.text())
        if not key.isEmpty():
            out.setdefault(key.toString(QKeySequence.SequenceFormat.PortableText).casefold(),
                           []).append(action.text())
    return out


def test_no_menu_has_two_items_with_one_shortcut_letter(language, open_window):
    window = open_window
    assert window.workspace is not None
    bar = window.menuBar()
    menus = [action.menu() for action in bar.actions() if action.menu() is not None]
    assert len(menus) >= 5
    clashes = {}
    titles = _letters(bar.actions())
    clashes.update({f"menu bar {k}": v for k, v in titles.items() if len(v) > 1})
    for menu in menus:
        items = [action for action in menu.actions() if not action.isSeparator()]
        assert items, menu.objectName()
        clashes.update({f"{menu.title()} {k}": v for k, v in _letters(items).items() if len(v) > 1})
    assert not clashes, f"{language}: {clashes}"

