"""Printing the very pages of the PDF.

Each page is drawn by PDFium at the printer's resolution (at most
``MAX_DPI``, which is sharp on paper and keeps memory small) on a worker
thread, then painted on the printer on the GUI thread, one page at a time,
scaled to fit the printable area and centred.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, QSizeF, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from ..background import BackgroundTask, run_in_background
from .raster import page_image

#: Highest resolution a page is drawn at for printing (dots per inch).
MAX_DPI = 300


def fit_rect(image_size: QSizeF, area: QRectF) -> QRectF:
    """The largest rectangle with the image's proportions centred in ``area``."""
    scale = min(area.width() / image_size.width(), area.height() / image_size.height())
    size = image_size * scale
    return QRectF(area.x() + (area.width() - size.width()) / 2,
                  area.y() + (area.height() - size.height()) / 2, size.width(), size.height())


class PrintJob(QObject):
    """Prints ``pages`` pages of ``pdf`` on ``printer``; ``start`` once.

    Signals: ``progress(page, pages)`` before each page is drawn;
    ``finished(ok)`` at the end (``ok`` False: the printer refused, a page
    could not be drawn, or the job was cancelled).
    """

    progress = Signal(int, int)
    finished = Signal(bool)

    def __init__(self, pdf: bytes, pages: int, printer: QPrinter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pdf = pdf
        self._pages = pages
        self._printer = printer
        self._painter: QPainter | None = None
        self._next = 0
        self._task: BackgroundTask | None = None
        self.dpi = min(printer.resolution(), MAX_DPI)

    def start(self) -> None:
        self._draw_next()

    @property
    def running(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        """Stop after the page being drawn; nothing more reaches the printer."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self._printer.abort()
            self._end(False)

    def _draw_next(self) -> None:
        index = self._next
        self.progress.emit(index + 1, self._pages)
        pdf, dpi = self._pdf, self.dpi
        self._task = run_in_background(lambda: page_image(pdf, index, dpi), self._paint,
                                       self._failed)

    def _paint(self, image: QImage) -> None:
        self._task = None
        if self._painter is None:
            self._painter = QPainter()
            if not self._painter.begin(self._printer):
                self._painter = None
                self._end(False)
                return
        elif not self._printer.newPage():
            self._end(False)
            return
        painter = self._painter
        area = QRectF(painter.viewport())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(fit_rect(QSizeF(image.size()), area), image)
        self._next += 1
        if self._next < self._pages:
            self._draw_next()
        else:
            self._end(True)

    def _failed(self, _error: BaseException) -> None:
        self._task = None
        self._printer.abort()
        self._end(False)

    def _end(self, ok: bool) -> None:
        if self._painter is not None:
            self._painter.end()
            self._painter = None
        self._pdf = b""
        self.finished.emit(ok)
