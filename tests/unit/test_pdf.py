"""PDF layouts, parsed back: the person's words, fonts, metadata, pages."""

from __future__ import annotations

import datetime as dt
import io
import os
import platform
import re
import tempfile
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader

from recoveryplan import i18n
from recoveryplan.export.pdf import Layout, PdfOptions, render_pdf
from recoveryplan.plans.model import Contact, Entry, Goal, Plan, Step
from recoveryplan.plans.samples import HARD_SNIPPETS, generate_plan, load_sample_plan

TODAY = dt.date(2026, 11, 1)
LAYOUTS = list(Layout)


@pytest.fixture(scope="module")
def sample() -> Plan:
    return load_sample_plan()


@pytest.fixture(scope="module")
def hard() -> Plan:
    return generate_plan(goals=12, entries=40, hard=True)


def render(plan: Plan, **options) -> bytes:
    return render_pdf(plan, PdfOptions(**options), today=TODAY)


def squash(text: str) -> str:
    """Text compared without any whitespace (lines wrap anywhere) and with
    ligatures and Arabic presentation forms folded back to letters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_text(data: bytes, footer: bool = True) -> str:
    """All text; without ``footer`` each page's footer is left out, so an
    entry that runs on to the next page reads as one."""
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    if not footer:
        texts = [re.sub(r"[^\n]*Private and confidential\s*Page \d+ of \d+\s*$", "", t)
                 for t in texts]
    return "\n".join(texts)


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def shown_entries(plan: Plan, include_private: bool = False) -> list[Entry]:
    return [e for e in plan.entries if e.text.strip() and (include_private or not e.private)]


# -- every layout --------------------------------------------------------------------

@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_renders_with_embedded_fonts_and_clean_metadata(sample, layout, large_print):
    data = render(sample, layout=layout, large_print=large_print)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    assert_fonts_embedded(reader)
    assert_clean_metadata(reader, data, sample)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = pdf_text(data)
    assert "Private and confidential" in text
    assert f"Page 1 of {len(reader.pages)}" in text


def assert_fonts_embedded(reader: PdfReader) -> None:
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            seen += 1
            if font["/Subtype"] == "/Type0":
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                descriptor = font["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert seen


def assert_clean_metadata(reader: PdfReader, data: bytes, plan: Plan) -> None:
    meta = {k: str(v) for k, v in (reader.metadata or {}).items()}
    assert meta.get("/Title") in {i18n._(layout.title) for layout in Layout}
    for key in ("/Author", "/Subject", "/Keywords", "/Creator", "/Producer"):
        assert meta.get(key, "") == ""
    leaks = [plan.info.owner_name, os.uname().nodename, platform.node(), tempfile.gettempdir(),
             os.path.expanduser("~"), os.environ.get("USER", "") or "\0"]
    values = " ".join(meta.values())
    for leak in filter(None, leaks):
        assert leak not in values
    # A date and nothing more: no time of day, no time zone.
    assert re.fullmatch(r"D:\d{8}", meta["/CreationDate"])
    assert b"ReportLab" not in data and b"reportlab" not in data.lower()
    # (a name of two or three letters turns up in compressed data by chance)
    for leak in filter(lambda x: len(x) > 3, (os.uname().nodename, tempfile.gettempdir())):
        assert leak.encode() not in data


# -- the person's words --------------------------------------------------------------

def test_plan_prints_every_shared_entry_in_the_persons_words(sample):
    text = squash(pdf_text(render(sample)))
    for entry in shown_entries(sample):
        assert squash(entry.text) in text
        if entry.detail:
            assert squash(entry.detail) in text
    for goal in sample.goals:
        if not goal.private:
            assert squash(goal.what) in text
    assert squash("This plan belongs to Jordan") in text
    assert squash(i18n.format_date(sample.info.next_review_on)) in text


def test_entries_added_together_say_so(sample):
    together = [e for e in sample.entries if e.together_with and not e.private]
    assert together
    text = squash(pdf_text(render(sample)))
    for entry in together:
        # with the day, as the app shows it
        day = i18n.format_date(entry.changed.astimezone().date(), "long")
        assert squash(f"Added together with {entry.together_with}, {day}") in text


def test_just_for_me_entries_are_left_out_unless_asked_for(sample):
    private = [e for e in sample.entries if e.private]
    assert private, "the sample plan should have some just-for-me entries"
    for layout in LAYOUTS:
        text = squash(pdf_text(render(sample, layout=layout)))
        for entry in private:
            assert squash(entry.text) not in text, layout
    text = squash(pdf_text(render(sample, include_private=True)))
    for entry in private:
        assert squash(entry.text) in text


def test_private_goals_contacts_and_steps_are_left_out():
    plan = Plan.new("Ali")
    plan.goals = [Goal(what="Public goal", steps=[Step(text="Shared step"),
                                                   Step(text="Secret step", private=True)]),
                  Goal(what="Secret goal", private=True)]
    plan.contacts = [Contact(name="Secret friend", phone="01632 960999", on_crisis_card=True,
                             private=True)]
    for layout in LAYOUTS:
        text = pdf_text(render(plan, layout=layout))
        assert "Secret" not in text and "01632 960999" not in text, layout
    text = pdf_text(render(plan, include_private=True))
    assert "Secret goal" in text and "Secret step" in text and "01632 960999" in text


def test_typed_markup_prints_literally():
    plan = Plan.new("A <b>bold</b> & name")
    typed = "<b>not bold</b> & <para> &amp; <font name='x'>"
    plan.entries = [Entry(section="keeping_well", field="everyday", text=typed)]
    data = render(plan)
    assert squash(typed) in squash(pdf_text(data))
    assert squash("A <b>bold</b> & name") in squash(pdf_text(data))


def test_hard_snippets_in_every_script_print_and_nothing_vanishes(hard):
    text = squash(pdf_text(render(hard, include_private=True)))
    for snippet in HARD_SNIPPETS:
        if any(unicodedata.bidirectional(ch) == "AL" for ch in snippet):
            continue  # checked in test_pdf_text.py with the letters in visual order
        for ch in squash(snippet):
            # a character no shipped font has shows as a visible placeholder
            assert ch in text or "\u25a1" in text, ch
        latin = "".join(ch for ch in snippet if ord(ch) < 0x2000)
        assert squash(latin) in "".join(ch for ch in text if ord(ch) < 0x2000), snippet
    assert "07700900456" in text and "SamEllis" in text
    assert squash("أشعر بالأمل اليوم") in text


def test_long_entries_break_across_pages_without_losing_words(hard):
    long_entries = sorted(shown_entries(hard, True), key=lambda e: len(e.text))[-2:]
    assert len(long_entries[0].text.split()) > 2000
    text = squash(pdf_text(render(hard, include_private=True), footer=False))
    for entry in long_entries:
        assert squash(entry.text) in text


def test_two_hundred_goals_and_empty_sections():
    plan = generate_plan(goals=200, entries=60, hard=True)
    data = render(plan, include_private=True)
    text = squash(pdf_text(data))
    assert text.count(squash("Small steps (")) >= 150
    assert squash("My strengths") not in text   # empty in a hard plan: no heading
    assert pages(data) > 20


@pytest.mark.parametrize("large_print", [False, True])
def test_no_heading_sits_alone_at_the_foot_of_a_page(large_print):
    plan = generate_plan(goals=60, entries=80, hard=True)
    data = render(plan, large_print=large_print, include_private=True)
    body = 16 if large_print else 10.5
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages[:-1], start=1):
            footer_top = max(c["top"] for c in page.chars) - body
            chars = [c for c in page.chars if c["top"] < footer_top - body]
            last_top = max(c["top"] for c in chars)
            last_line = [c for c in chars if abs(c["top"] - last_top) < 2]
            heading = all("Bold" in c["fontname"] and c["size"] > body * 1.1 for c in last_line)
            assert not heading, (number, "".join(c["text"] for c in last_line))


def test_an_empty_plan_prints_a_short_document():
    for layout in LAYOUTS:
        data = render(Plan(), layout=layout)
        assert pages(data) == 1, layout
        assert squash(layout.title) in squash(pdf_text(data))


# -- layouts -------------------------------------------------------------------------

def test_crisis_plan_fits_two_pages_and_puts_phone_numbers_in(sample):
    data = render(sample, layout=Layout.CRISIS)
    assert pages(data) <= 2
    text = squash(pdf_text(data))
    for contact in sample.crisis_contacts():
        assert squash(contact.phone) in text
    for contact in sample.contacts:
        # the summary box names my GP and care coordinator even when not on the card
        if not contact.on_crisis_card and "GP" not in contact.relationship:
            assert squash(contact.phone) not in text
    for service in sample.services:
        assert squash(service.phone) in text


@pytest.mark.parametrize("large_print", [False, True])
def test_pocket_card_is_one_page_with_key_contacts(sample, hard, large_print):
    for plan in (sample, hard):
        data = render(plan, layout=Layout.CARD, large_print=large_print, include_private=True)
        assert pages(data) == 1
    text = squash(pdf_text(render(sample, layout=Layout.CARD, large_print=large_print)))
    assert squash("Three things that help me most") in text
    for contact in sample.crisis_contacts()[:2]:
        assert squash(contact.phone) in text
    helps = [e.text for e in sample.entries_for("hard_times", "on_my_own") if not e.private]
    for line in helps[:3]:
        assert squash(line) in text


@pytest.mark.parametrize("large_print", [False, True])
def test_card_counts_the_contacts_it_leaves_out(large_print):
    plan = Plan.new("Kit")
    plan.contacts = [Contact(name=f"Person {i}", phone=f"07700 90000{i}", on_crisis_card=True,
                             best_times="Evenings and weekends")
                     for i in range(9)]
    text = pdf_text(render(plan, layout=Layout.CARD, large_print=large_print))
    shown = [i for i in range(9) if f"Person {i}" in text]
    assert shown == list(range(len(shown))) and 2 <= len(shown) < 9
    assert f"+{9 - len(shown)} more in my crisis plan" in text


def test_appointment_has_goals_chart_summary_and_unticked_topics_first(sample):
    data = render(sample, layout=Layout.APPOINTMENT)
    text = pdf_text(data)
    flat = squash(text)
    for goal in sample.goals:
        if not goal.private:
            assert squash(goal.what) in flat
    assert squash("check-ins.") in flat and squash("Since") in flat
    for label in ("Hope", "Feeling in control", "Doing things that matter"):
        assert squash(label) in flat
    # the chart is drawn: many line segments on the page that has it
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert max(len(page.lines) + len(page.curves) for page in pdf.pages) > 20
    topics = [t for t in sample.topics if not t.private]
    open_topics = [t for t in topics if not t.done_on]
    done_topics = [t for t in topics if t.done_on]
    assert open_topics and done_topics
    # only what is still to talk about, and before the goals
    positions = [flat.index(squash(t.text)) for t in open_topics]
    assert max(positions) < flat.index(squash("My goals and how they are going"))
    for topic in done_topics:
        assert squash(topic.text) not in flat


def test_checkin_summary_counts_with_plural_forms():
    plan = Plan.new("Sam")
    from recoveryplan.plans.model import CheckIn

    moment = dt.datetime(2026, 10, 20, 12, tzinfo=dt.timezone.utc)
    plan.checkins = [CheckIn(at=moment, hope=3, control=4, beyond=5)]
    text = squash(pdf_text(render(plan, layout=Layout.APPOINTMENT)))
    assert squash("1 check-in.") in text
    plan.checkins.append(CheckIn(at=moment + dt.timedelta(days=3), hope=6, control=4, beyond=2))
    text = squash(pdf_text(render(plan, layout=Layout.APPOINTMENT)))
    assert squash("2 check-ins. Hope rose from 3 to 6. Feeling in control stayed at 4.") in text


def test_sections_filter_prints_only_the_chosen_sections(sample):
    text = squash(pdf_text(render(sample, sections=("about_me", "goals"))))
    assert squash("About me") in text and squash("My goals") in text
    assert squash("Early warning signs") not in text and squash("My people") not in text
    assert squash(sample.contacts[0].phone) not in text


def test_large_print_sets_body_text_at_sixteen_points_or_more(sample):
    def body_size(data: bytes) -> float:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            sizes = [round(c["size"]) for c in pdf.pages[1].chars]
        return max(set(sizes), key=sizes.count)

    assert body_size(render(sample, large_print=True)) >= 16
    assert body_size(render(sample)) < 12


# -- languages -----------------------------------------------------------------------

@pytest.mark.parametrize("language", ["cy", "pl", "ar"])
def test_other_languages_format_dates_and_set_the_language(sample, language):
    data = render(sample, language=language)
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == language
    assert_fonts_embedded(reader)
    started = i18n.format_date(sample.info.started_on, language=language)
    text = squash(pdf_text(data))
    if language != "ar":
        assert squash(started) in text
    assert i18n.current_language() == "en"   # exporting never switches the app's language


def test_arabic_document_is_right_aligned(sample):
    data = render(sample, language="ar")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        width = page.width
        lines = page.extract_words(keep_blank_chars=False)
    right_edges = [w["x1"] for w in lines]
    left_edges = [w["x0"] for w in lines]
    # Every line ends at the right margin; many start well inside the page.
    assert max(right_edges) > width * 0.85
    assert min(left_edges) > 20
    assert sum(1 for x in right_edges if x > width * 0.85) > len(right_edges) * 0.2


@pytest.mark.parametrize("language", ["en", "ar"])
def test_arabic_with_vowel_marks_prints(sample, language):
    """Text a person types with Arabic vowel marks (harakat) must print:
    ReportLab used to fail on a run starting with a raised glyph."""
    from recoveryplan.plans.model import Entry

    import copy

    plan = copy.deepcopy(sample)
    words = "أَمَلِي أَنْ أَعُودَ إِلَى العَمَلِ"
    plan.entries.append(Entry(section="hopes", field="hopes", text=words))
    data = render_pdf(plan, PdfOptions(layout=Layout.PLAN, language=language))
    assert data.startswith(b"%PDF")
