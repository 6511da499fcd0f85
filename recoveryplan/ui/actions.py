"""The app's commands, declared once and shared by menus, toolbar and keys.

Each ``ActionSpec`` names a command with an untranslated label (``N_``),
optional standard or custom shortcuts and whether it needs an open plan.
``ActionRegistry`` builds the ``QAction``s, retranslates them when the
language changes and enables plan-only actions only while a plan is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ..i18n import N_, _


@dataclass(frozen=True)
class ActionSpec:
    key: str
    label: str                                   # N_-marked, with an & mnemonic
    shortcuts: tuple[QKeySequence.StandardKey | str, ...] = ()
    needs_plan: bool = False
    tip: str = ""                                # N_-marked status/tooltip text


#: Every command the shell offers.
SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("lock", N_("&Lock my plan"), ("Ctrl+L",), needs_plan=True,
               tip=N_("Close my plan so nobody can read it until I type my passphrase")),
    ActionSpec("plan_together", N_("Plan &together with someone…"), needs_plan=True,
               tip=N_("Hide what is just for me while I go through my plan with someone")),
    ActionSpec("end_together", N_("&End planning together"), needs_plan=True),
    ActionSpec("record_review", N_("Record a re&view…"), needs_plan=True,
               tip=N_("Note who was there and what we agreed, with a copy of my plan as it "
                      "is today")),
    ActionSpec("new_recovery_key", N_("Make a new &recovery key…"), needs_plan=True),
    ActionSpec("change_passphrase", N_("&Change my passphrase…"), needs_plan=True),
    ActionSpec("share_paper", N_("Save as PDF or &print…"), (QKeySequence.StandardKey.Print, "Ctrl+P"),
               needs_plan=True,
               tip=N_("See my plan as pages, then save them as a PDF or print them")),
    ActionSpec("save_json", N_("Save a &copy of my plan (JSON)…"), needs_plan=True,
               tip=N_("Save my whole plan in a file other apps can read (not encrypted)")),
    ActionSpec("bring_in_json", N_("Br&ing in a plan from a JSON file…"), needs_plan=True,
               tip=N_("Replace my plan with one saved as a JSON file")),
    ActionSpec("save_backup", N_("Save a &backup copy…"), needs_plan=True,
               tip=N_("Save an encrypted copy of my plan in one file, to keep somewhere safe "
                      "or move to another computer")),
    ActionSpec("open_other", N_("&Open another plan…"),
               tip=N_("Open a plan kept in another place, such as a USB stick")),
    ActionSpec("copy_to_computer", N_("Copy my plan to this co&mputer…"), needs_plan=True,
               tip=N_("Make a copy of this plan in a folder on this computer, and carry on "
                      "writing there")),
    ActionSpec("second_place", N_("A &second place for backups…"), needs_plan=True,
               tip=N_("Keep an encrypted backup on a USB stick or in a folder your cloud "
                      "service syncs, too")),
    ActionSpec("preferences", N_("&Preferences…"), (QKeySequence.StandardKey.Preferences, "Ctrl+,")),
    ActionSpec("quit", N_("&Quit"), (QKeySequence.StandardKey.Quit, "Ctrl+Q")),
    ActionSpec("next_section", N_("&Next section"), ("Ctrl+PgDown",), needs_plan=True),
    ActionSpec("previous_section", N_("P&revious section"), ("Ctrl+PgUp",), needs_plan=True),
    ActionSpec("go_to_sections", N_("&Go to the list of sections"), ("F6",), needs_plan=True),
    ActionSpec("larger_text", N_("&Larger text"), (QKeySequence.StandardKey.ZoomIn, "Ctrl+=")),
    ActionSpec("smaller_text", N_("&Smaller text"), (QKeySequence.StandardKey.ZoomOut,)),
    ActionSpec("normal_text", N_("N&ormal text size"), ("Ctrl+0",)),
    ActionSpec("help_now", N_("&Need help now?"), ("F1",),
               tip=N_("Phone numbers of my people and of crisis services")),
    ActionSpec("about", N_("&About Recovery Plan")),
)

#: The menu bar: (object name, title, action keys; None is a separator).
MENUS = (
    ("file", N_("&File"), ("open_other", None, "share_paper", None, "save_json", "bring_in_json",
                           None, "save_backup", "second_place", "copy_to_computer",
                           None, "quit")),
    ("plan", N_("&Plan"), ("plan_together", "end_together", "record_review", None,
                           "lock", "change_passphrase", "new_recovery_key", None, "preferences")),
    ("edit", N_("&Edit"), ()),
    ("view", N_("&View"), ("next_section", "previous_section", "go_to_sections", None,
                           "larger_text", "smaller_text", "normal_text")),
    ("help", N_("&Help"), ("help_now", None, "about")),
)


def _sequences(shortcuts: tuple[QKeySequence.StandardKey | str, ...]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for shortcut in shortcuts:
        keys = (QKeySequence.keyBindings(shortcut)
                if isinstance(shortcut, QKeySequence.StandardKey) else [QKeySequence(shortcut)])
        for seq in keys:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out


class ActionRegistry:
    """Builds and owns the ``QAction``s for ``SPECS`` on one window."""

    def __init__(self, owner: QWidget, specs: tuple[ActionSpec, ...] = SPECS) -> None:
        self._specs = {spec.key: spec for spec in specs}
        self._actions: dict[str, QAction] = {}
        for spec in specs:
            action = QAction(owner)
            action.setObjectName(f"{spec.key}Action")
            action.setShortcuts(_sequences(spec.shortcuts))
            self._actions[spec.key] = action
        self.retranslate()

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def connect(self, key: str, slot: Callable[[], object]) -> None:
        self._actions[key].triggered.connect(lambda _checked=False: slot())

    def retranslate(self) -> None:
        for key, action in self._actions.items():
            spec = self._specs[key]
            action.setText(_(spec.label))
            tip = _(spec.tip) if spec.tip else action.text().replace("&", "")
            action.setToolTip(tip)
            action.setStatusTip(_(spec.tip) if spec.tip else "")

    def set_plan_open(self, is_open: bool) -> None:
        for key, action in self._actions.items():
            if self._specs[key].needs_plan:
                action.setEnabled(is_open)
