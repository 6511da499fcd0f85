"""The window's menu bar and tool bar.

The menus are ``MENUS`` from the action registry (Edit stays off until a
plan is open). The tool bar holds Lock and, at its far end, "Need help
now?", in bold and never folded away (``WholeToolBar``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QMainWindow, QMenu, QMenuBar, QPushButton, QSizePolicy, QToolBar, QToolButton, QWidget,
)

from .actions import MENUS, ActionRegistry
from .fit import WholeToolBar
from .widgets.kit import MIN_TARGET


def build_menus(bar: QMenuBar, actions: ActionRegistry) -> dict[str, QMenu]:
    """One menu for each of ``MENUS`` (titles set on retranslation), by key."""
    menus: dict[str, QMenu] = {}
    for key, _label, items in MENUS:
        menu = bar.addMenu("")
        menu.setObjectName(f"{key}Menu")
        menus[key] = menu
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[item])
    menus["edit"].setEnabled(False)
    return menus


def build_toolbar(window: QMainWindow) -> QToolBar:
    """The tool bar, added to ``window`` (the app's ``MainWindow``, with its
    ``actions_`` and ``show_help_now``), which gets ``lock_button``,
    ``help_now_button`` and ``_lock_slot`` (the lock button's place, hidden
    while no plan is open)."""
    bar = QToolBar()
    bar.setObjectName("mainToolBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.toggleViewAction().setVisible(False)
    lock = window.lock_button = QToolButton()
    lock.setObjectName("lockButton")
    lock.setDefaultAction(window.actions_["lock"])
    lock.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    lock.setMinimumHeight(MIN_TARGET)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    help_now = window.help_now_button = QPushButton()
    help_now.setObjectName("helpNowButton")
    help_now.setMinimumHeight(MIN_TARGET)
    help_now.setAutoDefault(False)
    bold = QFont(help_now.font())
    bold.setBold(True)
    help_now.setFont(bold)
    help_now.clicked.connect(window.show_help_now)
    window._lock_slot = bar.addWidget(lock)
    bar.addWidget(spacer)
    bar.addWidget(help_now)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    WholeToolBar(window, bar)
    return bar
