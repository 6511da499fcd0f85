"""Turning the person's words into ReportLab paragraphs that print them
exactly as typed, in any of the app's scripts.

- ``markup`` escapes the text (a typed ``<b>`` or ``&`` prints literally),
  keeps line breaks, and replaces a character no shipped font has with a
  visible placeholder.
- ``paragraph`` picks a plain ReportLab ``Paragraph`` for left-to-right text
  in the Latin font, or a ``BidiParagraph``: shaped with HarfBuzz (ReportLab's
  ``shaping`` style option, backed by uharfbuzz) and drawn line by line in
  visual order.

A ``BidiParagraph`` resolves the embedding level of every character with
python-bidi (the Unicode Bidirectional Algorithm, UAX #9) on the typed text,
and splits ReportLab's fragments into runs of one level and one font (Arabic
script in Noto Sans Arabic, the rest in DejaVu Sans, each in the bold or
italic face the text asks for). Each run is shaped on its own, in the
direction of its level, so HarfBuzz orders and mirrors the glyphs inside it
(rule L4). Lines are broken in logical order; when a line is drawn its runs
are reversed by rule L2. Only that glue is here: the rules themselves are
the library's.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import unicodedata
from itertools import accumulate, groupby

import bidi
from bidi import algorithm as python_bidi
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from . import compat, shaping  # noqa: F401  (shaping installs itself)
from .fragments import KeptParagraph
from .fonts import ARABIC, PLACEHOLDER, fallback_family, fonts, is_arabic_script, is_invisible
from .visual_order import _visual_line

compat.apply()

_RTL_CLASSES = frozenset(("R", "AL"))
#: Characters that only steer the bidi algorithm (marks, embeddings,
#: overrides, isolates): they reach the level resolution, then are dropped.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Zero-width (non-)joiners steer shaping inside a word: they stay in the
#: run of the letter before them.
_JOINERS = frozenset("\u200c\u200d")


def escape(text: str) -> str:
    """XML-escape for paragraph markup (``xml.sax.saxutils`` would pull in
    the network modules, which this app never needs)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def first_strong_rtl(text: str) -> bool | None:
    """Direction of the first strong character: True for right-to-left,
    False for left-to-right, None when there is none (digits, symbols)."""
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls in _RTL_CLASSES:
            return True
        if cls == "L":
            return False
    return None


def left_to_right(text: str) -> str:
    """``text`` as a left-to-right island (an isolate, UAX #9) for data such
    as a phone number, whose groups would otherwise run right to left in a
    right-to-left line (written in Arabic-Indic digits, also an override)."""
    if not text.strip():
        return text
    # Arabic-Indic digits are "Arabic numbers" to the bidi algorithm: even
    # in an isolate, groups of them separated by spaces run right to left
    # ("٩٠٠١٢٣ ٠٧٧٠٠"). An override inside the isolate keeps dialling order.
    if any("\u0660" <= ch <= "\u0669" or "\u06f0" <= ch <= "\u06f9" for ch in text):
        return f"\u2066\u202d{text}\u202c\u2069"
    return f"\u2066{text}\u2069"


#: A span's words without the white space around them (which stays in the
#: line, so spaces between spans keep their place).
_ISOLATE = re.compile(r"\S(?:.*\S)?")


#: A number written in groups ("07700 900456", "+44 20-7946-0018"), in
#: European or Arabic-Indic digits.
_GROUPED_NUMBER = re.compile(r"\+?[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[ \-][0-9\u0660-\u0669\u06f0-\u06f9]+)+")


def _isolated(text: str) -> str:
    """Each line of one span in a first-strong isolate (like HTML's
    ``<bdi>``): the person's English sentence in an Arabic document keeps its
    full stop at its end, and a label and the words after it do not reorder
    each other.

    A number written in groups is kept left to right as a whole. By the bidi
    rules alone, "07700 900456" inside an Arabic sentence would show as
    "900456 07700": on a crisis plan, someone must be able to dial it."""
    text = _GROUPED_NUMBER.sub(lambda m: left_to_right(m.group(0)), text)
    return "\n".join(_ISOLATE.sub("\u2068\\g<0>\u2069", line) for line in text.split("\n"))


