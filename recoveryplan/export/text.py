"""Turning the person's words into ReportLab paragraphs that print them
exactly as typed, in any of the app's scripts.

- ``markup`` escapes the text (a typed ``<b>`` or ``&`` prints literally),
  puts runs of Arabic script in the Arabic font, keeps line breaks, and
  replaces a character no shipped font has with a visible placeholder.
- ``paragraph`` picks a plain ReportLab ``Paragraph`` for left-to-right text,
  or a ``BidiParagraph`` that shapes Arabic with HarfBuzz (ReportLab's
  ``shaping`` style option, backed by uharfbuzz) and puts each line's words
  in visual order when it is drawn.

Line breaking works on the logical (typed) order, so splitting a long
paragraph across pages is unaffected; only drawing sees visual order.
HarfBuzz already orders the glyphs inside each Arabic word, so the
reordering here works on words: a small form of the Unicode bidirectional
algorithm (strong runs, numbers kept left to right, neutrals between two
runs of one direction joining them, then rule L2's reversals).
"""

from __future__ import annotations

import re
import unicodedata

from bidi.mirror import MIRRORED
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.platypus import Paragraph

from . import compat
from .fonts import ARABIC, ARABIC_FACES, PLACEHOLDER, fonts, is_arabic_script, is_invisible

compat.apply()

_RTL_CLASSES = frozenset(("R", "AL"))
#: Zero-width (non-)joiners steer shaping inside a word: they stay in the
#: run of the letter before them.
_JOINERS = frozenset("\u200c\u200d")
#: Arabic-Indic digits (and their separators). HarfBuzz lays out a run of
#: Arabic script right to left, digits included, but numbers read left to
#: right: each such run is reversed before shaping so it comes out right.
_ARABIC_DIGITS = re.compile("[\u0660-\u0669\u066b\u066c\u06f0-\u06f9]{2,}")


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


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters (which print nothing)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def _classify(text: str) -> list[str]:
    """One class per character: "ar" (Arabic font), "base" (DejaVu),
    "missing" (no font has it) or "drop" (invisible and not drawable)."""
    fs = fonts()
    raw = []
    for ch in text:
        cp = ord(ch)
        if ch == "\n":
            raw.append("base")
        elif ch in _JOINERS:
            raw.append(raw[-1] if raw and raw[-1] not in ("space", "punct") else "base")
        elif unicodedata.category(ch) == "Cf":
            # Direction marks and other format characters: the layout orders
            # the words itself, and they draw nothing.
            raw.append("drop")
        elif is_arabic_script(ch) and cp in fs.arabic:
            raw.append("ar")
        elif ch.isspace():
            raw.append("space")
        elif unicodedata.category(ch)[0] == "P" and cp in fs.sans:
            raw.append("punct")
        elif cp in fs.sans:
            raw.append("base")
        elif cp in fs.arabic:
            raw.append("ar")
        else:
            raw.append("drop" if is_invisible(ch) else "missing")
    return _resolve(raw, text)


def _nearest(raw: list[str], skip: tuple[str, ...], backwards: bool) -> list[str | None]:
    """For each position, the nearest class before (or after) it that is
    not in ``skip``."""
    out: list[str | None] = [None] * len(raw)
    seen = None
    order = range(len(raw)) if backwards else range(len(raw) - 1, -1, -1)
    for i in order:
        out[i] = seen
        if raw[i] not in skip:
            seen = raw[i]
    return out


def _resolve(raw: list[str], text: str) -> list[str]:
    """Spaces between Arabic words, and punctuation the Arabic font has
    touching an Arabic word, join the Arabic run, so HarfBuzz shapes and
    orders them together; anything else is drawn with DejaVu."""
    if "space" not in raw and "punct" not in raw:
        return raw
    words = ("space", "punct", "drop")
    marks = ("punct", "drop")
    before_word, after_word = _nearest(raw, words, True), _nearest(raw, words, False)
    before_mark, after_mark = _nearest(raw, marks, True), _nearest(raw, marks, False)
    arabic = fonts().arabic
    out = list(raw)
    for i, cls in enumerate(raw):
        if cls == "space":
            out[i] = "ar" if before_word[i] == after_word[i] == "ar" else "base"
        elif cls == "punct":
            touching = "ar" in (before_mark[i], after_mark[i])
            out[i] = "ar" if touching and ord(text[i]) in arabic else "base"
    return out


