"""Every word right, not just present: plural forms pinned where languages
differ, nothing invisible inside text a person copies, and the terms each
glossary (translations/glossary-*.md) settles kept to."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from recoveryplan import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LANGS = [lang for lang in i18n.LANGUAGES if lang != "en"]

#: Which msgstr[] index each CLDR plural category uses in our catalogues.
#: Arabic and Polish follow CLDR exactly; Welsh has CLDR's six categories in
#: five forms, zero sharing "other" (stated in cy.po's header comment).
FORM_OF_CATEGORY = {
    "ar": {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 4, "other": 5},
    "cy": {"other": 0, "zero": 0, "one": 1, "two": 2, "few": 3, "many": 4},
    "pl": {"one": 0, "few": 1, "many": 2, "other": 2},
}


def _catalog(lang: str):
    with (TRANSLATIONS / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_header_follows_cldr(lang):
    """The header's expression picks, for every count, the form CLDR's
    category for that count is written in: a header that shifts forms
    (such as Babel's own older rule for Arabic) fails here."""
    from gettext import c2py

    catalog = _catalog(lang)
    choose = c2py(catalog.plural_expr)
    locale = Locale.parse(lang)
    wrong = [(n, choose(n), locale.plural_form(n)) for n in range(0, 1200)
             if choose(n) != FORM_OF_CATEGORY[lang][locale.plural_form(n)]]
    assert not wrong, f"{lang}.po Plural-Forms disagrees with CLDR, e.g. (n, form, category) {wrong[:5]}"


#: (language, singular msgid, {count: exact text the app shows}).
PINNED = [
    ("ar", "{count} page.", {
        0: "لا صفحات.", 1: "صفحة واحدة.", 2: "صفحتان.", 3: "3 صفحات.", 6: "6 صفحات.",
        10: "10 صفحات.", 11: "11 صفحةً.", 99: "99 صفحةً.", 100: "100 صفحة.", 101: "101 صفحة.",
        102: "102 صفحة.", 103: "103 صفحات.", 111: "111 صفحةً."}),
    ("ar", "{count} entry just for me is hidden.", {
        0: "لا بنود مخفية لأنها لي وحدي.", 1: "بند واحد مخفيّ لأنه لي وحدي.",
        2: "بندان مخفيّان لأنهما لي وحدي.", 3: "3 بنود مخفية لأنها لي وحدي.",
        6: "6 بنود مخفية لأنها لي وحدي.", 11: "11 بندًا مخفيًّا لأنه لي وحدي.",
        100: "100 بند مخفيّ لأنه لي وحدي."}),
    ("ar", "{count} review", {
        0: "لا مراجعات", 1: "مراجعة واحدة", 2: "مراجعتان", 3: "3 مراجعات", 6: "6 مراجعات",
        11: "11 مراجعةً", 100: "100 مراجعة"}),
    ("ar", " minute", {
        1: " دقيقة", 2: " دقيقتين", 3: " دقائق", 6: " دقائق", 11: " دقيقةً", 100: " دقيقة"}),
    ("cy", "{count} page.", {
        0: "0 o dudalennau.", 1: "1 dudalen.", 2: "2 dudalen.", 3: "3 tudalen.", 4: "4 o dudalennau.",
        6: "6 thudalen.", 11: "11 o dudalennau.", 100: "100 o dudalennau."}),
    ("cy", "{count} entry just for me is hidden.", {
        0: "Mae 0 o gofnodion sydd i mi yn unig wedi'u cuddio.",
        1: "Mae 1 cofnod sydd i mi yn unig wedi'i guddio.",
        2: "Mae 2 gofnod sydd i mi yn unig wedi'u cuddio.",
        3: "Mae 3 chofnod sydd i mi yn unig wedi'u cuddio.",
        6: "Mae 6 chofnod sydd i mi yn unig wedi'u cuddio.",
        11: "Mae 11 o gofnodion sydd i mi yn unig wedi'u cuddio.",
        100: "Mae 100 o gofnodion sydd i mi yn unig wedi'u cuddio."}),
    ("cy", "…and {count} more problem.", {
        0: "…a 0 o broblemau eraill.", 1: "…a 1 broblem arall.", 2: "…a 2 broblem arall.",
        3: "…a 3 problem arall.", 6: "…a 6 phroblem arall.", 11: "…a 11 o broblemau eraill.",
        100: "…a 100 o broblemau eraill."}),
    ("cy", " minute", {1: " munud", 2: " funud", 3: " munud", 6: " munud", 11: " munud", 100: " munud"}),
    ("pl", "{count} page.", {
        0: "0 stron.", 1: "1 strona.", 2: "2 strony.", 3: "3 strony.", 6: "6 stron.", 11: "11 stron.",
        12: "12 stron.", 22: "22 strony.", 100: "100 stron.", 102: "102 strony.", 112: "112 stron."}),
    ("pl", "{count} entry just for me is hidden.", {
        0: "0 wpisów tylko dla mnie jest ukrytych.", 1: "1 wpis tylko dla mnie jest ukryty.",
        2: "2 wpisy tylko dla mnie są ukryte.", 3: "3 wpisy tylko dla mnie są ukryte.",
        6: "6 wpisów tylko dla mnie jest ukrytych.", 11: "11 wpisów tylko dla mnie jest ukrytych.",
        22: "22 wpisy tylko dla mnie są ukryte.", 100: "100 wpisów tylko dla mnie jest ukrytych."}),
    # "Lock my plan when I haven't used it for" … after "przez": accusative
    ("pl", " minute", {1: " minutę", 2: " minuty", 3: " minuty", 6: " minut", 11: " minut",
                       22: " minuty", 100: " minut"}),
]


@pytest.mark.parametrize("lang, singular, expected", PINNED,
                         ids=[f"{lang}:{singular.strip()[:24]}" for lang, singular, _ in PINNED])
def test_plural_output_is_pinned(lang, singular, expected):
    """What the compiled catalogue shows at the counts where languages differ."""
    catalog = _catalog(lang)
    message = next(m for m in catalog if isinstance(m.id, tuple) and m.id[0] == singular)
    translations = i18n.load_translations(lang)
    got = {n: translations.ngettext(message.id[0], message.id[1], n).format(count=n)
           for n in expected}
    assert got == expected


# -- nothing invisible in what a person copies -------------------------------------

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
PHONE = re.compile(r"\b(?:999|111|116 123)\b")


def _invisible(text: str) -> list[str]:
    """Format characters (direction marks, isolates, zero-width joiners...)."""
    return [f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) == "Cf"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_invisible_direction_marks_in_catalogue(lang):
    """Direction is the code's job (i18n.isolate / i18n.ltr, at display time):
    a mark typed into a catalogue ends up in whatever a person copies, such as
    ‎--passphrase-stdin, which the shell then does not recognise."""
    offenders = []
    for message in _catalog(lang):
        if not message.id:
            continue
        allowed = set(_invisible("".join(_ids(message))))
        for text in _strings(message):
            marks = set(_invisible(text)) - allowed
            if marks:
                offenders.append((message.id, sorted(marks)))
    assert not offenders, f"{lang}.po: {offenders[:5]}"


def _stands_alone(neighbour: str) -> bool:
    """A double-click selects the token alone: next to a space, punctuation
    or the start or end of the text, never a letter, a dash or an invisible mark."""
    return not neighbour or not (re.match(r"[\w-]", neighbour) or _invisible(neighbour))


@pytest.mark.parametrize("lang", LANGS)
def test_flags_and_numbers_are_kept_exactly(lang):
    """Command-line flags and crisis numbers read exactly as in English, each
    a whole word a person can select and copy."""
    offenders = []
    for message in _catalog(lang):
        if not message.id:
            continue
        source = " ".join(_ids(message))
        tokens = FLAG.findall(source) + PHONE.findall(source)
        for text in _strings(message):
            for token in tokens:
                found = [m for m in re.finditer(re.escape(token), text)
                         if _stands_alone(text[m.start() - 1:m.start()])
                         and _stands_alone(text[m.end():m.end() + 1])]
                if not found:
                    offenders.append((token, text))
    assert not offenders, f"{lang}.po: {offenders[:5]}"


# -- the glossaries' choices, kept to ------------------------------------------------

#: (language, msgid pattern, what the translation must not say, why).
NOT_SAID = [
    ("ar", None, re.compile(r"يُ?رجَ?ى|الرجاء|رجاءً|نرجو"),
     "a formal request: use a direct, kind imperative (اتصل، اختر، اكتب)"),
    ("ar", re.compile(r"(?i)\bcan help with\b"), re.compile(r"يمكنه\b"),
     "assumes the contact is a man: مجالات المساعدة"),
    ("pl", re.compile(r"(?i)appointment"), re.compile(r"(?i)spotka"),
     "a health appointment is “wizyta”"),
    ("pl", re.compile(r"(?i)plan(ning)? together"), re.compile(r"(?i)\b(?:planuj\w*|planowa\w*)\s+razem|razem\s+planow"),
     "planning together is “wspólne planowanie”"),
    ("pl", re.compile(r"(?i)didn't open"), re.compile(r"nie otworzył"),
     "literal: “Tym hasłem nie da się otworzyć…”"),
    ("cy", re.compile(r"(?i)check-in"), re.compile(r"(?i)g?wiriad"),
     "“gwiriad” is checking the files; a check-in is “sesiwn les”"),
]


@pytest.mark.parametrize("lang, source, wording, why", NOT_SAID,
                         ids=[f"{lang}:{why[:30]}" for lang, _s, _w, why in NOT_SAID])
def test_glossary_terms_are_kept(lang, source, wording, why):
    offenders = [message.id for message in _catalog(lang) if message.id
                 and (source is None or any(source.search(i) for i in _ids(message)))
                 and any(wording.search(text) for text in _strings(message))]
    assert not offenders, f"{lang}.po ({why}; see translations/glossary-{lang}.md): {offenders[:5]}"


def test_arabic_yes_no_questions_are_real_questions():
    """A yes/no question in Arabic is asked with هل, not left as a bare noun
    ("المتابعة رغم ذلك؟"), above all the guard on what is just for me."""
    catalog = _catalog("ar")
    yes_no = re.compile(r"(?:^|[.!?]\s+)(?:Do|Would|Close|Include|Share|Replace|Save|Make)\b[^.?!]*\?$")
    bare = []
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        english = message.id.replace("&", "")
        if yes_no.search(english):
            last = re.split(r"(?<=[.!؟])\s+", message.string.replace("&", ""))[-1]
            if not last.startswith("هل "):
                bare.append((english, last))
    assert len([m for m in catalog if m.id and not isinstance(m.id, tuple)
                and yes_no.search(m.id.replace("&", ""))]) >= 8
    assert not bare, bare[:5]


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_crisis_service_names_carry_a_gloss(lang):
    """A person who has never heard of "Samaritans" sees what it is."""
    from recoveryplan.plans.model import default_crisis_services

    names = {service.phone: service.name for service in default_crisis_services(lang)}
    for phone, english in (("111", "NHS 111"), ("116 123", "Samaritans")):
        assert names[phone].startswith(english + " ("), names[phone]
        assert names[phone].endswith(")") and len(names[phone]) > len(english) + 4
