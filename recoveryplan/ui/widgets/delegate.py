"""Painting list rows of the person's entries: the words (wrapped), an
optional second part ("What I can do about it: ..."), and a line of marks
("Just for me" with a padlock, "Added together with Sam"), in palette
colours so dark mode and high contrast work."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...i18n import _, isolate
from .icons import lock_pixmap
from .roles import AttributionRole, DetailRole, PrivateRole

_PAD = 6
_FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)


class EntryDelegate(QStyledItemDelegate):
    """``detail_label`` (already translated, may be empty) names the second part."""

    #: Measured heights kept (a list lays out every row when one changes).
    CACHE_SIZE = 4096

    def __init__(self, parent=None, detail_label: str = "") -> None:
        super().__init__(parent)
        self.detail_label = detail_label
        self._heights: dict[tuple, list[int]] = {}

    def _parts(self, index: QModelIndex) -> tuple[str, str, str, bool]:
        model = index.model()       # asked directly: each row is measured on every layout
        data = model.data if model is not None else (lambda _index, _role: None)
        text = data(index, Qt.ItemDataRole.DisplayRole) or _("(empty)")
        detail = data(index, DetailRole) or ""
        detail_text = (_("{label}: {text}").format(label=self.detail_label, text=isolate(detail))
                       if detail and self.detail_label else "")
        marks = []
        private = bool(data(index, PrivateRole))
        if private:
            marks.append(_("Just for me"))
        attribution = data(index, AttributionRole)
        if attribution:
            marks.append(attribution)
        return text, detail_text, " · ".join(marks), private

    def _width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        width = widget.viewport().width() if widget is not None else option.rect.width()
        return max(80, width - 2 * _PAD)

    def _layout(self, option, index, width):
        text, detail, marks, private = self._parts(index)
        font = option.font
        key = (font.key(), width, private, text, detail, marks)
        cached = self._heights.get(key)
        if cached is None:
            metrics = QFontMetrics(font)
            icon = metrics.height() if private else 0
            cached = (metrics.boundingRect(QRect(0, 0, width, 100000), _FLAGS, text).height(),
                      metrics.boundingRect(QRect(0, 0, width, 100000), _FLAGS, detail).height()
                      if detail else 0,
                      metrics.boundingRect(QRect(0, 0, width - icon - 4, 100000), _FLAGS,
                                           marks).height() if marks else 0,
                      icon)
            if len(self._heights) >= self.CACHE_SIZE:
                self._heights.clear()
            self._heights[key] = cached
        return text, detail, marks, cached[3], list(cached[:3])

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.data(Qt.ItemDataRole.FontRole) is not None:   # only the font sizes a row
            self.initStyleOption(option, index)
        width = self._width(option)
        *_parts, heights = self._layout(option, index, width)
        gaps = sum(1 for h in heights[1:] if h) * 2
        return QSize(width, max(28, sum(heights) + gaps + 2 * _PAD))

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        option.icon = option.icon.__class__()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group, text_role)
        width = option.rect.width() - 2 * _PAD
        text, detail, marks, icon, heights = self._layout(option, index, width)
        painter.save()
        painter.setFont(option.font)
        painter.setPen(text_color)
        x, y = option.rect.x() + _PAD, option.rect.y() + _PAD
        painter.drawText(QRect(x, y, width, heights[0]), _FLAGS, text)
        y += heights[0]
        if detail:
            y += 2
            painter.drawText(QRect(x, y, width, heights[1]), _FLAGS, detail)
            y += heights[1]
        if marks:
            y += 2
            if icon:
                painter.drawPixmap(x, y, lock_pixmap(icon, text_color))
            painter.drawText(QRect(x + icon + (4 if icon else 0), y, width - icon - 4, heights[2]),
                             _FLAGS, marks)
        painter.restore()
