"""Drawing a line of mixed-direction text in visual order (UAX #9, rule L2).

A ``BidiParagraph``'s lines are broken in logical order; each line's runs
are reversed here by their embedding levels when it is drawn.
"""

from __future__ import annotations

import re
from itertools import groupby

_PIECES = re.compile(r" +|[^ ]+")


def _visual_line(line, base_level: int):
    """A copy of one broken line with its runs in visual order (rules L1, L2)."""
    if not all(hasattr(f, "text") and not hasattr(f, "cbDefn") for f in line.words):
        return line
    items = []
    for frag in line.words:
        level = getattr(frag, "bidiLevel", base_level)
        if getattr(frag, "bidiBefore", None) is not None:
            items.append((frag, "", frag.bidiBefore))
        for m in _PIECES.finditer(frag.text):
            at_end = m.end() == len(frag.text) and m.group(0).startswith(" ")
            items.append((frag, m.group(0), getattr(frag, "bidiSpace", level) if at_end else level))
    # L1: white space at the end of the line takes the paragraph's level.
    end = len(items)
    while end and not items[end - 1][1].strip():
        end -= 1
        items[end] = (items[end][0], items[end][1], base_level)
    ordered = _reorder(items, [level for _, _, level in items])
    words = []
    for frag, pieces in groupby(ordered, key=lambda item: item[0]):
        texts = [text for _, text, _ in pieces]
        words.append(frag.clone(text=texts[0] if len(texts) == 1 else _join(texts)))
    return line.clone(words=words)


def _join(texts: list):
    """Pieces of one fragment joined, keeping HarfBuzz's glyph positions."""
    joined = texts[0]
    for text in texts[1:]:
        joined = joined + text
    return joined


def _reorder(items: list, levels: list[int]) -> list:
    """Rule L2: from the highest level down to the lowest odd one, reverse
    every run at that level or higher."""
    items, levels = list(items), list(levels)
    if not levels:
        return items
    for level in range(max(levels), (min(levels) | 1) - 1, -1):
        i = 0
        while i < len(items):
            if levels[i] < level:
                i += 1
                continue
            j = i
            while j < len(items) and levels[j] >= level:
                j += 1
            items[i:j] = items[i:j][::-1]
            levels[i:j] = levels[i:j][::-1]
            i = j
    return items
