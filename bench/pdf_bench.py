"""PDF figures: each layout against ReportLab laying out the same words in
one plain paragraph style with the same embedded font."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from recoveryplan.export.fonts import SANS, fonts
from recoveryplan.export.pdf import Layout, PdfOptions, render_pdf
from recoveryplan.export.styles import BODY_NORMAL
from recoveryplan.plans.model import Plan

from .measure import Row, Stats, Table, ms, pct, ratio, sample

#: Every PDF of the large plan within this factor of the plain baseline.
TARGET_RATIO = 2.0
#: A fixed "today", so the appointment layout's check-in period is the same every run.
TODAY = dt.date(2026, 11, 1)


def plain_pdf(plan: Plan) -> bytes:
    """The baseline: every text the plan would share, escaped, one
    paragraph each, one style, the app's embedded font."""
    fonts()
    style = ParagraphStyle("plain", fontName=SANS, fontSize=BODY_NORMAL, leading=BODY_NORMAL * 1.35)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=1)
    doc.build([Paragraph(escape(text), style) for text in plan.all_text(include_private=False)])
    return out.getvalue()


def render(plan: Plan, layout: Layout) -> bytes:
    return render_pdf(plan, PdfOptions(layout=layout), today=TODAY)


def first_pdf() -> Stats:
    """Fonts are loaded and registered on the first PDF of a session."""
    from recoveryplan.plans.samples import load_sample_plan

    plan = load_sample_plan()
    return sample(lambda: render(plan, Layout.CARD), 1, warmup=0)


def layouts(size: str, plan: Plan, table: Table | None, repeat: int,
            judge: bool) -> dict[Layout, Stats]:
    """Time every layout; with a ``table``, add rows (judged against the
    target when ``judge``)."""
    # Each layout's runs alternate with the baseline's, so that a busy
    # moment of a shared machine falls on both.
    baselines: list[float] = []
    out = {}
    for layout in Layout:
        times = []
        for _i in range(repeat):
            if table is not None:
                baselines.extend(sample(lambda: plain_pdf(plan), 1,
                                        warmup=0 if baselines else 1).samples)
            times.extend(sample(lambda: render(plan, layout), 1, warmup=0 if times else 1).samples)
        stats = Stats(tuple(times))
        out[layout] = stats
        if table is not None:
            baseline = Stats(tuple(baselines[-repeat:]))
            within = stats.median / baseline.median < TARGET_RATIO
            table.add(Row(f"PDF {layout.value}, {size}", ms(stats.median),
                          f"plain ReportLab {ms(baseline.median)}",
                          ratio(stats.median, baseline.median),
                          "< 2x baseline" if judge else "", within if judge else None,
                          pct(stats.spread)))
    return out
