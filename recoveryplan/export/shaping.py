"""HarfBuzz shaping for ReportLab, one run at a time in its own direction.

ReportLab shapes each word with uharfbuzz (its ``shaping`` style option);
this module wraps that so a run of one embedding level is shaped in its
direction and the ligatures ReportLab can't draw are left out. Importing it
installs the wrapper (once, and only over ReportLab's own); ``text`` does.
"""

from __future__ import annotations

import threading
from itertools import groupby

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph

from .fonts import ARABIC

class _DirectedHarfBuzz:
    """uharfbuzz as ReportLab's shaper sees it, except that a buffer made
    while a run is being shaped gets that run's direction instead of the one
    HarfBuzz would guess from its script (which is wrong for Arabic digits
    in a left-to-right run, or brackets alone in a right-to-left one)."""

    def __init__(self, module) -> None:
        self._module = module
        self.direction = threading.local()

    def __getattr__(self, name: str):
        return getattr(self._module, name)

    def Buffer(self):  # noqa: N802 - uharfbuzz's name
        buffer = self._module.Buffer()
        direction = getattr(self.direction, "value", None)
        if direction:
            buffer.direction = direction
        return buffer


def _shape_word(word):
    """ReportLab's ``shapeFragWord`` for one word, run by run.

    ReportLab shapes a whole word with the font of its first piece, so a
    word that changes font (Latin letters touching Arabic ones: "WiFiمجاني")
    came out as the wrong glyphs or failed. Here each run of one font, size
    and embedding level is shaped on its own, in its direction, and the
    shaped runs are joined again in logical order.
    """
    if isinstance(word, ttfonts.ShapedFragWord) or any(
            isinstance(text, ttfonts.ShapedStr) for _, text in word[1:]):
        return word   # already shaped: a paragraph split across pages
    runs = [list(run) for _, run in groupby(word[1:], key=_run_key)]
    if len(runs) == 1 and getattr(word[1][0], "bidiLevel", None) is None:
        return _RL_SHAPE(word, features=_features(word[1][0]))
    width, pieces, shaped = 0.0, [], False
    for run in runs:
        level = getattr(run[0][0], "bidiLevel", None)
        _HARFBUZZ.direction.value = None if level is None else ("rtl" if level % 2 else "ltr")
        try:
            done = _RL_SHAPE([_width(run), *run], features=_features(run[0][0]))
        finally:
            _HARFBUZZ.direction.value = None
        shaped = shaped or isinstance(done, ttfonts.ShapedFragWord)
        width += done[0]
        pieces.extend(done[1:])
    if not shaped:
        return word
    return ttfonts.makeShapedFragWord(word)([width, *pieces])


#: Shaping features outside Arabic script: no ligatures, so "fi" in
#: "Cardiff" stays two letters in the text a reader copies.
_NO_LIGATURES = {"kern": True, "liga": False, "clig": False, "dlig": False}


def _features(frag) -> dict | None:
    """HarfBuzz features for a run: Arabic keeps the font's own (its joining
    forms and ligatures are required); every other script has none."""
    name = getattr(frag, "fontName", "") or ""
    if name.startswith(ARABIC):
        return _RL_SHAPE.__defaults__[0] if _RL_SHAPE.__defaults__ else None
    return _NO_LIGATURES


def _run_key(piece) -> tuple:
    frag = piece[0]
    return (getattr(frag, "fontName", None), getattr(frag, "fontSize", None),
            getattr(frag, "bidiLevel", None), hasattr(frag, "cbDefn"))


def _width(pieces) -> float:
    return sum(stringWidth(text, frag.fontName, frag.fontSize)
               for frag, text in pieces if not hasattr(frag, "cbDefn"))


def _same_frag(f, g) -> bool:
    """ReportLab's test for joining two fragments on a line, which must also
    keep runs apart."""
    return _RL_SAME_FRAG(f, g) and f.__dict__.get("bidiRun") == g.__dict__.get("bidiRun")


_RL_SHAPE = ttfonts.shapeFragWord
_RL_SAME_FRAG = rl_paragraph.sameFrag
_HARFBUZZ = _DirectedHarfBuzz(ttfonts.uharfbuzz) if ttfonts.uharfbuzz else None
if _HARFBUZZ is not None and rl_paragraph.shapeFragWord is _RL_SHAPE:
    ttfonts.uharfbuzz = _HARFBUZZ
    rl_paragraph.shapeFragWord = _shape_word
    rl_paragraph.sameFrag = _same_frag
