"""What every layout shares: the chosen language, styles, the records the
person chose to share, and small builders for paragraphs, lists and tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from .. import i18n
from ..plans.model import CrisisService, Entry, Plan, Record, shown_crisis_service
from ..plans.sections import SECTIONS_BY_KEY, SectionSpec
from .flowables import KeepOnPage, Lead, Stack, WithAttribution, lead  # noqa: F401  (named here too)
from .fonts import SANS, SANS_BOLD
from .options import PdfOptions
from .styles import RULE, SHADE, Styles, make_styles
from .text import Span, first_strong_rtl, paragraph

BULLET = "\u2022"
NBSP = "\u00a0"
#: Characters a phone number is written with; its spaces and hyphens become
#: non-breaking ones, so a number never breaks across lines.
_NO_BREAK = str.maketrans({" ": NBSP, "-": "\u2011"})


def dotted(parts: list[Span]) -> list[Span]:
    """``parts`` with " · " between them, each a span of its own: in a
    right-to-left line they run right to left, even one that starts with
    a name in Latin letters ("Jordan · موعد في …")."""
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append("  \u00b7  ")
        out.append(part)
    return out


def phone_text(phone: str) -> str:
    """A phone number that never breaks across lines."""
    return " ".join(phone.split()).translate(_NO_BREAK)


def email_lines(email: str, width: float, font: str, size: float) -> str:
    """``email`` in lines no wider than ``width``, broken only after an
    "@" or a "." (never with a hyphen), so a reader can still copy it."""
    email = email.strip()
    if stringWidth(email, font, size) <= width:
        return email
    pieces, piece = [], ""
    for ch in email:
        piece += ch
        if ch in "@.":
            pieces.append(piece)
            piece = ""
    if piece:
        pieces.append(piece)
    lines, line = [], ""
    for piece in pieces:
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


class PlanTable(Table):
    """A table whose rows split across pages keep their label: the part of
    a row on the next page starts with "Money, continued"."""

    label_col: int | None = None
    continued = None

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.label_col, part.continued = self.label_col, self.continued
        if len(parts) == 2 and self.label_col is not None and self.continued is not None:
            first, rest = parts
            row = rest.repeatRows
            if row < len(rest._cellvalues) and _empty(rest._cellvalues[row][self.label_col]):
                label = _label_of(first._cellvalues[-1][self.label_col])
                if label:
                    rest._cellvalues[row][self.label_col] = (self.continued(label),)
        return parts


def _empty(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_empty(v) for v in value)
    return value is None or value == ""


def _label_of(value) -> str:
    if isinstance(value, (list, tuple)):
        for v in value:
            found = _label_of(v)
            if found:
                return found
        return ""
    return getattr(value, "row_label", "") or ""
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
    #: The page's side and top margins when not the usual ones (points).
    margin: float | None = None

    def __post_init__(self) -> None:
        #: Drawings filled in once the whole document is laid out:
        #: (page number, draw(canvas, total pages)).
        self.late: list = []
        self.document = None
        self.tr = Tr(self.options.language)
        self.rtl = i18n.is_rtl(self.options.language)
        self.styles: Styles = make_styles(self.options.large_print, self.rtl, self.body_size)

    # -- what to print -----------------------------------------------------
    def shown(self, record: Record) -> bool:
        return self.options.include_private or not record.private

    def visible(self, records):
        return [r for r in records if self.shown(r)]

    def services(self) -> list[CrisisService]:
        """The crisis services to print, a built-in one the person never
        changed worded in the PDF's language (as Need help now shows it)."""
        return [shown_crisis_service(service, self.options.language)
                for service in self.visible(self.plan.services)]

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
        """A date that never breaks across lines ("1 / November 2026")."""
        return i18n.format_date(value, fmt, language=self.options.language).replace(" ", NBSP)

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
        # The same words and date as on screen (the date of its last change).
        return [self.p(self.tr._("Added together with {name}, {date}").format(
            name=record.together_with, date=self.date(record.changed.astimezone().date())),
            style=self.styles.small)]

    def attributed(self, flowables: list[Flowable], record: Record) -> list[Flowable]:
        """``flowables`` with the record's attribution joined to the last one."""
        note = self.attribution(record)
        if not note:
            return flowables
        if not flowables:
            return note
        return [*flowables[:-1], WithAttribution(flowables[-1], note[0])]

    def scope_note(self) -> list[Flowable]:
        """What the reader should know about what this copy holds."""
        notes = []
        if self.options.include_private:
            notes.append(self.tr._("Includes entries marked \u201cjust for me\u201d"))
        if self.options.sections is not None:
            notes.append(self.tr._("Selected sections only"))
        if not notes:
            return []
        return [self.p(("b", "  \u00b7  ".join(notes)), style=self.styles.scope)]

    def heading(self, text: str, style: ParagraphStyle | None = None, level: int | None = 0,
                keep: float | None = None) -> list[Flowable]:
        """A heading that starts a page only when ``keep`` points of what
        follows fit under it too (no heading alone at a page foot), and that
        is a bookmark at ``level`` (None: none)."""
        style = style or self.styles.h1
        # The page break below keeps it with what follows; keepWithNext
        # would move a heading and a whole long table to the next page.
        para = self.p(text, style=ParagraphStyle(style.name + "-free", parent=style, keepWithNext=0))
        if level is not None:
            para.outline = (text, level)
        # By default room for a few lines under it (under a section heading,
        # more than a subheading asks for, so the two never part).
        lines = 12 if style is self.styles.h1 else 6
        room = style.fontSize * 1.3 + style.spaceBefore + (keep if keep is not None
                                                            else self.styles.body.leading * lines)
        return [CondPageBreak(room), para]

    def entry_flowables(self, entry: Entry, detail_label: str = "",
                        inline: bool = False) -> list[Flowable]:
        """One entry in the person's words, with its paired detail if any
        (``inline``: in the same paragraph, after a dash)."""
        if inline and entry.text.strip() and entry.detail.strip():
            # one span: a line that holds the end of the text and the start
            # of the detail keeps them in reading order in a right-to-left page
            return self.attributed([self.item(entry.text + " \u2013 " + entry.detail)], entry)
        out: list[Flowable] = [self.item(entry.text)] if entry.text.strip() else []
        if entry.detail.strip():
            spans: list[Span] = [entry.detail]
            if detail_label:
                label = self.tr._("{label}:").format(label=self.tr._(detail_label))
                spans.insert(0, ("b", label + " "))
            # Under its bullet, or with the bullet when the entry has no text.
            out.append(self.item(*spans, mark="" if out else BULLET))
        if len(out) == 2:
            # the detail starts on the page where the entry ends
            out = [Lead(*out)]
        return self.attributed(out, entry)

    def table(self, rows: list[list[Flowable]], widths: list[float], header: bool = True,
              label_col: int | None = 0) -> Table:
        """A ruled table whose header row repeats at the top of every page;
        columns run right to left in a right-to-left document. Each column
        is at least as wide as its longest word, so no word breaks inside
        (the other columns give way); a row that runs on to the next page
        keeps its label there ("Money, continued")."""
        widths = fit_widths(rows, widths)
        ncols = len(widths)
        if self.rtl:
            rows = [list(reversed(r)) for r in rows]
            widths = list(reversed(widths))
            if label_col is not None:
                label_col = ncols - 1 - label_col
        # Rows may split across pages, so a very long entry in a cell never
        # makes a row taller than the page.
        # Splitting inside a row comes first: split between rows first, the
        # rest of the table (its header repeated) would start again lower on
        # the same page.
        table = PlanTable(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="CENTER",
                          splitByRow=0, splitInRow=self.styles.body_size * 3)
        table.label_col = label_col
        table.continued = lambda label: self.cell(("b", self.tr._("{label}, continued").format(
            label=label)), label=label)
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

    def cell(self, *spans: Span, head: bool = False, label: str = "") -> Paragraph:
        para = self.p(*spans, style=self.styles.cell_head if head else self.styles.cell)
        if label:
            para.row_label = label
        return para


#: Cell padding on each side (see ``Context.table``).
CELL_PAD = 4


def fit_widths(rows: list[list[Flowable]], widths: list[float]) -> list[float]:
    """Column widths near ``widths`` (same total), each at least as wide as
    the longest word in the column, but no column more than half the
    table: a longer word (a web address) still wraps."""
    total = sum(widths)
    need = [0.0] * len(widths)
    for row in rows:
        for i, cell in enumerate(row):
            try:
                need[i] = max(need[i], cell.minWidth() + 2 * CELL_PAD + 1)
            except (AttributeError, TypeError):
                pass
    need = [min(n, total * 0.5) for n in need]
    out = list(widths)
    for _round in range(len(out)):
        short = [i for i, w in enumerate(out) if w < need[i] - 0.01]
        if not short:
            break
        extra = sum(need[i] - out[i] for i in short)
        for i in short:
            out[i] = need[i]
        spare = [i for i in range(len(out)) if i not in short and out[i] > need[i]]
        room = sum(out[i] - need[i] for i in spare)
        if room <= 0:
            break
        take = min(extra, room)
        for i in spare:
            out[i] -= take * (out[i] - need[i]) / room
    scale = total / sum(out)
    return [w * scale for w in out]
