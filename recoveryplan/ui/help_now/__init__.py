""""Need help now?": a calm crisis screen in large type.

In this order: what I can do on my own and what keeps me going (the
person's own words), my people (with the best times to call them), then
crisis services. Each number is large, can be selected, and has a Copy
button. Nothing here changes the plan: "Change these…" opens a separate
step where services are added, changed or removed, each removal asked
first and undoable on the spot. Built-in services are shown in the app's
language. With the plan locked the screen still helps: it shows the usual
crisis services (but nothing from the plan).

The dialog is in ``dialog.py``, the step that changes services in
``services.py``, the lock-screen card in ``lock_screen.py`` and the pieces
they share (phone numbers, cards) in ``cards.py``.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dialog import OWN_WORDS, HelpNowDialog
    from .lock_screen import CardKeeper, LockScreenCard, card_people, update_card
    from .services import ServiceEditor, ServicesDialog

#: Each name's module, imported when the name is first asked for: the unlock
#: screen's card comes up without the dialog (and the plan's model under it).
_MODULES = {"OWN_WORDS": "dialog", "HelpNowDialog": "dialog", "CardKeeper": "lock_screen",
            "LockScreenCard": "lock_screen",
            "card_people": "lock_screen", "update_card": "lock_screen",
            "ServiceEditor": "services", "ServicesDialog": "services"}
__all__ = sorted(_MODULES)


def __getattr__(name: str):
    if name in _MODULES:
        return getattr(import_module(f".{_MODULES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
