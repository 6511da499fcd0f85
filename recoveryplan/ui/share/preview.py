"""The pages of the PDF as they will look, one under another.

A list (one stop for the Tab key, arrow keys from page to page) whose
items are the page images, each captioned and read out as "Page 2 of 11".
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from ...i18n import _
from ..widgets.translated import translations


def page_caption(page: int, pages: int) -> str:
    return _("Page {page} of {pages}").format(page=page, pages=pages)


class PagePreview(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(10)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # White pages on a darker ground; a palette role, so dark mode works too.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Mid)
        translations(self).call(self.retranslate)

    def show_pages(self, images: list[QImage], ratio: float) -> None:
        """Show ``images`` (drawn at ``ratio`` pixels per screen pixel),
        staying on the page that was shown before if it still exists."""
        row = max(self.currentRow(), 0)
        self.clear()
        if not images:
            return
        widest = max(image.width() for image in images)
        tallest = max(image.height() for image in images)
        icon_size = QSize(round(widest / ratio), round(tallest / ratio))
        self.setIconSize(icon_size)
        # A grid as wide as a page, so each caption is centred under its page.
        line = self.fontMetrics().height()
        self.setGridSize(QSize(icon_size.width() + 2 * line, icon_size.height() + 3 * line))
        for number, image in enumerate(images, start=1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            icon = QIcon()
            # The same picture when selected: the page must not change colour.
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
                icon.addPixmap(pixmap, mode)
            caption = page_caption(number, len(images))
            item = QListWidgetItem(icon, caption)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, caption)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, caption)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self.setCurrentRow(min(row, self.count() - 1))
        self.scrollToItem(self.currentItem(), QAbstractItemView.ScrollHint.PositionAtTop)

    def page_count(self) -> int:
        return self.count()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Preview of the pages"))
        self.setAccessibleDescription(_("Use the arrow keys to go from page to page."))
        for row in range(self.count()):
            caption = page_caption(row + 1, self.count())
            item = self.item(row)
            item.setText(caption)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, caption)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, caption)

