"""Paragraph fragments for the app's own markup, made without an HTML parser.

``text.paragraph`` writes only escaped text, ``<b>``, ``<i>`` and ``<br/>``.
ReportLab reads every paragraph's markup with Python's HTML parser, which
is much of the cost of making a paragraph. ``KeptParagraph`` reads such
markup here instead and makes the same fragments ReportLab's parser makes
(the same attributes and the same shared lists, from the parser itself
once per font and tags); any other markup still goes to ReportLab.
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser

#: The only markup ``paragraph`` writes: bold, italic, line breaks and the
#: three escapes (anything else, such as another tag, is left to ReportLab).
_OWN_MARKUP = re.compile(r"<(/?)([bi])>|<br/>|&(amp|lt|gt);|[<&]")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


def tuple_tree(text: str) -> tuple | None:
    """The paragraph markup ``text`` (already cleaned as ReportLab cleans
    it) as the tuple tree ReportLab's parser also reads: the same tags, and
    the text in the same pieces its HTML parser hands on (cut at every
    escape). None when ``text`` holds markup that ``paragraph`` does not write."""
    root: tuple = ("para", None, [])
    stack = [root]
    pos = 0
    for found in _OWN_MARKUP.finditer(text):
        if found.start() > pos:
            stack[-1][2].append(text[pos:found.start()])
        pos = found.end()
        close, tag, entity = found.groups()
        if entity:
            stack[-1][2].append(_ENTITIES[entity])
        elif tag and close:
            if len(stack) == 1 or stack[-1][0] != tag:
                return None
            stack.pop()
        elif tag:
            node: tuple = (tag, None, [])
            stack[-1][2].append(node)
            stack.append(node)
        elif found.group(0) == "<br/>":
            stack[-1][2].append(("br", None, None))
        else:
            return None
    if pos < len(text):
        stack[-1][2].append(text[pos:])
    return root if len(stack) == 1 else None


#: What ReportLab's parser makes of a piece of text inside some tags, by
#: the style's font: font name -> tags -> the piece's attributes. Its text,
#: size and colour are set on each piece (the size and colour are the
#: style's own objects, as the parser's are).
_PIECES: dict[str, dict[tuple, dict]] = {}


def _piece(style: ParagraphStyle, tags: tuple[str, ...]) -> dict:
    pieces = _PIECES.setdefault(style.fontName, {})
    found = pieces.get(tags)
    if found is None:
        inner: str | tuple = ("br", None, None) if tags[-1:] == ("br",) else "x"
        for tag in reversed(tags[:-1] if tags[-1:] == ("br",) else tags):
            inner = (tag, None, [inner])
        _style, frags, _bullet = ParaParser().tt_parse(("para", None, [inner]), style)
        found = dict(frags[0].__dict__)
        del found["text"]
        pieces[tags] = found
    return found


def fragments(tree: tuple, style: ParagraphStyle) -> list[ParaFrag]:
    """The fragments ReportLab's parser makes of ``tree`` in ``style``: one
    per piece of text and per line break, each a copy of what the parser
    makes of such a piece, sharing one list of links and one of lines as
    the parser's do."""
    links: list = []
    lines: list = []
    out: list[ParaFrag] = []

    def add(tags: tuple[str, ...], text: str) -> None:
        frag = ParaFrag(**_piece(style, tags))
        frag.link, frag.us_lines, frag.text = links, lines, text
        frag.fontSize, frag.textColor = style.fontSize, style.textColor
        out.append(frag)

    def walk(children: list, tags: tuple[str, ...]) -> None:
        for child in children:
            if isinstance(child, str):
                add(tags, child)
            elif child[0] == "br":
                add((*tags, "br"), "")
            else:
                walk(child[2], (*tags, child[0]))

    walk(tree[2], ())
    return out


class KeptParagraph(Paragraph):
    """Breaks its lines once per width until drawn (a kept block is wrapped twice).

    Its markup, when it is only what ``paragraph`` writes, is not read by an
    HTML parser: ``fragments`` makes the same fragments ReportLab's parser
    would (the same attributes, the same shared lists), a good deal faster.
    """

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N802,N803 - ReportLab's names
        if frags is None and cleaner is cleanBlockQuotedText and isinstance(text, str):
            cleaned = cleaner(text)
            tree = tuple_tree(cleaned)
            if tree is not None:
                frags = fragments(tree, style)
                textTransformFrags(frags, style)
                text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if availWidth == getattr(self, "_wrapped_width", None) and hasattr(self, "blPara"):
            return self.width, self.height    # ``split`` reuses the lines so too
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth if getattr(self, "width", None) == availWidth else None
        return size

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - ReportLab's names
        self._wrapped_width = None
        super().drawOn(canvas, x, y, _sW)
