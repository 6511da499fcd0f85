"""The appointment PDF says the same as the app: progress.summary for the period."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from pypdf import PdfReader

from recoveryplan.export.pdf import Layout, PdfOptions, render_pdf
from recoveryplan.plans.model import CheckIn, Plan
from recoveryplan.plans.progress import Period, checkins_in_period, summary
from recoveryplan.plans.samples import generate_plan

TODAY = dt.date(2026, 11, 1)


def flat_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_appointment_pdf_has_the_summary_sentence_of_the_chosen_period():
    plan = Plan.new("Sam")
    at = dt.datetime(2026, 10, 5, 12, tzinfo=dt.timezone.utc)
    plan.checkins = [CheckIn(at=at - dt.timedelta(days=200), hope=1, control=1, beyond=1),
                     CheckIn(at=at, hope=3, control=6, beyond=5),
                     CheckIn(at=at + dt.timedelta(days=20), hope=7, control=6, beyond=2)]
    for period in (Period.MONTH, Period.YEAR):
        options = PdfOptions(layout=Layout.APPOINTMENT, checkin_days=period.days)
        expected = summary(checkins_in_period(plan, period, TODAY, include_private=False))
        assert squash(expected) in flat_text(render_pdf(plan, options, today=TODAY))
    month = summary(checkins_in_period(plan, Period.MONTH, TODAY))
    assert "Hope rose from 3 to 7." in month and "stayed at 6" in month


def test_appointment_pdf_of_ten_years_of_checkins_uses_the_app_summary():
    plan = generate_plan(checkins=3650, goals=30, reviews=3)
    options = PdfOptions(layout=Layout.APPOINTMENT, checkin_days=4000)
    expected = summary(checkins_in_period(plan, 4000, TODAY, include_private=False))
    assert "3650" in expected or "3,650" in expected
    assert squash(expected) in flat_text(render_pdf(plan, options, today=TODAY))
