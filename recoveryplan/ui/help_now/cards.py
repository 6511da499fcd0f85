"""The pieces the crisis screens are built of: a phone number in large type
with its Copy button, a framed card, a person's card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ...i18n import _, isolate
from ..widgets.kit import tall, text_label
from ..style import set_role
from ..widgets.bidi import align_with_layout


def _phone_label(number: str) -> QLabel:
    label = align_with_layout(QLabel(number))  # the number as it is, to copy and dial
    label.setObjectName("phoneLabel")
    set_role(label, "phone")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # Translators: read out by screen readers before a phone number.
    label.setAccessibleName(_("Phone {number}").format(number=number))
    return label


def _phone_row(number: str) -> QHBoxLayout:
    """The number in large type and a Copy button beside it."""
    row = QHBoxLayout()
    row.addWidget(_phone_label(number))
    copy = tall(QPushButton(_("Copy")))
    copy.setObjectName("copyNumberButton")
    copy.setAutoDefault(False)
    # Translators: a button beside a phone number; read out as "Copy 116 123".
    copy.setAccessibleName(_("Copy {number}").format(number=number))

    def copy_number() -> None:
        QGuiApplication.clipboard().setText(number)
        copy.setText(_("Copied"))
    copy.clicked.connect(lambda _checked=False: copy_number())
    row.addWidget(copy, 0, Qt.AlignmentFlag.AlignVCenter)
    row.addStretch(1)
    return row


def _card(object_name: str, title: str) -> tuple[QFrame, QVBoxLayout]:
    """A framed card headed by ``title`` (a name, in bold)."""
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setSpacing(4)
    name = align_with_layout(QLabel(title))
    font = QFont(name.font())
    font.setBold(True)
    name.setFont(font)
    name.setWordWrap(True)
    layout.addWidget(name)
    return frame, layout


def _person_card(object_name: str, name: str, relationship: str = "", phone: str = "",
                 best_times: str = "", can_help_with: str = "") -> QFrame:
    """One person: the name, who they are, the number large, best times and
    what they can help with (each only when written)."""
    frame, layout = _card(object_name, name)
    if relationship:
        layout.addWidget(align_with_layout(text_label(relationship)))
    if phone:
        layout.addLayout(_phone_row(phone))
    if best_times:
        layout.addWidget(text_label(_("Best times: {times}").format(times=isolate(best_times))))
    if can_help_with:
        layout.addWidget(text_label(_("Can help with: {things}")
                                    .format(things=isolate(can_help_with))))
    return frame


def _delete_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _delete_layout(item.layout())
