"""Small fixes for ReportLab behaviour the PDFs depend on.

``PDFTextObject.setRise`` looks at the last operator it wrote to merge two
baseline shifts, but while ReportLab shapes a run of text it collects
operators in a fresh, empty list. A run that starts with a glyph HarfBuzz
raises or lowers (Arabic vowel marks such as fatha or kasra, which people
type) then fails with IndexError and no PDF can be made. Starting the list
is exactly ReportLab's own "nothing to merge with" path.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.textobject import PDFTextObject

_set_rise = PDFTextObject.setRise


def _set_rise_safely(self: PDFTextObject, rise: float) -> None:
    if self._code:
        _set_rise(self, rise)
        return
    self._rise = rise
    self._y -= rise
    self._code.append(f"{fp_str(rise)} Ts")


def apply() -> None:
    if PDFTextObject.setRise is not _set_rise_safely:
        PDFTextObject.setRise = _set_rise_safely
