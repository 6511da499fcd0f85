"""The open plan on screen: the list of sections and the page for each.

Built fresh from a ``PlanContext`` on every unlock and deleted on lock, so
no widget holds plan text while the plan is locked. A page is built the
first time it is shown, so a large plan opens as fast as its first page. Sections that have some
writing get a small dot in the list (read out as "has writing"); empty ones
are simply plain, with no nagging. While planning together, a section whose
only writing is "just for me" gets no dot either.

Notices (planning together, a review that is due) sit in a strip above
the sections (``add_notice``).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication, QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QStyle,
    QStyleOptionViewItem, QVBoxLayout, QWidget,
)

from ..i18n import _
from ..plans.changes import section_has_writing
from ..plans.sections import SECTIONS
from . import app_events
from .context import PlanContext
from .pages import make_page
from .pages.base import SectionPage
from .pages.reviews import ReviewsPage
from .reviews.dialog import open_review_dialog
from .reviews.reminder import ReviewReminder
from .widgets.translated import translations


def _dot_icon(diameter: int, palette: QPalette, filled: bool) -> QIcon:
    ratio = QApplication.instance().devicePixelRatio() if QApplication.instance() else 1.0
    icon = QIcon()
    for mode, role in ((QIcon.Mode.Normal, QPalette.ColorRole.Text),
                       (QIcon.Mode.Selected, QPalette.ColorRole.HighlightedText)):
        pixmap = QPixmap(int(diameter * ratio), int(diameter * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        if filled:
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(role))
            inset = diameter * 0.3
            painter.drawEllipse(QRectF(inset, inset, diameter - 2 * inset, diameter - 2 * inset))
            painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


class SectionList(QListWidget):
    """The list of sections: each row is as tall as its name needs at the
    width the list has, on one line or wrapped whole onto more, measured
    once for laying out and painting alike. (Left to Qt, a name that only
    just did not fit was laid out on two lines but painted cut on one, with
    an empty line after it.)"""

    def fit_rows(self) -> None:
        width = self.viewport().width() - 2 * self.spacing()
        if width <= 0:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, width, self.viewport().height())
        delegate, style = self.itemDelegate(), self.style()
        for row in range(self.count()):
            item, index = self.item(row), self.model().index(row, 0)
            item.setSizeHint(QSize())           # Qt's own measure, at this width
            row_option = QStyleOptionViewItem(option)
            delegate.initStyleOption(row_option, index)
            height = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, row_option,
                                            QSize(), self).height()
            item.setSizeHint(QSize(width, height))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_rows()


class Workspace(QWidget):
    """Navigation list (objectName "nav") beside a stack of section pages."""

    section_changed = Signal(int)

    def __init__(self, ctx: PlanContext, parent: QWidget | None = None,
                 snapshot_loader: Callable[[str], dict[str, Any] | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.ctx = ctx
        self.nav = SectionList()
        self.nav.setObjectName("nav")
        self.nav.setUniformItemSizes(False)
        self.nav.setWordWrap(True)
        self.nav.setSpacing(2)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.snapshot_loader = snapshot_loader
        self._pages: list[SectionPage | None] = [None] * len(SECTIONS)
        for _spec in SECTIONS:
            self.stack.addWidget(QWidget())      # stands in until first shown
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self._show_page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.notices = QVBoxLayout()
        self.notices.setContentsMargins(6, 6, 6, 0)
        self.reminder = ReviewReminder(ctx, self)
        self.reminder.record_clicked.connect(
            lambda: open_review_dialog(ctx, self.window(), ctx.together_with))
        self.add_notice(self.reminder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.notices)
        layout.addWidget(splitter, 1)
        ctx.together_changed.connect(self._refresh_marks)
        ctx.record_changed.connect(self._on_plan_changed)
        self._icons: tuple[QIcon, QIcon] | None = None
        self._shown_marks: dict[int, QIcon] = {}   # the icon each section's row shows
        self._fit_nav()
        translations(self).call(self.retranslate)
        self.nav.setCurrentRow(0)

    # -- marks ---------------------------------------------------------------------
    def _marks(self) -> tuple[QIcon, QIcon]:
        if self._icons is None:
            size = max(12, self.fontMetrics().height())
            self.nav.setIconSize(QSize(size, size))
            self._icons = (_dot_icon(size, self.palette(), False), _dot_icon(size, self.palette(), True))
        return self._icons

    def add_notice(self, widget: QWidget) -> None:
        """Put a notice in the strip above the sections (newest first)."""
        self.notices.insertWidget(0, widget)

    # -- pages, built when first needed ----------------------------------------------
    def page(self, row: int) -> SectionPage:
        page = self._pages[row]
        if page is None:
            spec = SECTIONS[row]
            page = make_page(spec, self.ctx, self.stack)
            page.setObjectName(page.objectName() or f"page-{spec.key}")
            if isinstance(page, ReviewsPage):
                page.snapshot_loader = self.snapshot_loader
            if hasattr(page, "show_goal"):        # Life beyond illness links its goals
                page.show_goal.connect(self.show_goal)
            stand_in = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            page.content_changed.connect(lambda row=row: self._refresh_mark(row))
            self._pages[row] = page
        return page

    @property
    def pages(self) -> list[SectionPage]:
        """Every page (building those not yet shown)."""
        return [self.page(row) for row in range(len(SECTIONS))]

    def _refresh_marks(self, *_args) -> None:
        for row in range(len(SECTIONS)):
            self._refresh_mark(row)
        self.nav.fit_rows()     # words, icons or the font changed

    def _on_plan_changed(self, change) -> None:
        """Only the marks of the sections a change touches."""
        if change.kind == "reset":
            self._refresh_marks()
            return
        for row, spec in enumerate(SECTIONS):
            if spec.key in change.sections:
                self._refresh_mark(row)

    def _shows_writing(self, key: str) -> bool:
        """Whether the section has some writing to show now: while planning
        together, writing that is all "just for me" does not count."""
        return section_has_writing(self.ctx.plan, key, include_private=not self.ctx.together_with)

    def _refresh_mark(self, row: int) -> None:
        spec = SECTIONS[row]
        item = self.nav.item(row)
        if item is None:
            return
        title = _(spec.title)
        has = self._shows_writing(spec.key)
        item.setText(title)
        icon = self._marks()[1 if has else 0]
        if self._shown_marks.get(row) is not icon:  # the same icon again repaints every row
            item.setIcon(icon)
            self._shown_marks[row] = icon
        spoken = _("{section}, has writing").format(section=title) if has else title
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        item.setToolTip(_("This section has some writing in it.") if has else "")

    def has_writing(self, key: str) -> bool:
        return self._shows_writing(key)

    def _fit_nav(self) -> None:
        metrics = self.fontMetrics()
        longest = max(metrics.horizontalAdvance(_(s.title)) for s in SECTIONS)
        # Never so narrow that a word of a name ("appointments") is cut.
        word = max(metrics.horizontalAdvance(w) for s in SECTIONS for w in _(s.title).split())
        marks = self._marks()[0].actualSize(QSize(64, 64)).width() + 48
        self.nav.setMinimumWidth(min(max(longest // 2, word + marks), 320))
        self.nav.setMaximumWidth(max(longest + marks, 200))

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.nav.setAccessibleName(_("Sections of my plan"))
        self.nav.setAccessibleDescription(_("Choose a section to see and change it."))
        self._refresh_marks()
        self._fit_nav()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._icons = None
            self.retranslate()
        super().changeEvent(event)

    # -- moving about --------------------------------------------------------------
    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.ctx.flush_pending()
        self.ctx.end_typing_burst()
        if self._pages[row] is None:
            # Built and first shown (styled, laid out) without the app-wide
            # filter seeing each of its thousands of events.
            with app_events.set_aside() as built:
                page = self.page(row)
                built.append(page)
                bar = page.scroll.verticalScrollBarPolicy()
                if page.FIRST_LAID_OUT_WITH_SCROLL_BAR:
                    page.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
                self.stack.setCurrentIndex(row)
                page.scroll.setVerticalScrollBarPolicy(bar)
        else:
            self.stack.setCurrentIndex(row)
        self.section_changed.emit(row)

    def current_page(self) -> SectionPage:
        return self.page(self.stack.currentIndex())

    def go_to(self, key: str) -> None:
        for row, spec in enumerate(SECTIONS):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                return
        raise KeyError(key)

    def show_goal(self, goal_id: str) -> None:
        """Go to My goals with this goal chosen."""
        self.go_to("goals")
        self.current_page().select_goal(goal_id)

    def step(self, delta: int) -> None:
        row = (self.nav.currentRow() + delta) % len(SECTIONS)
        self.nav.setCurrentRow(row)

    def focus_nav(self) -> None:
        self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def dispose(self) -> None:
        """Before deletion on lock: forget every page so none survives."""
        self.nav.clear()
        for page in self._pages:
            if page is None:
                continue
            self.stack.removeWidget(page)
            page.hide()
            page.setParent(None)    # out of the window at once, deleted soon after
            page.deleteLater()
        self._pages = [None] * len(SECTIONS)
