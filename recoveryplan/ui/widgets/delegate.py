"""Painting list rows of the person's entries: the words (wrapped), an
optional second part ("What I can do about it: ..."), and a line of marks
("Just for me" with a padlock, "Added together with Sam"), in palette
colours so dark mode and high contrast work."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QStaticText, QTextOption, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...i18n import _, isolate
from .icons import lock_pixmap
from .roles import AttributionRole, DetailRole, PrivateRole, RowPartsRole

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
        #: Words laid out to draw (wrapped, shaped), by words, width, font
        #: and screen resolution: a paint would otherwise shape them again.
        self._texts: dict[tuple, QStaticText] = {}
        #: The font rows were last measured in, and its key.
        self._font: QFont | None = None
        self._key = ""

    def _answers(self, index: QModelIndex) -> tuple:
        """What the model says of the row: (text, detail, private,
        attribution, font), in one call where the model can."""
        model = index.model()       # asked directly: each row is measured on every layout
        if model is None:
            return None, None, False, None, None
        parts = model.data(index, RowPartsRole)
        if parts is not None:
            return parts
        data = model.data
        return (data(index, Qt.ItemDataRole.DisplayRole), data(index, DetailRole),
                bool(data(index, PrivateRole)), data(index, AttributionRole),
                data(index, Qt.ItemDataRole.FontRole))

    def _parts(self, answers: tuple) -> tuple[str, str, str, bool]:
        text, detail, private, attribution, _font = answers
        text = text or _("(empty)")
        detail = detail or ""
        detail_text = (_("{label}: {text}").format(label=self.detail_label, text=isolate(detail))
                       if detail and self.detail_label else "")
        marks = []
        private = bool(private)
        if private:
            marks.append(_("Just for me"))
        if attribution:
            marks.append(attribution)
        return text, detail_text, " · ".join(marks), private

    def _font_key(self, font: QFont) -> str:
        """``font.key()``, kept while rows are drawn in the same font."""
        if self._font is None or font != self._font:
            self._font, self._key = QFont(font), font.key()
        return self._key

    def _width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        width = widget.viewport().width() if widget is not None else option.rect.width()
        return max(80, width - 2 * _PAD)

    def _layout(self, option, answers, width):
        text, detail, marks, private = self._parts(answers)
        font = option.font
        key = (self._font_key(font), width, private, text, detail, marks)
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
        answers = self._answers(index)
        if answers[4] is not None:   # only the font sizes a row
            self.initStyleOption(option, index)
        width = self._width(option)
        *_parts, heights = self._layout(option, answers, width)
        gaps = sum(1 for h in heights[1:] if h) * 2
        return QSize(width, max(28, sum(heights) + gaps + 2 * _PAD))

    def _draw(self, painter, rect: QRect, text: str, font_key: str) -> None:
        """``painter.drawText(rect, _FLAGS, text)``, with the words laid out
        once and kept (as drawText lays them out: line breaks, tabs as
        spaces, clipped if they overflow). Right to left, drawText places
        each wrapped line itself, which a kept layout does not do to the
        pixel, so those rows are drawn as before."""
        if painter.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            painter.drawText(rect, _FLAGS, text)
            return
        key = (text, rect.width(), font_key, painter.device().logicalDpiY())
        static = self._texts.get(key)
        if static is None:
            static = QStaticText(text.replace("\r", " ").replace("\t", " ").replace("\n", "\u2028"))
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.setTextWidth(rect.width())
            option = QTextOption(Qt.AlignmentFlag.AlignLeft)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            option.setTextDirection(Qt.LayoutDirection.LeftToRight)
            static.setTextOption(option)
            static.prepare(QTransform(), painter.font())
            if len(self._texts) >= self.CACHE_SIZE:
                self._texts.clear()
            self._texts[key] = static
        size = static.size()
        if size.width() > rect.width() or size.height() > rect.height():
            painter.save()
            painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
            painter.drawStaticText(rect.topLeft(), static)
            painter.restore()
        else:
            painter.drawStaticText(rect.topLeft(), static)

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
        text, detail, marks, icon, heights = self._layout(option, self._answers(index), width)
        painter.save()
        painter.setFont(option.font)
        painter.setPen(text_color)
        x, y = option.rect.x() + _PAD, option.rect.y() + _PAD
        font_key = self._font_key(option.font)
        self._draw(painter, QRect(x, y, width, heights[0]), text, font_key)
        y += heights[0]
        if detail:
            y += 2
            self._draw(painter, QRect(x, y, width, heights[1]), detail, font_key)
            y += heights[1]
        if marks:
            y += 2
            if icon:
                painter.drawPixmap(x, y, lock_pixmap(icon, text_color))
            self._draw(painter, QRect(x + icon + (4 if icon else 0), y, width - icon - 4, heights[2]),
                       marks, font_key)
        painter.restore()
