"""PDF pages as images, drawn by PDFium (pypdfium2).

The preview and the printout both show the very pages ``render_pdf`` made:
nothing is laid out twice. PDFium is not safe to use from two threads at
once, so every call holds one lock. Images are ``QImage`` (not ``QPixmap``)
so they may be made on a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

#: PDF canvas units per inch.
POINTS_PER_INCH = 72.0

_PDFIUM = threading.Lock()


@contextmanager
def _document(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            yield doc
        finally:
            doc.close()


def _image(page: pdfium.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
    try:
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888)
        return image.copy()     # own the pixels before PDFium's buffer goes
    finally:
        bitmap.close()


def page_count(pdf: bytes) -> int:
    with _document(pdf) as doc:
        return len(doc)


def page_images(pdf: bytes, width_px: int) -> list[QImage]:
    """Every page, each scaled to ``width_px`` pixels wide (for the preview)."""
    out = []
    with _document(pdf) as doc:
        for index in range(len(doc)):
            page = doc[index]
            out.append(_image(page, width_px / page.get_width()))
            page.close()
    return out


def page_image(pdf: bytes, index: int, dpi: float) -> QImage:
    """One page at ``dpi`` dots per inch (for printing)."""
    with _document(pdf) as doc:
        page = doc[index]
        try:
            return _image(page, dpi / POINTS_PER_INCH)
        finally:
            page.close()
