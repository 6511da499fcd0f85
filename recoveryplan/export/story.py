"""What every layout shares: the chosen language, styles, the records the
person chose to share, and small builders for paragraphs, lists and tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from .. import i18n
from ..plans.model import Entry, Plan, Record
from ..plans.sections import SECTIONS_BY_KEY, SectionSpec
from .fonts import SANS
from .options import PdfOptions
from .styles import RULE, SHADE, Styles, make_styles
from .text import Span, first_strong_rtl, paragraph

BULLET = "\u2022"
BOX = "\u2610"          # ☐ BALLOT BOX
BOX_TICKED = "\u2611"   # ☑ BALLOT BOX WITH CHECK


#: Translations for one document's language (see i18n.Translator).
Tr = i18n.Translator


@dataclass
class Context:
    """One rendering: the plan, the options and everything derived from them."""

    plan: Plan
    options: PdfOptions
    today: dt.date = field(default_factory=dt.date.today)
    body_size: float | None = None

    def __post_init__(self) -> None:
        self.tr = Tr(self.options.language)
        self.rtl = i18n.is_rtl(self.options.language)
        self.styles: Styles = make_styles(self.options.large_print, self.rtl, self.body_size)

    # -- what to print -----------------------------------------------------
    def shown(self, record: Record) -> bool:
        return self.options.include_private or not record.private

    def visible(self, records):
        return [r for r in records if self.shown(r)]

    def wants(self, section_key: str) -> bool:
        chosen = self.options.sections
        return chosen is None or section_key in chosen

    def entries(self, section: str, field_key: str) -> list[Entry]:
        if not self.wants(section):
            return []
        return [e for e in self.plan.entries_for(section, field_key)
                if self.shown(e) and (e.text.strip() or e.detail.strip())]

    def section(self, key: str) -> SectionSpec:
        return SECTIONS_BY_KEY[key]

    # -- words ---------------------------------------------------------------
    def date(self, value: dt.date | None, fmt: str = "long") -> str:
        return i18n.format_date(value, fmt, language=self.options.language)

    def number(self, value: int) -> str:
        return i18n.format_number(value, language=self.options.language)

    # -- flowables -----------------------------------------------------------
    def p(self, *spans: Span, style: ParagraphStyle | None = None) -> Paragraph:
        return paragraph(*spans, style=style or self.styles.body, rtl_document=self.rtl)

    def item(self, *spans: Span, mark: str = BULLET, style: ParagraphStyle | None = None) -> Paragraph:
        """A list item with a bullet or check box. ReportLab hangs bullets on
        the left only, so right-to-left text has its mark inline, leading."""
        style = style or self.styles.bullet
        plain = "".join(s if isinstance(s, str) else s[1] for s in spans)
        if self.rtl or first_strong_rtl(plain):
            lead = (mark + " ",) if mark else ()
            return paragraph(*lead, *spans, style=style, rtl_document=self.rtl)
        para = paragraph(*spans, style=style)
        para.bulletText = mark or None
        return para

    def attribution(self, record: Record) -> list[Flowable]:
        """"Added together with {name}" under an entry from a planning session."""
        if not record.together_with:
            return []
        return [self.p(self.tr._("Added together with {name}").format(name=record.together_with),
                       style=self.styles.small)]

    def entry_flowables(self, entry: Entry, detail_label: str = "") -> list[Flowable]:
        """One entry in the person's words, with its paired detail if any."""
        out: list[Flowable] = [self.item(entry.text)] if entry.text.strip() else []
        if entry.detail.strip():
            spans: list[Span] = [entry.detail]
            if detail_label:
                label = self.tr._("{label}:").format(label=self.tr._(detail_label))
                spans.insert(0, ("b", label + " "))
            # Under its bullet, or with the bullet when the entry has no text.
            out.append(self.item(*spans, mark="" if out else BULLET))
        return out + self.attribution(entry)

    def table(self, rows: list[list[Flowable]], widths: list[float], header: bool = True) -> Table:
        """A ruled table whose header row repeats on every page; columns run
        right to left in a right-to-left document."""
        if self.rtl:
            rows = [list(reversed(r)) for r in rows]
            widths = list(reversed(widths))
        # Rows may split across pages, so a very long entry in a cell never
        # makes a row taller than the page.
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="CENTER",
                      splitInRow=self.styles.body_size * 3)
        commands = [
            ("FONT", (0, 0), (-1, -1), SANS),  # else ReportLab selects Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE)]
        table.setStyle(TableStyle(commands))
        return table

    def cell(self, *spans: Span, head: bool = False) -> Paragraph:
        return self.p(*spans, style=self.styles.cell_head if head else self.styles.cell)
