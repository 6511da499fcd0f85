"""Crisis-ready paper, parsed back: every layout in English, Welsh and
Arabic, normal and large print, on the sample plan and on a hard plan.

pdfplumber gives positions and sizes (what is on which line, in which box,
how large), pypdf the outline and the document IDs.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
from functools import lru_cache

import pdfplumber
import pytest
from pypdf import PdfReader

from recoveryplan import i18n
from recoveryplan.export.fonts import ARABIC, SANS
from recoveryplan.export.pdf import Layout, PdfOptions, render, render_pdf, unprintable_message
from recoveryplan.plans.exchange import snapshot_of
from recoveryplan.plans.model import Contact, Entry, Goal, LifeArea, Plan, Review, Topic
from recoveryplan.plans.samples import generate_plan, load_sample_plan

TODAY = dt.date(2026, 11, 1)
LANGUAGES = ["en", "cy", "ar"]
SIZES = [False, True]


@lru_cache(maxsize=None)
def sample() -> Plan:
    return load_sample_plan()


@lru_cache(maxsize=None)
def hard() -> Plan:
    return generate_plan(goals=12, entries=40, hard=True)


PLANS = {"sample": sample, "hard": hard}


@lru_cache(maxsize=None)
def made(plan: str, layout: Layout, language: str = "en", large: bool = False) -> bytes:
    return render_pdf(PLANS[plan](), PdfOptions(layout=layout, language=language,
                                                large_print=large), today=TODAY)


def squash(text: str) -> str:
    """No white space (NBSP included), ligatures and presentation forms folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def lines_of(page) -> list[str]:
    """Each line of a page, its characters in visual order, left to right."""
    return [squash("".join(c["text"] for c in sorted(line["chars"], key=lambda c: c["x0"])))
            for line in page.extract_text_lines()]


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


#: Every layout's matrix on both plans, except the longest two on the hard
#: plan in large print and Welsh (the same code at more pages; time).
CASES = [(plan, layout, language, large)
         for plan in PLANS for layout in Layout for language in LANGUAGES for large in SIZES
         if not (plan == "hard" and layout in (Layout.PLAN, Layout.APPOINTMENT, Layout.WISHES)
                 and (large or language == "cy"))]


# -- every page ----------------------------------------------------------------------

@pytest.mark.parametrize("plan,layout,language,large", CASES)
def test_every_page_has_the_name_the_day_printed_and_page_x_of_y(plan, layout, language, large):
    data = made(plan, layout, language, large)
    name = squash(PLANS[plan]().info.owner_name)
    tr = i18n.Translator(language)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages)
        # (every page's footer is drawn by the same code at the end: the first
        # two and the last stand for the rest, and keep the test quick)
        for number, page in enumerate(pdf.pages, start=1):
            if 2 < number < total:
                continue
            footer = page.crop((0, page.height - 20 * 2.83465, page.width, page.height))
            text = "".join(lines_of(footer))
            assert name in text, (number, text)
            assert "2026" in text and "1" in text
            if language == "ar":
                # Arabic runs right to left: the words of the footer are all there
                for word in tr._("Page {number} of {total}").split():
                    if "{" not in word:
                        assert squash(word)[::-1] in text or squash(word) in text
            else:
                printed = tr._("Printed {date}").format(date=i18n.format_date(TODAY, language=language))
                assert squash(printed) in text, (number, text)
                assert squash(tr._("Page {number} of {total}").format(number=number, total=total)) in text


@pytest.mark.parametrize("layout", list(Layout))
def test_private_and_partial_copies_say_so_on_their_first_page(layout):
    for options, words in ((dict(include_private=True), "Includes entries marked “just for me”"),
                           (dict(sections=("hard_times", "my_people")), "Selected sections only")):
        data = render_pdf(sample(), PdfOptions(layout=layout, **options), today=TODAY)
        assert squash(words) in squash(page_texts(data)[0]), layout
    assert "Selected" not in page_texts(made("sample", layout))[0]


