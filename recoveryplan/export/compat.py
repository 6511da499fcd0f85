"""Small fixes for ReportLab behaviour the PDFs depend on.

``PDFTextObject.setRise`` looks at the last operator it wrote to merge two
baseline shifts, but while ReportLab shapes a run of text it collects
operators in a fresh, empty list. A run that starts with a glyph HarfBuzz
raises or lowers (Arabic vowel marks such as fatha or kasra, which people
type) then fails with IndexError and no PDF can be made. Starting the list
is exactly ReportLab's own "nothing to merge with" path.

``makeToUnicodeCMap`` writes each character's code point as four hex digits,
so a character beyond the Basic Multilingual Plane (an emoji such as U+1F35E)
became an invalid entry and copied as something else. Here every character
is written in UTF-16, as the PDF standard asks: a surrogate pair when needed.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.textobject import PDFTextObject

_set_rise = PDFTextObject.setRise


def _set_rise_safely(self: PDFTextObject, rise: float) -> None:
    if self._code:
        _set_rise(self, rise)
        return
    self._rise = rise
    self._y -= rise
    self._code.append(f"{fp_str(rise)} Ts")


_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _utf16(code: int) -> str:
    if code < 0 or code > 0x10FFFF:
        return "FFFD"
    if code <= 0xFFFF:
        return f"{code:04X}"
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap_utf16(fontname, subset):
    text = _to_unicode_cmap(fontname, subset)
    lines = text.split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    for i, code in enumerate(subset):
        lines[start + i] = f"<{i:02X}> <{_utf16(code)}>"
    return "\n".join(lines)


def apply() -> None:
    if PDFTextObject.setRise is not _set_rise_safely:
        PDFTextObject.setRise = _set_rise_safely
    if ttfonts.makeToUnicodeCMap is _to_unicode_cmap:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap_utf16