def markup(text: str) -> str:
    """Paragraph markup for the person's ``text``; see the module docstring."""
    text = _clean(text)
    if text.isascii():  # the usual case: DejaVu has every printable ASCII letter
        return escape(text).replace("\n", "<br/>")
    classes = _classify(text)
    parts: list[str] = []
    run: list[str] = []
    run_class = None

    def flush() -> None:
        if not run:
            return
        body = escape("".join(run)).replace("\n", "<br/>")
        if run_class == "ar":
            body = _ARABIC_DIGITS.sub(lambda m: m.group(0)[::-1], body)
            body = f'<font name="{ARABIC}">{body}</font>'
        parts.append(body)
        run.clear()

    previous = ""
    for ch, cls in zip(text, classes):
        if cls == "drop":
            continue
        if cls == "missing":
            ch, cls = PLACEHOLDER, "base"
        if cls != run_class:
            flush()
            # ReportLab shapes a word with the font of its first character,
            # so a word never changes font: a space separates the two runs.
            if run_class is not None and not previous.isspace() and not ch.isspace():
                parts.append(" ")
            run_class = cls
        run.append(ch)
        previous = ch
    flush()
    return "".join(parts)


# -- right-to-left and mixed paragraphs ---------------------------------------

class BidiParagraph(Paragraph):
    """A shaped paragraph whose lines are drawn in visual order.

    ``base_rtl`` is the paragraph direction; subclasses fix it so that the
    pieces ReportLab makes when it splits a paragraph across pages (built
    through ``self.__class__``) keep it.
    """

    base_rtl = False

    def drawPara(self, debug=0):  # noqa: N802 - ReportLab's name
        logical = self.blPara
        if getattr(logical, "kind", 0) == 1:
            self.blPara = logical.clone(lines=[_visual_line(line, self.base_rtl)
                                               for line in logical.lines])
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical


class RtlParagraph(BidiParagraph):
    base_rtl = True


class LtrShapedParagraph(BidiParagraph):
    base_rtl = False


def _tokens(line) -> list[list]:
    """Split a line's fragments into words: lists of (frag, text) pieces."""
    tokens: list[list] = []
    current: list = []
    for frag in line.words:
        text = frag.text
        start = 0
        for i, ch in enumerate(text + " "):
            if ch != " ":
                continue
            if i > start:
                current.append((frag, text[start:i]))
            if i < len(text) and current:
                tokens.append(current)
                current = []
            start = i + 1
    if current:
        tokens.append(current)
    return tokens


def _kind(token: list) -> str:
    """"R", "L", "EN" (a number, in any digits) or "N" (neutral) for one word."""
    text = "".join(t for _, t in token)
    if any(ch.isdigit() for ch in text) and all(
            ch.isdigit() or unicodedata.category(ch)[0] in "PS" for ch in text):
        return "EN"
    if any(frag.fontName in ARABIC_FACES for frag, _ in token):
        return "R"
    strong = first_strong_rtl(text)
    if strong is not None:
        return "R" if strong else "L"
    return "N"


def _levels(kinds: list[str], base_rtl: bool) -> list[int]:
    """Embedding level of each word (even: left to right)."""
    base = 1 if base_rtl else 0
    resolved = []
    previous_strong = "R" if base_rtl else "L"
    for kind in kinds:
        if kind == "EN":
            # Numbers read left to right; in a left-to-right paragraph they
            # follow the run before them (a number after Arabic words sits
            # inside that run).
            kind = "L" if base_rtl or previous_strong == "L" else "EN"
        if kind in ("L", "R"):
            previous_strong = kind
        resolved.append(kind)
    direction = {"L": "L", "R": "R", "EN": "R"}
    levels = []
    for i, kind in enumerate(resolved):
        if kind == "N":
            before = next((direction[k] for k in reversed(resolved[:i]) if k != "N"), None)
            after = next((direction[k] for k in resolved[i + 1:] if k != "N"), None)
            kind = before if before is not None and before == after else ("R" if base_rtl else "L")
        if kind == "R":
            levels.append(1)
        elif kind == "EN":
            levels.append(2)
        else:
            levels.append(2 if base else 0)
    return levels


