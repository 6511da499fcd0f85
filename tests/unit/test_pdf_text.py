"""The text layer of the PDFs: escaping, font runs, placeholders, and
right-to-left lines in visual order (checked on real PDFs by glyph position)."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.platypus import SimpleDocTemplate

from recoveryplan.export.fonts import PLACEHOLDER, fonts
from recoveryplan.export.styles import make_styles
from recoveryplan.export.text import _levels, _reorder, markup, paragraph


def test_markup_escapes_what_the_person_typed():
    assert markup("<b>hi</b> & &amp;") == "&lt;b&gt;hi&lt;/b&gt; &amp; &amp;amp;"


def test_line_breaks_are_kept_and_control_characters_dropped():
    assert markup("one\r\ntwo\x07") == "one<br/>two"


def test_arabic_runs_use_the_arabic_font_with_their_inner_spaces():
    assert markup("Hi مرحبا بكم.") == 'Hi <font name="RPArabic">مرحبا بكم.</font>'


def test_a_word_never_mixes_fonts():
    # ReportLab shapes a word with the font of its first letter, so a
    # Latin letter touching an Arabic one is set apart by a space.
    assert markup("WiFiمجاني") == 'WiFi <font name="RPArabic">مجاني</font>'


def test_characters_no_font_has_become_a_visible_placeholder():
    unicorn = "\U0001f984"
    assert unicorn and ord(unicorn) not in fonts().sans | fonts().arabic
    assert markup(f"a{unicorn}b") == f"a{PLACEHOLDER}b"
    # a skin-tone modifier belongs to the emoji before it: one placeholder
    assert markup("\U0001f44d\U0001f3fd") == PLACEHOLDER


def test_direction_marks_are_dropped_not_printed():
    assert markup("24\u200f/06\u200f/2026") == "24/06/2026"


def test_the_shipped_fonts_cover_every_script_of_the_app():
    covered = fonts().sans | fonts().arabic
    for ch in "ŵŷŴŶâ ąćęłńóśźżĄĆĘŁŃÓŚŹŻ ΣήμεραΩ ЖжЇїҐґ أشعر بالأمل ☐☑":
        assert ord(ch) in covered, ch


@pytest.mark.parametrize(("kinds", "rtl", "expected"), [
    # all right-to-left words: reversed
    (["R", "R", "R"], True, [2, 1, 0]),
    # a Latin name and a number keep their own order inside Arabic
    (["R", "R", "L", "L", "R", "EN", "EN"], True, [5, 6, 4, 2, 3, 1, 0]),
    # Arabic words inside English: just they are reversed
    (["L", "R", "R", "L"], False, [0, 2, 1, 3]),
    # a number after Arabic words stays with them in a left-to-right line
    (["L", "R", "EN", "L"], False, [0, 2, 1, 3]),
])
def test_words_are_put_in_visual_order(kinds, rtl, expected):
    assert _reorder(list(range(len(kinds))), _levels(kinds, rtl)) == expected


def _chars(text: str, rtl_document: bool):
    styles = make_styles(rtl=rtl_document)
    out = io.BytesIO()
    SimpleDocTemplate(out).build([paragraph(text, style=styles.body, rtl_document=rtl_document)])
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        return sorted(pdf.pages[0].chars, key=lambda c: c["x0"])


def _x(chars, text: str) -> float:
    line = "".join(c["text"] for c in chars)
    return chars[line.index(text)]["x0"]


@pytest.mark.parametrize("rtl_document", [True, False])
def test_arabic_line_with_a_latin_name_and_number_reads_right(rtl_document):
    chars = _chars("اتصل بـ Sam Ellis على 07700 900456", rtl_document)
    arabic = [c["x0"] for c in chars if "NotoSansArabic" in c["fontname"]]
    # visual, left to right: 07700 900456 على Sam Ellis بـ اتصل
    assert _x(chars, "07700") < _x(chars, "900456") < _x(chars, "Sam") < _x(chars, "Ellis")
    assert max(arabic) > _x(chars, "Ellis") and min(arabic) > _x(chars, "900456")


def test_brackets_face_the_right_way_in_right_to_left_text():
    chars = _chars("(مرحبا)", True)
    text = "".join(c["text"] for c in chars if c["text"] in "()")
    assert text == "()"


def test_arabic_indic_numbers_read_left_to_right():
    chars = _chars("رقم ١٢٣٤٥", True)
    digits = "".join(c["text"] for c in chars if "\u0660" <= c["text"] <= "\u0669")
    assert digits == "١٢٣٤٥"


def test_english_paragraphs_in_an_arabic_document_keep_their_word_order():
    chars = _chars("Most days I walk", True)
    line = "".join(c["text"] for c in chars)
    assert line.replace(" ", "") == "MostdaysIwalk"   # no "st" ligature, in order