# -- the crisis plan ---------------------------------------------------------------------

@pytest.mark.parametrize("plan,language,large",
                         [(p, lang, large) for p in PLANS for lang in LANGUAGES for large in SIZES])
def test_crisis_plan_opens_with_the_summary_box_and_who_to_call(plan, language, large):
    data = made(plan, Layout.CRISIS, language, large)
    first = PLANS[plan]().crisis_contacts()[0]
    digits = squash(first.phone)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        # the box: thick rules across most of the page
        rules = [e for e in page.edges if e.get("linewidth", 0) >= 1.5]
        assert rules
        box = {"x0": min(e["x0"] for e in rules), "x1": max(e["x1"] for e in rules),
               "top": min(e["top"] for e in rules), "bottom": max(e["bottom"] for e in rules)}
        assert box["x1"] - box["x0"] > page.width * 0.7
        inside = [c for c in page.chars
                  if box["x0"] <= c["x0"] and c["x1"] <= box["x1"] and box["top"] <= c["top"] <= box["bottom"]]
        inside_lines = page.crop((box["x0"], box["top"], box["x1"], box["bottom"]))
        assert any(digits in line for line in lines_of(inside_lines))
        # the name, large, above the box
        name = PLANS[plan]().info.owner_name
        big = "".join(c["text"] for c in page.chars if c["size"] > (20 if large else 14) and c["top"] < box["top"])
        assert squash(name.split()[0]) in squash(big) or language == "ar"
        for service in PLANS[plan]().services:
            # each number under its name, not beside it ("NHS 111 111")
            assert any(squash(service.phone) in line and squash(service.name) not in line
                       for line in lines_of(inside_lines)), service.phone
        # the services' numbers are on their own lines, under their names (not "NHS 111 111")
        assert inside


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", SIZES)
def test_the_sample_crisis_plan_fits_two_pages(language, large):
    data = made("sample", Layout.CRISIS, language, large)
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2


def test_crisis_plan_steps_follow_in_order_and_wishes_stay_on_one_page():
    data = made("sample", Layout.CRISIS, "en", True)
    pages = [squash(t) for t in page_texts(data)]
    flat = "".join(pages)
    steps = [flat.index(squash(f"Step {n}:")) for n in range(1, 6)]
    assert steps == sorted(steps)
    assert squash("Step 6:") not in flat
    # the signs lead on to what I can do; each thing to try, to the next step
    assert squash("If I notice these, go on to step 2.") in flat
    for n in range(3, 6):
        assert squash(f"If this doesn't help, go on to step {n}.") in flat
    wishes = [e.text for e in sample().entries
              if e.field.startswith("care_") and e.field != "care_not_involve" and not e.private]
    holding = {i for i, text in enumerate(pages) for w in wishes if squash(w) in text}
    assert len(holding) == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", SIZES)
def test_crisis_plan_starts_with_my_warning_signs(language, large):
    """Step 1 holds what I notice, the signs I need more help and what I
    would like others to do, before the things I can do on my own."""
    tr = i18n.Translator(language)
    data = made("sample", Layout.CRISIS, language, large)
    flat = squash("".join(page_texts(data)))

    def where(text: str) -> int:
        # Arabic pages hold these English entries as words, so find a
        # word of each (the first long one) in the text layer
        if language == "ar":
            text = max(text.split(), key=len)
        found = flat.find(squash(text))
        assert found >= 0, text
        return found

    step1 = where(tr._("Step {number}: {title}").format(
        number=i18n.format_number(1, language=language), title=tr._("Early warning signs")))
    if language == "ar":
        step1 = 0
    signs = [e.text for field in ("i_notice", "others_do")
             for e in sample().entries_for("warning_signs", field)]
    assert len(signs) == 7
    last_sign = max(where(text) for text in signs)
    for label in ("What I notice", "Signs I need more help", "What I would like others to do"):
        assert step1 <= where(tr._(label)) < where(sample().entries_for("hard_times", "on_my_own")[0].text)
    assert step1 <= min(where(text) for text in signs)
    assert last_sign < where(sample().entries_for("hard_times", "on_my_own")[0].text)
    # "what other people may notice" and "what I will do" stay in My plan
    assert squash(tr._("What I will do")) not in flat


