"""Menu shortcuts drawn left to right in a right-to-left window.

Qt lays a menu item's shortcut out in the menu's direction, so an Arabic
menu shows "++Ctrl" beside "Ctrl+Q". Keyboards label their keys left to
right, so :class:`ShortcutDirectionStyle` keeps every shortcut that way.

The style sees every control Qt draws (each call crosses into Python), so
the app uses it only while a right-to-left language is chosen
(``LanguageSwitcher``); left-to-right menus need nothing of it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionMenuItem

from ...i18n import ltr


class ShortcutDirectionStyle(QProxyStyle):
    """The app's style, with menu shortcuts always drawn left to right."""

    def drawControl(self, element: QStyle.ControlElement, option, painter, widget=None) -> None:  # noqa: N802
        if (element == QStyle.ControlElement.CE_MenuItem and isinstance(option, QStyleOptionMenuItem)
                and "\t" in option.text):
            label, _tab, keys = option.text.partition("\t")
            option = QStyleOptionMenuItem(option)
            option.text = f"{label}\t{ltr(keys)}"
        super().drawControl(element, option, painter, widget)
