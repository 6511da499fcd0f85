"""The app's one style layer: text size, headings, focus rings, spacing.

Qt stops passing the application font down to widgets as soon as any style
sheet is in use, so text size lives here, in the one application style
sheet: every widget's size comes from the chosen percentage, and headings,
phone numbers and the crisis screen are sized relative to it by role
(``widget.setProperty("role", ...)``), never by fixed fonts.

Colours come only from the palette (``palette(...)``), so light, dark and
the system's high-contrast themes decide them; nothing here fights them.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

#: Sizes relative to the body text, by role.
ROLE_SCALES: dict[str, float] = {
    "heading1": 1.6,
    "heading2": 1.25,
    "phone": 1.8,
}
#: The crisis screen reads larger than the rest of the app.
CRISIS_SCALE = 1.25
#: The recovery key is shown in large letters to copy by hand.
KEY_SCALE = 2.0

_BASE_POINT_SIZE: list[float] = []


def base_point_size() -> float:
    """The system's normal text size, as it was before the app changed it."""
    if not _BASE_POINT_SIZE:
        app = QApplication.instance()
        size = app.font().pointSizeF() if app is not None else -1.0
        _BASE_POINT_SIZE.append(size if size > 0 else 10.0)
    return _BASE_POINT_SIZE[0]


def set_role(widget: QWidget, role: str) -> QWidget:
    """Give ``widget`` a role from ``ROLE_SCALES`` (re-polished at once)."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    return widget


def style_sheet(point_size: float) -> str:
    def pt(scale: float = 1.0) -> str:
        return f"{point_size * scale:.2f}pt"

    roles = "\n".join(
        f'QLabel[role="{role}"] {{ font-size: {pt(scale)}; font-weight: bold; }}'
        for role, scale in ROLE_SCALES.items())
    crisis_roles = "\n".join(
        f'QDialog#helpNowDialog QLabel[role="{role}"] {{ font-size: {pt(scale * CRISIS_SCALE)}; }}'
        for role, scale in ROLE_SCALES.items())
    return f"""
* {{ font-size: {pt()}; }}
{roles}
QDialog#helpNowDialog, QDialog#helpNowDialog * {{ font-size: {pt(CRISIS_SCALE)}; }}
{crisis_roles}
QLabel#recoveryKeyLabel {{ font-size: {pt(KEY_SCALE)}; font-weight: bold; }}
QGroupBox {{ font-weight: bold; margin-top: 0.6em; padding-top: 0.4em; }}
QGroupBox * {{ font-weight: normal; }}
QGroupBox QLabel[role] {{ font-weight: bold; }}

/* Calm, even controls, and a clear focus ring (2 px, the palette's highlight)
   on everything the keyboard can reach. The border only changes colour and
   width; padding makes up the difference, so nothing moves when focus does. */
QPlainTextEdit, QTextEdit, QListView, QTableView, QTreeView {{
    border: 1px solid palette(mid); border-radius: 4px; padding: 1px;
}}
QPlainTextEdit:focus, QTextEdit:focus, QListView:focus, QTableView:focus, QTreeView:focus {{
    border: 2px solid palette(highlight); padding: 0px;
}}
QLineEdit {{
    border: 1px solid palette(mid); border-radius: 4px; padding: 3px 5px;
    background: palette(base);
}}
QLineEdit:focus {{ border: 2px solid palette(highlight); padding: 2px 4px; }}
/* Spin and date boxes keep the system style's own frame, arrows and focus ring. */
QComboBox {{
    border: 1px solid palette(mid); border-radius: 4px; padding: 3px 8px;
    background: palette(button);
}}
QComboBox:focus {{ border: 2px solid palette(highlight); padding: 2px 7px; }}
/* The open list: every choice shown (a styled box otherwise sizes its list a
   row short), and the chosen one in the palette's own highlight colours. */
QComboBox {{ combobox-popup: 0; }}
QComboBox QAbstractItemView {{
    selection-background-color: palette(highlight); selection-color: palette(highlighted-text);
}}
QComboBox QAbstractItemView::item {{ padding: 4px 8px; }}
QPushButton {{
    border: 1px solid palette(mid); border-radius: 4px; padding: 5px 14px;
    background: palette(button);
}}
QPushButton:hover {{ background: palette(midlight); }}
QPushButton:pressed {{ background: palette(mid); }}
QPushButton:focus {{ border: 2px solid palette(highlight); padding: 4px 13px; }}
QPushButton:disabled {{ border-style: dashed; }}
QToolBar QToolButton {{
    border: 1px solid transparent; border-radius: 4px; padding: 4px 10px;
}}
QToolBar QToolButton:hover {{ border-color: palette(mid); }}
QToolBar QToolButton:focus {{ border: 2px solid palette(highlight); padding: 3px 9px; }}
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ outline: none; }}
QTabBar::tab {{
    border: 1px solid palette(mid); border-bottom: none; border-top-left-radius: 4px;
    border-top-right-radius: 4px; padding: 5px 14px; margin-right: 2px;
    background: palette(button);
}}
QTabBar::tab:selected {{ background: palette(base); }}
QTabBar::tab:focus {{ border: 2px solid palette(highlight); border-bottom: none; padding: 4px 13px; }}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 4px; padding: 2px; }}
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ border: 2px solid palette(highlight); }}
QSlider {{ border: 2px solid transparent; border-radius: 4px; }}
/* A check-in slider nobody has moved yet shows no filled part: no answer suggested. */
QSlider[unset="true"]::groove:horizontal {{
    border: 1px solid palette(mid); border-radius: 3px; height: 6px; background: palette(base);
}}
QSlider[unset="true"]::handle:horizontal {{
    background: palette(button); border: 1px solid palette(mid); border-radius: 4px;
    width: 14px; margin: -7px 0px;
}}
QLabel:focus {{ border: 2px solid palette(highlight); border-radius: 4px; }}
/* The recovery key sits inside its focus ring with a text box's margin, and
   keeps its place when the ring comes and goes. */
QLabel#recoveryKeyLabel {{ border: 1px solid transparent; border-radius: 4px; padding: 3px 5px; }}
QLabel#recoveryKeyLabel:focus {{ border: 2px solid palette(highlight); padding: 2px 4px; }}
{_indicators(point_size)}"""


#: The side of a check box's box at the normal text size (the style's own).
INDICATOR_PX = 13


def _indicators(point_size: float) -> str:
    """With larger text, check boxes (Just for me, No target date, a small
    step's tick) grow with it, so they stay as easy to see and to hit; at
    the normal size and below they are the style's own."""
    scale = point_size / base_point_size()
    if scale <= 1.01:
        return ""
    side = round(INDICATOR_PX * scale)
    return (f"QCheckBox::indicator, QAbstractItemView::indicator "
            f"{{ width: {side}px; height: {side}px; }}\n")


def apply_text_scale(percent: int) -> None:
    """Make every text on screen ``percent`` of the normal size."""
    app = QApplication.instance()
    if app is None:
        return
    size = base_point_size() * percent / 100
    font = QFont(app.font())
    if abs(font.pointSizeF() - size) > 0.01:
        font.setPointSizeF(size)
        app.setFont(font)        # for painted text and sizes worked out in code
    sheet = style_sheet(size)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