def test_the_crisis_plan_leaves_out_my_warning_signs_when_i_untick_them():
    sections = ("hard_times", "my_people")
    data = render_pdf(sample(), PdfOptions(layout=Layout.CRISIS, sections=sections), today=TODAY)
    flat = squash("".join(page_texts(data)))
    assert squash("I stop baking.") not in flat and squash("What I notice") not in flat
    assert squash("Signs I need more help") in flat
    assert squash("I stop baking.") in squash("".join(page_texts(made("sample", Layout.CRISIS))))


def test_more_space_between_two_contacts_than_inside_one():
    data = made("sample", Layout.CRISIS, "en", False)
    megan, tom = sample().crisis_contacts()[:2]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        # each column on its own (lines side by side would run together)
        lines = [(squash(line["text"]), line) for page in pdf.pages
                 for half in ((0, 0, page.width / 2, page.height),
                              (page.width / 2, 0, page.width, page.height))
                 for line in page.crop(half).extract_text_lines(layout=False)]
    # step 4 lists Megan (name, number, best times) then Tom, after the box
    start = max(i for i, (text, _line) in enumerate(lines) if text.startswith("MeganEllis"))
    found = [line for text, line in lines[start:start + 8]
             if text.startswith(("MeganEllis", squash(megan.phone), squash(megan.best_times)[:10],
                                 "TomAshby"))]
    assert len(found) >= 4
    tops = dict(zip(("megan", "megan_no", "megan_times", "tom"), found))
    inside = tops["megan_no"]["top"] - tops["megan"]["bottom"]
    between = tops["tom"]["top"] - tops["megan_times"]["bottom"]
    assert between > inside * 1.5


def column_lines(page) -> list[str]:
    """``lines_of`` each half of a two-column page on its own."""
    return [line for half in ((0, 0, page.width / 2, page.height),
                              (page.width / 2, 0, page.width, page.height))
            for line in lines_of(page.crop(half))]


@pytest.mark.parametrize("large", SIZES)
def test_english_words_in_an_arabic_crisis_plan_stay_in_reading_order(large):
    """An English entry and its detail ("Letting the garden know – Text
    Ruth") read left to right on every line of an Arabic page, and a
    contact's name and who they are keep the dash between them."""
    data = made("sample", Layout.CRISIS, "ar", large)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [line.strip("\u2022") for page in pdf.pages for line in column_lines(page)]
    practical = [squash(e.text + " \u2013 " + e.detail)
                 for e in sample().entries_for("hard_times", "practical")]
    checked = 0
    for line in lines:
        parts = [part for part in line.split("\u2013") if len(part) >= 8]
        if "\u2013" not in line or not parts:
            continue
        mine = [whole for whole in practical if any(part in whole for part in parts)]
        if mine:
            assert any(line in whole for whole in mine), line
            checked += 1
    assert checked >= 3
    megan = sample().crisis_contacts()[0]
    assert any(squash(f"{megan.relationship} \u2013 {megan.name}") in line for line in lines), lines


# -- contact details never break -----------------------------------------------------------

def _broken(lines: list[str], value: str, allowed: str = "") -> bool:
    """Whether ``value`` starts at the end of one line and ends on the next,
    broken after a character not in ``allowed``."""
    for first, second in zip(lines, lines[1:]):
        for cut in range(1, len(value)):
            if (value[cut - 1] not in allowed and first.endswith(value[:cut])
                    and second.startswith(value[cut:])):
                return True
    return False


