"""The fonts the PDFs embed, and which characters they can draw.

Two families ship in ``resources/fonts`` with their licences: DejaVu Sans
(Latin including Welsh and Polish letters, Greek, Cyrillic, symbols such as
the check boxes) and Noto Sans Arabic. Both are registered with ReportLab
once, as families so that ``<b>`` and ``<i>`` pick the right faces, and every
glyph used is embedded in the PDF as a subset.

Coverage is read from the fonts' own character maps, so the text layer can
switch font per run and show a visible placeholder for anything no shipped
font can draw, instead of letting it vanish.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeFragWord

from ..paths import resource

#: Family names used in paragraph markup (``<font name="...">``).
SANS = "RPSans"
ARABIC = "RPArabic"

#: Shown instead of a character that no shipped font has.
PLACEHOLDER = "\u25a1"  # WHITE SQUARE, in DejaVu Sans

_FACES: dict[str, dict[str, str]] = {
    SANS: {
        "normal": "DejaVuSans.ttf",
        "bold": "DejaVuSans-Bold.ttf",
        "italic": "DejaVuSans-Oblique.ttf",
        "boldItalic": "DejaVuSans-BoldOblique.ttf",
    },
    # Arabic script has no italic: italic runs use the upright faces.
    ARABIC: {
        "normal": "NotoSansArabic-Regular.ttf",
        "bold": "NotoSansArabic-Bold.ttf",
        "italic": "NotoSansArabic-Regular.ttf",
        "boldItalic": "NotoSansArabic-Bold.ttf",
    },
}

_STYLE_SUFFIX = {"normal": "", "bold": "-Bold", "italic": "-Italic", "boldItalic": "-BoldItalic"}

SANS_BOLD = SANS + _STYLE_SUFFIX["bold"]


@dataclass(frozen=True)
class FontSet:
    """The characters each registered family covers in all its faces."""

    sans: frozenset[int]
    arabic: frozenset[int]


_lock = threading.Lock()
_fontset: FontSet | None = None


def _register_family(family: str) -> frozenset[int]:
    """Register the four faces of ``family``; return the code points that
    every face of the family can draw (so bold never loses a glyph)."""
    covered: frozenset[int] | None = None
    for style, filename in _FACES[family].items():
        font = TTFont(family + _STYLE_SUFFIX[style], str(resource("fonts", filename)))
        pdfmetrics.registerFont(font)
        chars = frozenset(c for c, g in font.face.charToGlyph.items() if g)
        covered = chars if covered is None else covered & chars
    pdfmetrics.registerFontFamily(
        family,
        normal=family, bold=family + "-Bold", italic=family + "-Italic",
        boldItalic=family + "-BoldItalic")
    return covered or frozenset()


def _no_discretionary_ligatures() -> None:
    """ReportLab shapes with discretionary ligatures on (``dlig``), which
    turns "st" into a ligature in DejaVu Sans. They are for display type,
    not body text: switch them off in ReportLab's default feature set."""
    defaults = shapeFragWord.__defaults__
    if defaults and isinstance(defaults[0], dict):
        defaults[0]["dlig"] = False


def fonts() -> FontSet:
    """Register the shipped fonts on first use and return their coverage."""
    global _fontset
    with _lock:
        if _fontset is None:
            _no_discretionary_ligatures()
            _fontset = FontSet(sans=_register_family(SANS), arabic=_register_family(ARABIC))
        return _fontset


def is_arabic_script(char: str) -> bool:
    """Arabic letters, marks, digits and presentation forms."""
    cp = ord(char)
    return (0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x0870 <= cp <= 0x08FF
            or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF)


def is_invisible(char: str) -> bool:
    """Joiners, direction marks, variation selectors and skin-tone modifiers:
    they change how a neighbour looks but draw nothing of their own, so one
    that no font has can be left out without losing anything visible."""
    cp = ord(char)
    return (unicodedata.category(char) == "Cf"
            or 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF or 0xE0100 <= cp <= 0xE01EF)
