"""A PDF in each language has its translated headings and dates."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from recoveryplan import i18n
from recoveryplan.export.pdf import Layout, PdfOptions, render_pdf
from recoveryplan.plans.samples import load_sample_plan

LANGS = [code for code in i18n.LANGUAGES if code != "en"]


def _plain(text: str) -> str:
    """Letters only, in logical form: Arabic presentation forms folded and
    spaces, marks and punctuation dropped, so visual order can be compared."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum())


def _contains(haystack: str, needle: str) -> bool:
    hay, pin = _plain(haystack), _plain(needle)
    return pin in hay or pin[::-1] in hay or all(
        word in hay or word[::-1] in hay for word in map(_plain, needle.split()) if word)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_in_each_language(lang):
    plan = load_sample_plan()
    data = render_pdf(plan, PdfOptions(layout=Layout.PLAN, language=lang))
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    tr = i18n.translator(lang)
    for heading in ("My recovery plan", "My hopes", "Early warning signs"):
        translated = tr._(heading)
        assert translated != heading, f"{heading!r} is not translated into {lang}"
        assert _contains(text, translated), (lang, translated)
    started = i18n.format_date(plan.info.started_on, language=lang)
    assert started != i18n.format_date(plan.info.started_on, language="en")
    assert _contains(text, started), (lang, started)
    assert re.sub(r"\W", "", str(reader.trailer["/Root"].get("/Lang", ""))).startswith(lang)


@pytest.mark.parametrize("layout", [Layout.CRISIS, Layout.PLAN, Layout.CARD])
@pytest.mark.parametrize("lang", LANGS)
def test_built_in_crisis_services_print_in_the_pdfs_language(lang, layout):
    """A crisis service the person never changed prints in the PDF's own
    language (as Need help now shows it), whatever language the plan was made
    in; the person's own words stay as written."""
    from recoveryplan.plans.model import default_crisis_services

    plan = load_sample_plan()
    plan.services = default_crisis_services("en")
    data = render_pdf(plan, PdfOptions(layout=layout, language=lang))
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    tr = i18n.translator(lang)
    assert tr._("Emergency services") != "Emergency services"
    assert _contains(text, tr._("Emergency services"))
    assert "Emergency services" not in text
