"""The fonts the PDFs embed, and which characters they can draw.

Two families ship in ``resources/fonts`` with their licences: DejaVu Sans
(Latin including Welsh and Polish letters, Greek, Cyrillic, symbols such as
the check boxes) and Noto Sans Arabic. Both are registered with ReportLab
once, as families so that ``<b>`` and ``<i>`` pick the right faces, and every
glyph used is embedded in the PDF as a subset.

Coverage is read from the fonts' own character maps, so the text layer can
switch font per run. A character neither family has is looked for in the
fonts installed on the system, through fontconfig (``fc-list``, read once):
the first TrueType font that has it (for example WenQuanYi Micro Hei for
Chinese, Symbola for monochrome emoji) is registered and embedded as a
subset like the others. Only what no font at all can draw becomes a visible
placeholder, and is reported.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property

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

    @cached_property
    def either(self) -> frozenset[int]:
        """The code points one family or the other covers."""
        return self.sans | self.arabic


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


# -- fonts installed on the system --------------------------------------------------

FALLBACK = "RPFallback"
#: Font styles preferred for a fallback (an upright, regular face).
_PLAIN = re.compile(r"regular|book|normal|medium|roman", re.I)
_SLANTED_OR_BOLD = re.compile(r"bold|italic|oblique|light|thin|black|heavy|mono", re.I)
_RANGE = re.compile(r"([0-9a-f]+)(?:-([0-9a-f]+))?")

_system_lock = threading.RLock()
_catalogue: list[tuple[str, int, list[tuple[int, int]]]] | None = None
_by_char: dict[int, str | None] = {}
_by_file: dict[tuple[str, int], str | None] = {}


def _system_catalogue() -> list[tuple[str, int, list[tuple[int, int]]]]:
    """(file, index, code point ranges) of every TrueType font fontconfig
    knows, plain upright faces first. Empty when fontconfig is missing."""
    global _catalogue
    if _catalogue is not None:
        return _catalogue
    found: list[tuple[int, str, int, list[tuple[int, int]]]] = []
    program = shutil.which("fc-list")
    if program:
        try:
            listing = subprocess.run(
                [program, "--format", "%{file}\t%{index}\t%{fontformat}\t%{style}\t%{charset}\n"],
                capture_output=True, text=True, timeout=10, check=False,
                stdin=subprocess.DEVNULL,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        for line in listing.splitlines():
            parts = line.split("\t")
            if len(parts) != 5 or parts[2] != "TrueType":
                continue
            path, index, _fmt, style, charset = parts
            if not path.lower().endswith((".ttf", ".ttc")):
                continue
            ranges = [(int(a, 16), int(b or a, 16)) for a, b in _RANGE.findall(charset.lower())]
            rank = 0 if _PLAIN.search(style) and not _SLANTED_OR_BOLD.search(style) else 1
            try:
                found.append((rank, path, int(index), ranges))
            except ValueError:
                continue
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    _catalogue = [(path, index, ranges) for _rank, path, index, ranges in found]
    return _catalogue


def _register_system_font(path: str, index: int) -> str | None:
    """Register one installed font as a family whose four faces are the
    same; None when ReportLab cannot embed it."""
    key = (path, index)
    if key in _by_file:
        return _by_file[key]
    family = f"{FALLBACK}{len(_by_file)}"
    try:
        font = TTFont(family, path, subfontIndex=index)
    except Exception:  # noqa: BLE001 - an unusable font file is skipped, never fatal
        _by_file[key] = None
        return None
    # One face: bold and italic text in this script print upright.
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(family, normal=family, bold=family, italic=family,
                                  boldItalic=family)
    _by_file[key] = family
    _faces[family] = frozenset(c for c, g in font.face.charToGlyph.items() if g)
    return family


_faces: dict[str, frozenset[int]] = {}


def fallback_family(char: str) -> str | None:
    """The registered family of an installed font that can draw ``char``,
    or None when none can."""
    cp = ord(char)
    with _system_lock:
        if cp in _by_char:
            return _by_char[cp]
        found = None
        for family, covered in _faces.items():
            if cp in covered:
                found = family
                break
        if found is None:
            for path, index, ranges in _system_catalogue():
                if not any(a <= cp <= b for a, b in ranges):
                    continue
                family = _register_system_font(path, index)
                if family is not None and cp in _faces[family]:
                    found = family
                    break
        _by_char[cp] = found
        return found