def _needs_bidi(text: str) -> bool:
    """Whether ``text`` needs a ``BidiParagraph``: right-to-left letters,
    Arabic digits, right-to-left controls, or anything only the Arabic font
    has. (Left-to-right controls change nothing in left-to-right text.)"""
    if text.isascii():      # the common case: nothing right to left, all in DejaVu
        return False
    sans = fonts().sans
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN", "RLE", "RLO", "RLI", "FSI")
               or (ord(ch) not in sans and ch != "\n" and ch not in _BIDI_CONTROLS)
               for ch in set(text))   # each character once: the order changes nothing


#: Control characters (Unicode category Cc) other than the line feed.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters (which print nothing)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROLS.sub("", text)


#: Characters left out of the document being made because no font has
#: them (see ``collecting_unprintable``).
_UNPRINTABLE: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "unprintable", default=None)


@contextlib.contextmanager
def collecting_unprintable():
    """Collect, in order and once each, every character that could not be
    printed (and shows as the placeholder) while the block runs."""
    found: list[str] = []
    token = _UNPRINTABLE.set(found)
    try:
        yield found
    finally:
        _UNPRINTABLE.reset(token)


def _unprintable(ch: str) -> None:
    found = _UNPRINTABLE.get()
    if found is not None and ch not in found:
        found.append(ch)


def _all_kept(text: str, bidi: bool) -> bool:
    """Whether ``markup`` would keep every character of ``text`` as it is:
    each one a font has (or a joiner or line break), and no direction
    control that a paragraph without ``bidi`` leaves out."""
    chars = set(text)
    if not bidi and not _BIDI_CONTROLS.isdisjoint(chars):
        return False
    covered = fonts().either
    return all(ch in _BIDI_CONTROLS or ch in _JOINERS or ch == "\n" or ord(ch) in covered
               for ch in chars)


def markup(text: str, bidi: bool = True) -> str:
    """Paragraph markup for the person's ``text``; see the module docstring.
    Direction controls are kept for a ``BidiParagraph`` (``bidi``), which
    resolves levels with them and then leaves them out; other format
    characters no font draws are left out here."""
    text = _clean(text)
    if not text.isascii() and not _all_kept(text, bidi):
        covered = fonts().either
        kept = []
        for ch in text:
            if ch in _BIDI_CONTROLS:
                if bidi:
                    kept.append(ch)
            elif ch in _JOINERS or ch == "\n" or ord(ch) in covered:
                kept.append(ch)
            elif unicodedata.category(ch) == "Cf" or is_invisible(ch):
                continue    # draws nothing of its own (a skin tone on a monochrome emoji)
            elif fallback_family(ch) is not None:
                kept.append(ch)
            else:
                kept.append(PLACEHOLDER)
                _unprintable(ch)
        text = "".join(kept)
    return escape(text).replace("\n", "<br/>")


# -- embedding levels ----------------------------------------------------------