def _reorder(items: list, levels: list[int]) -> list:
    """Unicode rule L2: from the highest level down to the lowest odd one,
    reverse every run at that level or higher."""
    items, levels = list(items), list(levels)
    if not levels:
        return items
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(items):
            if levels[i] >= level:
                j = i
                while j < len(items) and levels[j] >= level:
                    j += 1
                items[i:j] = items[i:j][::-1]
                levels[i:j] = levels[i:j][::-1]
                i = j
            else:
                i += 1
    return items


def _mirrored(token: list) -> list:
    """Rule L4: brackets in a right-to-left run face the other way. Arabic
    runs come mirrored from HarfBuzz; this mirrors the rest."""
    out = []
    for frag, text in token:
        if frag.fontName not in ARABIC_FACES and any(ch in MIRRORED for ch in text):
            flipped = "".join(MIRRORED.get(ch, ch) for ch in text)
            text = (ShapedStr(flipped, shapeData=text.__shapeData__)
                    if isinstance(text, ShapedStr) else flipped)
        out.append((frag, text))
    return out


def _width(frags) -> float:
    return sum(stringWidth(f.text, f.fontName, f.fontSize) for f in frags)


def _visual_line(line, base_rtl: bool):
    """A copy of one broken line with its words in visual order."""
    if not all(hasattr(f, "text") and not hasattr(f, "cbDefn") for f in line.words):
        return line
    tokens = _tokens(line)
    if not tokens:
        return line
    levels = _levels([_kind(t) for t in tokens], base_rtl)
    tokens = [_mirrored(t) if level % 2 else t for t, level in zip(tokens, levels)]
    ordered = _reorder(tokens, levels)
    frags = []
    for n, token in enumerate(ordered):
        for k, (frag, text) in enumerate(token):
            last_piece = k == len(token) - 1
            if last_piece and n < len(ordered) - 1:
                text = text + " "
            frags.append(frag.clone(text=text))
    extra = line.extraSpace + _width(line.words) - _width(frags)
    return line.clone(words=frags, extraSpace=extra)


#: A piece of a paragraph: plain text, or (tag, text) with tag "b" or "i".
Span = str | tuple[str, str]


def paragraph(*spans: Span, style: ParagraphStyle, rtl_document: bool = False) -> Paragraph:
    """A paragraph of plain-text ``spans``, each escaped here, optionally
    bold or italic: ``paragraph(("b", label), " ", entry, style=...)``.

    ``style`` must be one of the document's styles, which in a right-to-left
    document are already shaped and right-aligned. In a left-to-right
    document, text whose first strong character is right-to-left becomes a
    right-aligned right-to-left paragraph, and other text with Arabic in it
    is shaped; plain text stays a plain ReportLab paragraph (faster).
    """
    texts, body = [], []
    for span in spans:
        tag, text = ("", span) if isinstance(span, str) else span
        texts.append(text)
        body.append(f"<{tag}>{markup(text)}</{tag}>" if tag else markup(text))
    plain, body_markup = "".join(texts), "".join(body)
    if rtl_document:
        return RtlParagraph(body_markup, style)
    if first_strong_rtl(plain):
        return RtlParagraph(body_markup, shaped_style(style, rtl=True))
    if has_rtl(plain):
        return LtrShapedParagraph(body_markup, shaped_style(style, rtl=False))
    return Paragraph(body_markup, style)


def shaped_style(style: ParagraphStyle, rtl: bool) -> ParagraphStyle:
    """The shaped (and for right-to-left, right-aligned) twin of ``style``."""
    align = TA_RIGHT if rtl and style.alignment == TA_LEFT else style.alignment
    return ParagraphStyle(style.name + ("-rtl" if rtl else "-shaped"), parent=style,
                          shaping=1, alignment=align)