def awkward_plan() -> Plan:
    plan = copy.deepcopy(sample())
    plan.contacts.append(Contact(name="Agnieszka Wiśniewska-Kowalczyk", relationship="Relationships coach",
                                 phone="+44 7700 900 777", email="agnieszka.wisniewska-kowalczyk@example.co.uk",
                                 best_times="Weekday mornings", on_crisis_card=True))
    return plan


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", SIZES)
@pytest.mark.parametrize("layout", [Layout.PLAN, Layout.CRISIS, Layout.CARD])
def test_phone_numbers_emails_and_names_stay_in_one_piece(layout, language, large):
    plan = awkward_plan()
    data = render_pdf(plan, PdfOptions(layout=layout, language=language, large_print=large,
                                       sections=("my_people", "hard_times")), today=TODAY)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [line for page in pdf.pages for line in lines_of(page)]
    flat = "".join(lines)
    checked = 0
    for contact in plan.contacts:
        phone = squash(contact.phone)
        if phone and phone in flat:
            checked += 1
            assert any(phone in line for line in lines), phone
            assert not _broken(lines, phone), phone
        email = squash(contact.email)
        if email and layout is Layout.PLAN:
            # the sample's emails fit on a line; a very long one breaks only after @ or .
            if contact in sample().contacts:
                assert any(email in line for line in lines), email
            assert not _broken(lines, email, allowed="@."), email
    for service in plan.services:
        assert any(squash(service.phone) in line for line in lines)
    assert checked >= 3
    if language != "ar":
        for word in ("Wiśniewska-Kowalczyk", "Relationships", "Agnieszka"):
            if squash(word) in flat:
                assert any(squash(word) in line for line in lines), word


# -- the pocket card ---------------------------------------------------------------------------

def crowded_card_plan() -> Plan:
    plan = Plan.new("Kit")
    plan.contacts = [Contact(name=f"Person {i}", phone=f"07700 90000{i}", on_crisis_card=True,
                             best_times="Evenings and weekends, not before nine")
                     for i in range(8)]
    long = "Breathe slowly in for four and out for six, then again, " * 8
    plan.entries = [Entry(section="hard_times", field="on_my_own", text=long + str(i))
                    for i in range(3)]
    return plan