_LEVELS_DUMP = re.compile(r"\blevels: \[([^\]]*)\]")
_LEVEL = re.compile(r"Level\(\s*(\d+)")


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of ``text`` (rules
    P1 to I2 of UAX #9) in a paragraph of the given direction; a "\\n" ends
    a paragraph.

    python-bidi's Rust implementation (unicode-bidi) follows the current
    algorithm, bracket pairs (N0) and isolates included; its ``debug``
    output is the only way it gives its levels, one per UTF-8 byte. Should
    that output ever change shape, the package's pure-Python implementation
    (which predates bracket pairs) takes over rather than failing the PDF.
    """
    if not text:
        return []
    try:
        dump = bidi.get_display(text, base_dir="R" if rtl else "L", debug=True)
        found = _LEVELS_DUMP.search(dump)
        per_byte = [int(n) for n in _LEVEL.findall(found.group(1))] if found else []
        starts = [0, *accumulate(len(ch.encode()) for ch in text)]
    except (UnicodeError, ValueError):
        per_byte, starts = [], [0]
    if len(per_byte) != starts[-1]:
        return _python_levels(text, rtl)
    return [per_byte[i] for i in starts[:-1]]


def _python_levels(text: str, rtl: bool) -> list[int]:
    """The same levels from python-bidi's pure-Python algorithm."""
    storage = python_bidi.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    python_bidi.get_embedding_levels(text, storage)
    python_bidi.explicit_embed_and_overrides(storage)
    python_bidi.resolve_weak_types(storage)
    python_bidi.resolve_neutral_types(storage, False)
    python_bidi.resolve_implicit_levels(storage, False)
    return [ch["level"] for ch in storage["chars"]]


# -- fonts ---------------------------------------------------------------------

def _font_runs(text: str) -> list[str | None]:
    """The font family of each character: ``ARABIC`` for Arabic script and
    anything only the Arabic font has, "" for the paragraph's own family,
    None for a direction control (nothing to draw). A space between two
    Arabic words, and punctuation touching one, is set in the Arabic font
    too, so spacing and marks match the words around them."""
    sans, arabic = fonts().sans, fonts().arabic
    raw: list[str | None] = []
    for ch in text:
        if ch in _BIDI_CONTROLS:
            raw.append(None)
        elif ch in _JOINERS:
            raw.append(raw[-1] if raw and raw[-1] is not None else "")
        elif ord(ch) in arabic and (is_arabic_script(ch) or ord(ch) not in sans):
            raw.append(ARABIC)
        elif ord(ch) not in sans and ch != "\n" and not ch.isspace():
            raw.append(fallback_family(ch) or "")
        else:
            raw.append("")
    out = list(raw)
    for i, ch in enumerate(text):
        if raw[i] == "" and ord(ch) in arabic and (ch.isspace() or unicodedata.category(ch)[0] == "P"):
            before = _neighbour(raw, text, range(i - 1, -1, -1), ch.isspace())
            after = _neighbour(raw, text, range(i + 1, len(text)), ch.isspace())
            if (before == after == ARABIC) if ch.isspace() else ARABIC in (before, after):
                out[i] = ARABIC
    return out


def _neighbour(raw: list[str | None], text: str, order: range, skip_spaces: bool) -> str | None:
    """The family of the nearest letter in ``order``, skipping controls,
    punctuation and (for a space) other spaces."""
    for j in order:
        ch = text[j]
        if raw[j] is None or unicodedata.category(ch)[0] == "P" or (skip_spaces and ch == " "):
            continue
        return "" if ch.isspace() else raw[j]
    return None


# -- paragraphs ------------------------------------------------------------------

class BidiParagraph(KeptParagraph):
    """A shaped paragraph whose lines are drawn in visual order.

    ``base_rtl`` is the paragraph direction; subclasses fix it so that the
    pieces ReportLab makes when it splits a paragraph across pages (built
    through ``self.__class__`` from fragments already split into runs) keep it.
    """

    base_rtl = False

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N802,N803 - ReportLab's names
        parsed = frags is None
        super()._setup(text, style, bulletText, frags, cleaner)
        if parsed:
            self.frags = _runs(self.frags, self.base_rtl)

    def drawPara(self, debug=0):  # noqa: N802 - ReportLab's name
        logical = self.blPara
        if getattr(logical, "kind", 0) == 1:
            base = int(self.base_rtl)
            self.blPara = logical.clone(lines=[_visual_line(line, base) for line in logical.lines])
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical


class RtlParagraph(BidiParagraph):
    base_rtl = True


class LtrShapedParagraph(BidiParagraph):
    base_rtl = False


def _runs(frags: list, rtl: bool) -> list:
    """Split parsed fragments into runs of one embedding level and one font
    family. Each run remembers its level (``bidiLevel``), the level of the
    white space after its last word (``bidiSpace``: ReportLab rebuilds the
    spaces between words and adds that one to the run), its number
    (``bidiRun``, so ReportLab never merges two runs on a line) and the
    lowest level of the direction controls just before it (``bidiBefore``):
    they draw nothing but still part the runs around them (rule X9 keeps
    isolates in place)."""
    texts = ["\n" if getattr(f, "lineBreak", False) else getattr(f, "text", "") for f in frags]
    logical = "".join(texts)
    levels = embedding_levels(logical, rtl)
    families = _font_runs(logical)
    out = []
    start = 0
    hidden = None   # the lowest level of the controls left out since the last run
    for frag, text in zip(frags, texts):
        end = start + len(text)
        if hasattr(frag, "cbDefn") or getattr(frag, "lineBreak", False):
            out.append(frag)
        else:
            family_of_frag, bold, italic = ps2tt(frag.fontName)
            spans = groupby(range(start, end), key=lambda i: (levels[i], families[i]))
            for (level, family), indices in spans:
                if family is None:
                    hidden = level if hidden is None else min(hidden, level)
                    continue
                indices = list(indices)
                out.append(frag.clone(
                    text="".join(logical[i] for i in indices),
                    fontName=tt2ps(family or family_of_frag, bold, italic),
                    bidiLevel=level, bidiRun=len(out), bidiBefore=hidden,
                    bidiSpace=_space_after(logical, levels, indices[-1], level)))
                hidden = None
        start = end
    return out


def _space_after(text: str, levels: list[int], last: int, level: int) -> int:
    """The level of the white space after the word ending at or before
    ``last``, or ``level`` when none follows."""
    i = last
    while i >= 0 and text[i].isspace():
        i -= 1
    i += 1
    return levels[i] if i < len(text) and text[i] == " " else level


#: A piece of a paragraph: plain text, or (tag, text) with tag "b" or "i".
Span = str | tuple[str, str]


def paragraph(*spans: Span, style: ParagraphStyle, rtl_document: bool = False) -> Paragraph:
    """A paragraph of plain-text ``spans``, each escaped here, optionally
    bold or italic: ``paragraph(("b", label), " ", entry, style=...)``.

    ``style`` must be one of the document's styles, which in a right-to-left
    document are already shaped and right-aligned. In a left-to-right
    document, text whose first strong character is right-to-left becomes a
    right-aligned right-to-left paragraph, and other text with Arabic in it
    is shaped; plain text stays a plain ReportLab paragraph (faster). In a
    shaped paragraph each span is isolated, so it takes its own direction.
    """
    texts = [(span, "") if isinstance(span, str) else (span[1], span[0]) for span in spans]
    plain = "".join(text for text, _ in texts)
    bidi = rtl_document or _needs_bidi(plain)
    if bidi:
        texts = [(_isolated(text), tag) for text, tag in texts]
    body = "".join(f"<{tag}>{markup(text, bidi)}</{tag}>" if tag else markup(text, bidi)
                   for text, tag in texts)
    if rtl_document:
        return RtlParagraph(body, style)
    if first_strong_rtl(plain):
        return RtlParagraph(body, shaped_style(style, rtl=True))
    if bidi:
        return LtrShapedParagraph(body, shaped_style(style, rtl=False))
    return KeptParagraph(body, style)


def shaped_style(style: ParagraphStyle, rtl: bool) -> ParagraphStyle:
    """The shaped (and for right-to-left, right-aligned) twin of ``style``."""
    align = TA_RIGHT if rtl and style.alignment == TA_LEFT else style.alignment
    return ParagraphStyle(style.name + ("-rtl" if rtl else "-shaped"), parent=style,
                          shaping=1, alignment=align)
