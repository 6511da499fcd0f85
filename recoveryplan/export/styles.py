"""Paragraph styles for every layout, normal or large print, either direction.

Large print sets body text at 16 pt with wider leading and scales headings
with it. In a right-to-left document every style is shaped and aligned to
the right; the text layer then orders each line's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from .fonts import SANS, SANS_BOLD, fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#4d4d4d")      # still 8:1 on white
RULE = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#eeeeee")
BOX_SHADE = colors.HexColor("#f6f6f6")

BODY_NORMAL = 10.5
BODY_LARGE = 16.0


@dataclass(frozen=True)
class Styles:
    """The styles one document uses."""

    body_size: float
    rtl: bool
    body: ParagraphStyle
    bullet: ParagraphStyle
    check: ParagraphStyle
    small: ParagraphStyle
    meta: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    footer: ParagraphStyle
    footer_end: ParagraphStyle
    scope: ParagraphStyle
    name: ParagraphStyle
    person: ParagraphStyle
    number: ParagraphStyle
    tight: ParagraphStyle
    box_head: ParagraphStyle
    bullet_tight: ParagraphStyle
    next_step: ParagraphStyle
    h1_first: ParagraphStyle
    subtitle_start: ParagraphStyle
    h2_box: ParagraphStyle
    card_line: ParagraphStyle
    card_note: ParagraphStyle
    card_services: ParagraphStyle
    small_centre: ParagraphStyle

    @property
    def indent(self) -> float:
        return self.body_size * 1.4


def make_styles(large_print: bool = False, rtl: bool = False, body_size: float | None = None) -> Styles:
    """Build the stylesheet. ``body_size`` overrides the body text size for
    dense layouts (the crisis plan and the pocket card)."""
    fonts()
    size = body_size or (BODY_LARGE if large_print else BODY_NORMAL)
    dense = body_size is not None
    leading = size * (1.3 if dense else 1.45 if large_print else 1.35)
    gap = 0.6 if dense else 1.0     # dense layouts keep less room between blocks
    start, end = (TA_RIGHT, TA_LEFT) if rtl else (TA_LEFT, TA_RIGHT)
    indent = size * 1.4

    def style(name: str, **kw) -> ParagraphStyle:
        kw.setdefault("fontName", SANS)
        kw.setdefault("fontSize", size)
        kw.setdefault("leading", kw["fontSize"] * leading / size)
        kw.setdefault("textColor", INK)
        kw.setdefault("alignment", start)
        if rtl:
            kw["shaping"] = 1
        # Long unbroken words (web addresses, typed runs) wrap instead of
        # running off the page.
        kw.setdefault("splitLongWords", 1)
        return ParagraphStyle(name, **kw)

    # Left to right: a hanging bullet. Right to left: the bullet leads the
    # text (ReportLab draws bullets on the left only).
    hanging = ({"rightIndent": indent * 0.25} if rtl
               else {"leftIndent": indent, "bulletIndent": indent * 0.25})
    return Styles(
        body_size=size,
        rtl=rtl,
        body=style("body", spaceAfter=size * 0.35),
        bullet=style("bullet", spaceAfter=size * (0.1 if dense else 0.25), bulletFontName=SANS, bulletFontSize=size,
                     **hanging),
        check=style("check", spaceAfter=size * 0.15, bulletFontName=SANS,
                    bulletFontSize=size * 1.1, **hanging),
        small=style("small", fontSize=size * 0.85, textColor=MUTED, spaceAfter=size * 0.3),
        meta=style("meta", fontSize=size * 0.85, textColor=MUTED, spaceAfter=size * 0.3,
                   keepWithNext=1),
        label=style("label", fontName=SANS_BOLD, spaceBefore=size * 0.2, spaceAfter=size * 0.1),
        title=style("title", fontName=SANS_BOLD, fontSize=size * 2.3, alignment=TA_CENTER,
                    spaceAfter=size * 1.2),
        subtitle=style("subtitle", fontSize=size * 1.35, alignment=TA_CENTER, spaceAfter=size * 0.8),
        h1=style("h1", fontName=SANS_BOLD, fontSize=size * 1.6, spaceBefore=size * 1.1,
                 spaceAfter=size * 0.5, keepWithNext=1, splitLongWords=0),
        h2=style("h2", fontName=SANS_BOLD, fontSize=size * (1.12 if dense else 1.2), spaceBefore=size * 0.8 * gap,
                 spaceAfter=size * 0.3 * gap, keepWithNext=1, splitLongWords=0),
        h3=style("h3", fontName=SANS_BOLD, fontSize=size * 1.05, spaceBefore=size * 0.6 * gap,
                 spaceAfter=size * 0.2 * gap, keepWithNext=1),
        cell=style("cell", fontSize=size * 0.95),
        cell_head=style("cell_head", fontName=SANS_BOLD, fontSize=size * 0.95, splitLongWords=0),
        footer=style("footer", fontSize=min(size, BODY_LARGE) * (0.7 if large_print else 0.8), textColor=MUTED,
                     splitLongWords=0),
        footer_end=style("footer_end", fontSize=min(size, BODY_LARGE) * (0.7 if large_print else 0.8), textColor=MUTED,
                         alignment=end),
        scope=style("scope", fontSize=size * 0.9, spaceBefore=size * 0.3, spaceAfter=size * 0.6),
        name=style("name", fontName=SANS_BOLD, fontSize=size * 2, spaceAfter=size * 0.2),
        person=style("person", spaceAfter=0),
        number=style("number", fontName=SANS_BOLD, fontSize=size * 1.25, spaceAfter=0,
                     splitLongWords=0),
        tight=style("tight", fontSize=size * 0.85, textColor=MUTED, spaceAfter=0),
        bullet_tight=style("bullet_tight", spaceAfter=size * 0.05, bulletFontName=SANS,
                           bulletFontSize=size, **hanging),
        next_step=style("next_step", fontSize=size * 0.9, textColor=MUTED, spaceBefore=size * 0.1,
                        spaceAfter=size * 0.1),
        h1_first=style("h1_first", fontName=SANS_BOLD, fontSize=size * 2, spaceAfter=size * 0.3,
                       splitLongWords=0),
        subtitle_start=style("subtitle_start", fontSize=size * 1.1, textColor=MUTED,
                             spaceAfter=size * 0.5),
        card_line=style("card_line", spaceAfter=size * 0.1),
        card_note=style("card_note", fontSize=max(size * 0.85, min(size, 8)), textColor=MUTED,
                        spaceAfter=size * 0.15),
        card_services=style("card_services", spaceBefore=size * 0.3, splitLongWords=0),
        small_centre=style("small_centre", fontSize=size * 0.85, textColor=MUTED,
                           alignment=TA_CENTER),
        h2_box=style("h2_box", fontName=SANS_BOLD, fontSize=size * 1.25, spaceAfter=size * 0.1),
        box_head=style("box_head", fontName=SANS_BOLD, fontSize=size * 1.05, spaceBefore=size * 0.2,
                       spaceAfter=size * 0.1, keepWithNext=1),
    )