@pytest.mark.parametrize("plan", ["sample", "hard", "crowded"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", SIZES)
def test_card_numbers_are_never_small(plan, language, large):
    source = crowded_card_plan() if plan == "crowded" else PLANS[plan]()
    data = render_pdf(source, PdfOptions(layout=Layout.CARD, language=language, large_print=large),
                      today=TODAY)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        numbers = [c for c in page.chars if c["text"].isdigit() and "Bold" in c["fontname"]
                   and c["top"] < page.height - 25 * 2.83465]
        assert numbers
        assert min(c["size"] for c in numbers) >= (10 if large else 8) - 0.01
        text = page.extract_text()
    if plan == "crowded":
        shown = [i for i in range(8) if f"Person {i}" in text]
        assert shown == list(range(len(shown))) and len(shown) < 8
        if language == "en":
            assert f"+{8 - len(shown)} more in my crisis plan" in text
            assert "more in my crisis plan" in text.split("Three things")[-1]
    if language == "en" and plan == "sample":
        assert "Evenings after six, and weekends" in text    # best times
        assert "actual size" in text


@pytest.mark.parametrize("large", SIZES)
def test_card_is_larger_in_large_print_with_a_five_centimetre_check(large):
    data = made("sample", Layout.CARD, "en", large)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        dotted = max(page.rects, key=lambda r: r["width"] * r["height"])
        check = [line for line in page.lines if abs(line["width"] - 50 * 72 / 25.4) < 0.5]
    assert check, "a 5 cm line"
    area = dotted["width"] * dotted["height"] / (72 / 25.4) ** 2
    assert area > (2 * 85.6 * 54 * 1.8 if large else 2 * 85.6 * 54 * 0.99)


# -- For my appointment ---------------------------------------------------------------------

def test_appointment_leaves_out_a_past_date_and_has_room_for_notes():
    plan = copy.deepcopy(sample())
    plan.info.next_appointment_on = TODAY - dt.timedelta(days=3)
    text = squash("".join(page_texts(render_pdf(plan, PdfOptions(layout=Layout.APPOINTMENT),
                                                today=TODAY))))
    assert squash("Appointment on") not in text
    assert squash("Notes from my appointment") in text
    assert squash("Appointment on 19 November 2026") in squash("".join(page_texts(
        made("sample", Layout.APPOINTMENT))))


def test_appointment_first_page_is_never_blank_with_a_long_goals_table():
    plan = generate_plan(goals=60, entries=20)
    plan.topics = []
    data = render_pdf(plan, PdfOptions(layout=Layout.APPOINTMENT), today=TODAY)
    first = squash(page_texts(data)[0])
    assert squash(plan.goals[0].what) in first
    assert squash("My goals and how they are going") in first


# -- long documents ------------------------------------------------------------------------

def money_plan() -> Plan:
    plan = copy.deepcopy(sample())
    plan.life_area(LifeArea.MONEY).now_text = " ".join(
        ["I am sorting out my bills one at a time and it is slow going."] * 60)
    return plan


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_row_that_runs_on_keeps_its_label_and_headers_are_only_at_page_tops(language):
    tr = i18n.Translator(language)
    data = render_pdf(money_plan(), PdfOptions(sections=("life_beyond",), language=language),
                      today=TODAY)
    continued = squash(tr._("{label}, continued").format(label=tr._(LifeArea.MONEY.label)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages[1:]
        assert len(pages) >= 3
        texts = [squash(t) for t in page_texts(data)[1:]]
        if language == "ar":   # the words of "{label}, continued" besides the label
            words = [squash(w) for w in tr._("{label}, continued").replace("{label}", " ").split()]
            words = [w.strip(",،") for w in words if w.strip(",،")]
            runs_on = sum(1 for t in texts if all(w in t or w[::-1] in t for w in words))
        else:
            runs_on = sum(1 for t in texts if continued in t)
        for page in pages:
            for word in page.search(tr._("Where things are now").split()[0]):
                above = [c for c in page.chars if c["top"] < word["top"] - 2
                         and c["top"] < page.height - 25 * 2.83465]
                heading = squash("".join(c["text"] for c in above))
                # nothing above a header but the section's heading
                assert not heading or len(heading) <= len(squash(tr._("Life beyond illness"))), heading
        assert runs_on >= 2


def test_an_attribution_stays_with_its_entry():
    plan = Plan.new("Ali")
    plan.entries = [Entry(section="keeping_well", field="everyday",
                          text=" ".join(["Walking by the river helps me think."] * 10 * i + ["Last words."]),
                          together_with="Priya") for i in range(1, 12)]
    data = render_pdf(plan, PdfOptions(), today=TODAY)
    for text in page_texts(data)[1:]:
        lines = [line for line in text.splitlines() if line.strip()]
        body = [line for line in lines if "Private and confidential" not in line and "Page" not in line]
        assert not body[0].startswith("Added together with"), body[:2]


def test_my_plan_has_an_outline_a_contents_list_when_long_and_a_fresh_id():
    data = made("sample", Layout.PLAN, "en", True)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 8
    outline = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]
    titles = [title for title, _page in outline]
    assert titles[:3] == ["About me", "My hopes", "My strengths"]
    assert "My people" in titles and "Reviews" in titles
    for title, page in outline:
        assert squash(title) in squash(reader.pages[page - 1].extract_text())
    cover = squash(reader.pages[0].extract_text())
    assert squash("In this plan") in cover
    for title, page in outline[:6]:
        assert squash(f"{title}{page}") in cover
    short = PdfReader(io.BytesIO(made("sample", Layout.PLAN, "en", False)))
    assert len(short.pages) > 8 or squash("In this plan") not in squash(short.pages[0].extract_text())
    again = PdfReader(io.BytesIO(render_pdf(sample(), PdfOptions(large_print=True), today=TODAY)))
    assert reader.trailer["/ID"][0] != again.trailer["/ID"][0]
    crisis = PdfReader(io.BytesIO(made("sample", Layout.CRISIS)))
    assert crisis.trailer["/ID"][0] not in (reader.trailer["/ID"][0], again.trailer["/ID"][0])


def test_since_my_last_review_lists_what_changed_in_the_apps_words():
    from recoveryplan.plans.changes import compare, detail_lines, plan_dict

    plan = copy.deepcopy(sample())
    review = Review(date=dt.date(2026, 10, 20), who_was_there="Priya")
    review.snapshot = snapshot_of(plan)
    plan.reviews.append(review)
    plan.topics.append(Topic(text="Ask about the walking group leaflet"))
    plan.goals[0].what = "Volunteer at the community garden twice a week"
    data = render_pdf(plan, PdfOptions(since_last_review=True), today=TODAY)
    text = squash("".join(page_texts(data)))
    report = compare(review.snapshot, plan_dict(plan), hide_private=True)
    lines = [line for changes in report.sections if not changes.empty
             for line in detail_lines(changes)]
    assert any("Ask about the walking group leaflet" in line for line in lines)
    for line in lines:
        assert squash(line) in text, line
    assert squash("New: Ask about the walking group leaflet") in text


# -- no character disappears ------------------------------------------------------------------

def script_plan() -> Plan:
    plan = Plan.new("Wei")
    for words in ("我今天感觉好多了", "Bread 🍞 and 👍🏽 thumbs", "Find the office in Cardiff",
                  "اتصل على ٠٧٧٠٠ ٩٠٠١٢٣", "A sign \ue000 no font has"):
        plan.entries.append(Entry(section="keeping_well", field="everyday", text=words))
    return plan


def _fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.mark.parametrize("language", ["en", "ar"])
def test_chinese_and_emoji_come_from_system_fonts_and_copy_as_typed(language):
    result = render(script_plan(), PdfOptions(language=language, sections=("keeping_well",)),
                    today=TODAY)
    shipped = {"DejaVuSans", "DejaVuSans-Bold", "NotoSansArabic-Regular", "NotoSansArabic-Bold"}
    assert _fonts(result.data) - shipped, "a font from the system"
    text = "".join(page_texts(result.data))
    assert "我今天感觉好多了" in squash(text)
    assert "🍞" in text and "👍" in text            # the real code points
    assert "Cardiff" in text and "\ufb00" not in text and "\ufb01" not in text
    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        lines = lines_of(pdf.pages[1])
    assert any("٠٧٧٠٠٩٠٠١٢٣" in line for line in lines)     # dialling order, left to right
    assert result.unprintable == ["\ue000"]


def test_the_unprintable_report_counts_and_names():
    assert unprintable_message([]) == ""
    message = unprintable_message(["\ue000", "\U000f0000", "\ue001"])
    assert message.startswith("3 characters can't be printed:") and "U+E000" in message
    assert unprintable_message(["\ue000"]).startswith("1 character can't be printed")
    assert render(sample(), PdfOptions(), today=TODAY).unprintable == []


# -- My wishes about care --------------------------------------------------------------------

STATEMENT = ("This is a statement of my wishes about my care and treatment, in my own words, for a "
             "time when I may find it hard to say what I want. Please read it and take it into "
             "account in any decision about my care. It is not a legal document by itself.")

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", SIZES)
def test_wishes_layout_is_an_advance_statement(language, large):
    tr = i18n.Translator(language)
    data = made("sample", Layout.WISHES, language, large)
    reader = PdfReader(io.BytesIO(data))
    assert str(reader.metadata["/Title"]) == tr._("My wishes about care")
    text = squash("".join(page_texts(data)))
    for entry in sample().entries:
        if entry.private or entry.section != "hard_times" or not entry.field.startswith(("care_", "practical")):
            continue
        if language == "ar":    # English lines in an Arabic page: every word is there
            assert all(squash(word) in text for word in entry.text.split())
        else:
            assert squash(entry.text) in text
    if language != "ar":
        for words in (STATEMENT, "My signature", "Witness or professional (if I wish)",
                      "Their signature", "My name"):
            assert squash(tr._(words)) in text, words
        assert squash("Jordan") in text
        assert squash(i18n.format_date(TODAY, language=language)) in text
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        # lines to sign on
        assert sum(len(page.lines) for page in pdf.pages) >= 6


@pytest.mark.parametrize("plan", list(PLANS))
@pytest.mark.parametrize("large", SIZES)
def test_no_heading_sits_alone_at_the_foot_of_a_crisis_plan_column(plan, large):
    data = made(plan, Layout.CRISIS, "en", large)
    body = 12.5 if large else 9
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["top"] < page.height - 20 * 2.83465]
            for left in (True, False):
                column = [c for c in chars if (c["x0"] < page.width / 2) == left]
                if not column:
                    continue
                last_top = max(c["top"] for c in column)
                last = [c for c in column if abs(c["top"] - last_top) < 2]
                heading = all("Bold" in c["fontname"] and c["size"] > body * 1.02 for c in last)
                assert not heading, "".join(c["text"] for c in last)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_long_used_plan_in_large_print_still_makes_its_crisis_plan_with_every_word(language):
    """Long entries in what helps, what doesn't and who not to contact made
    the box taller than a page in large print, and the crisis plan could not
    be made at all. The box now shortens them (and says "More below."), and
    every one of them is printed whole further on."""
    plan = generate_plan(goals=40, entries=400, checkins=30, reviews=0, seed=7)
    long_ones = ["Walking by the canal helps when " + "my thoughts race and I can't sit still, " * 12
                 + f"and then I can breathe again ({n})." for n in range(4)]
    for n, text in enumerate(long_ones):
        plan.entries.append(Entry(section="hard_times", field=("helps_unwell", "not_helps_unwell",
                                                               "care_not_involve")[n % 3], text=text))
    data = render_pdf(plan, PdfOptions(layout=Layout.CRISIS, language=language, large_print=True),
                      today=TODAY)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0]
        rules = [e for e in first.edges if e.get("linewidth", 0) >= 1.5]
        assert rules, "the box is on page 1"
        bottom = max(e["bottom"] for e in rules)
        halves = ((0, first.width / 2), (first.width / 2, first.width))
        # the box's two columns, the people's and the lists', one after the other
        boxed = squash("".join(first.crop((x0, 0, x1, bottom)).extract_text() for x0, x1 in halves))
        assert "..." in boxed or language == "ar"     # an ellipsis (folded by squash)
        assert squash("More below.") in boxed or language != "en"
        # two columns: read each page's left column, then its right one
        everything = squash("".join(
            page.crop((x0, bottom if page is first else 0, x1, page.height)).extract_text()
            for page in pdf.pages
            for x0, x1 in ((0, page.width / 2), (page.width / 2, page.width))))
    if language == "en":
        for text in long_ones:
            assert squash(text) in everything
    for entry in plan.entries_for("hard_times", "helps_unwell"):    # in the box whole, or below
        if entry.text.strip() and language == "en":
            assert squash(entry.text) in boxed + everything


def test_the_summary_box_names_my_care_coordinator_and_gp():
    data = made("sample", Layout.CRISIS)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        rules = [e for e in page.edges if e.get("linewidth", 0) >= 1.5]
        box = page.crop((min(e["x0"] for e in rules), min(e["top"] for e in rules),
                         max(e["x1"] for e in rules), max(e["bottom"] for e in rules)))
        text = squash(box.extract_text())
    for words in ("In a crisis", "Call first", "My care coordinator", "Priya Anand-Wells",
                  "01632 960123", "My GP", "Dr Helen Marsh", "01632 960456", "What helps me",
                  "What does not help me", "Please don't contact"):
        assert squash(words) in text, words


# -- read as a stranger would ----------------------------------------------------------------

@pytest.mark.parametrize("layout", [Layout.CRISIS, Layout.APPOINTMENT, Layout.WISHES])
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("large", SIZES)
def test_a_date_at_the_top_never_breaks_across_lines(layout, language, large):
    """"printed 1 / November 2026" would read as two things."""
    data = made("sample", layout, language, large)
    day = squash(i18n.format_date(TODAY, language=language))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        top = page.crop((0, 0, page.width, page.height / 3))
        assert any(day in line for line in lines_of(top)), lines_of(top)


@pytest.mark.parametrize("layout", [Layout.APPOINTMENT, Layout.WISHES])
@pytest.mark.parametrize("large", SIZES)
def test_an_arabic_first_line_starts_on_the_right_with_my_name(layout, large):
    """"Jordan · موعد في …": each part is its own run, so the name (in Latin
    letters) comes first, on the right, and the dates after it."""
    data = made("sample", layout, "ar", large)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = lines_of(pdf.pages[0].crop((0, 0, pdf.pages[0].width, pdf.pages[0].height / 3)))
    mine = [line for line in lines if "Jordan" in line]
    assert mine and all(line.endswith("Jordan") for line in mine), mine


@pytest.mark.parametrize("large", SIZES)
def test_the_notes_page_of_my_appointment_is_ruled_to_its_foot(large):
    data = made("sample", Layout.APPOINTMENT, "en", large)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = pdf.pages[-1]
        assert "Notes from my appointment" in last.extract_text()
        rules = [line for line in last.lines if line["x1"] - line["x0"] > last.width / 2
                 and line["top"] < last.height - 20 * 2.83465]
        lowest = max(line["top"] for line in rules)
        # the last rule less than two rules' height above the text's foot
        gap = (16 if large else 10.5) * 2.2
        assert lowest > last.height - 20 * 2.83465 - 2 * gap, (lowest, len(rules))


@pytest.mark.parametrize("large", SIZES)
def test_the_card_names_nhs_111_once(large):
    """A service whose name holds its number prints "NHS 111", not "NHS 111 111"."""
    text = squash(page_texts(made("sample", Layout.CARD, "en", large))[0])
    assert squash("NHS 111") in text and squash("NHS 111 111") not in text
    assert squash("Samaritans 116 123") in text


@pytest.mark.parametrize("layout", [Layout.CRISIS, Layout.APPOINTMENT, Layout.WISHES])
def test_the_first_line_has_one_dot_between_its_parts(layout):
    text = squash(page_texts(made("sample", layout))[0])
    assert "\u00b7\u00b7" not in text
    assert squash("last reviewed 13 October 2026 · printed 1 November 2026") in text or (
        layout is Layout.APPOINTMENT and squash("· printed 1 November 2026") in text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", SIZES)
def test_an_entry_and_its_detail_start_on_the_same_page(language, large):
    """"Paying the rent." at the foot of a page, and who will take care of
    it on the next, would read as two things."""
    data = made("sample", Layout.WISHES, language, large)
    pages = [squash(text) for text in page_texts(data)]
    for entry in sample().entries_for("hard_times", "practical"):
        if language == "ar":    # English lines in an Arabic page: a word of each
            text, detail = max(entry.text.split(), key=len), entry.detail.split()[0]
        else:
            text, detail = squash(entry.text), squash(entry.detail)[:12]
        first = next(i for i, page in enumerate(pages) if squash(text) in page)
        assert squash(detail) in pages[first], (entry.text, first)
