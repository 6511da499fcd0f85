"""Small shared controls: buttons, the tab order, the "Just for me" toggle
and the row of list buttons. The date boxes are in ``dates``; their names
are here too, where the pages have always found them."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QPushButton, QSizePolicy, QWidget

from ...i18n import N_, _
from .dates import DateProblem, LocaleDateEdit, OptionalDateEdit  # noqa: F401 - re-exported
from .flow import FlowLayout
from .icons import lock_icon
from .kit import MIN_TARGET
from .translated import translations



def make_button(text: str, parent: QWidget | None = None, name: str = "") -> QPushButton:
    """A push button at least MIN_TARGET high; ``text`` is the N_ source."""
    button = QPushButton(parent)
    button.setProperty("source_text", text)
    translations(button).call(lambda: retranslate_button(button))
    button.setMinimumHeight(MIN_TARGET)
    button.setMinimumWidth(MIN_TARGET)
    if name:
        button.setObjectName(name)
    return button


def retranslate_button(button: QPushButton) -> None:
    text = button.property("source_text")
    if text:
        button.setText(_(text))
        button.setAccessibleName(_(text).replace("&", ""))


def tab_chain(*widgets: QWidget | None) -> None:
    """Tab goes through ``widgets`` in this order (the order they are seen on
    the page), whatever order they were made in."""
    chain = [w for w in widgets if w is not None]
    if len(chain) < 2:
        return
    # Qt 6.11 leaves the order as it was when ``first`` is the last widget of
    # the window's focus chain (as while a page is still being built), so a
    # stand-in sits at the end of the chain meanwhile.
    anchor = QWidget(chain[0].window())
    anchor.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    try:
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
    finally:
        anchor.setParent(None)
        anchor.deleteLater()


class JustForMeCheck(QCheckBox):
    """Toggle for a record's ``private`` flag, with a padlock so it shows at a glance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("justForMe")
        self.setIcon(lock_icon(self.palette()))
        self.setIconSize(QSize(20, 20))
        self.setMinimumHeight(MIN_TARGET)
        # No wider than its words, so a click anywhere on it toggles it.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        translations(self).call(self.retranslate)

    def retranslate(self) -> None:
        self.setText(_("Just for me"))
        self.setAccessibleName(_("Just for me"))
        self.setToolTip(_("Hidden while planning together, and left out of what I share "
                          "unless I choose otherwise."))
        self.setAccessibleDescription(self.toolTip())


class ListButtons(QWidget):
    """Add / Remove / Move up / Move down for a list, with Ctrl+Up/Down and Delete
    on the view. ``add_text`` and ``remove_text`` are N_ sources ("Add a goal");
    an empty ``add_text`` leaves the Add button out.
    """

    add_clicked = Signal()
    remove_clicked = Signal()
    move_clicked = Signal(int)  # -1 up, +1 down

    def __init__(self, view: QAbstractItemView, add_text: str, remove_text: str,
                 parent: QWidget | None = None, movable: bool = True, name: str = "") -> None:
        super().__init__(parent)
        # The buttons wrap onto a second line rather than being squeezed
        # until their words are cut (large text, small screens).
        layout = FlowLayout(self)
        self.add_button = make_button(add_text or N_("Add"), self, f"add{name}Button" if name else "")
        self.remove_button = make_button(remove_text, self, f"remove{name}Button" if name else "")
        self.up_button = make_button(N_("Move up"), self, f"up{name}Button" if name else "")
        self.down_button = make_button(N_("Move down"), self, f"down{name}Button" if name else "")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            layout.addWidget(button)
        self.add_button.setVisible(bool(add_text))
        self.up_button.setVisible(movable)
        self.down_button.setVisible(movable)
        self.up_button.setToolTip(QKeySequence("Ctrl+Up").toString(QKeySequence.SequenceFormat.NativeText))
        self.down_button.setToolTip(QKeySequence("Ctrl+Down").toString(QKeySequence.SequenceFormat.NativeText))
        self.add_button.clicked.connect(self.add_clicked)
        self.remove_button.clicked.connect(self.remove_clicked)
        self.up_button.clicked.connect(lambda: self.move_clicked.emit(-1))
        self.down_button.clicked.connect(lambda: self.move_clicked.emit(1))
        if movable:
            for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
                shortcut = QShortcut(QKeySequence(keys), view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda step=step: self.move_clicked.emit(step))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_clicked)

    def set_state(self, has_current: bool, can_up: bool, can_down: bool) -> None:
        self.remove_button.setEnabled(has_current)
        self.up_button.setEnabled(can_up)
        self.down_button.setEnabled(can_down)

    def retranslate(self) -> None:
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            retranslate_button(button)
