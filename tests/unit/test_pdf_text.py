"""The text layer of the PDFs: escaping, font runs, placeholders, and
right-to-left lines in visual order (checked on real PDFs by glyph position)."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.platypus import SimpleDocTemplate

from recoveryplan.export.fonts import PLACEHOLDER, fallback_family, fonts
from recoveryplan.export.styles import make_styles
from recoveryplan.export.text import embedding_levels, markup, paragraph


def test_markup_escapes_what_the_person_typed():
    assert markup("<b>hi</b> & &amp;") == "&lt;b&gt;hi&lt;/b&gt; &amp; &amp;amp;"


def test_line_breaks_are_kept_and_control_characters_dropped():
    assert markup("one\r\ntwo\x07") == "one<br/>two"


def test_arabic_runs_use_the_arabic_font_with_their_inner_spaces():
    styles = make_styles()
    para = paragraph("Hi مرحبا بكم.", style=styles.body)
    runs = [(f.fontName, f.text) for f in para.frags]
    # the full stop ends the English sentence: it takes its direction
    assert runs == [("RPSans", "Hi "), ("RPArabic", "مرحبا بكم"), ("RPArabic", ".")]


def test_a_word_may_mix_fonts_without_an_added_space():
    styles = make_styles()
    para = paragraph("WiFiمجاني", style=styles.body)
    assert [(f.fontName, f.text) for f in para.frags] == [("RPSans", "WiFi"), ("RPArabic", "مجاني")]
    chars = _chars("WiFiمجاني", False)
    assert "".join(c["text"] for c in chars if c["text"].isascii()) == "WiFi"
    assert not any(c["text"] == " " for c in chars)


def test_characters_no_font_has_become_a_visible_placeholder():
    private = "\ue000"     # a private-use character: no font on any system means it
    assert fallback_family(private) is None
    assert markup(f"a{private}b") == f"a{PLACEHOLDER}b"


def test_characters_the_shipped_fonts_lack_come_from_the_system():
    unicorn = "\U0001f984"
    assert ord(unicorn) not in fonts().sans | fonts().arabic
    assert fallback_family(unicorn) is not None      # Symbola (fonts-symbola)
    assert fallback_family("中") is not None          # a CJK font (fonts-wqy-microhei)
    assert markup(f"a{unicorn}b") == f"a{unicorn}b"
    # a skin-tone modifier draws nothing on a monochrome emoji: left out
    assert markup("\U0001f44d\U0001f3fd") == "\U0001f44d"


def test_direction_marks_steer_the_order_and_are_not_printed():
    # kept for the bidi algorithm, then dropped: nothing of them is drawn
    assert markup("24\u200f/06\u200f/2026") == "24\u200f/06\u200f/2026"
    chars = _chars("24\u200f/06\u200f/2026", True)
    assert "".join(c["text"] for c in chars) == "2026/06/24"


def test_the_shipped_fonts_cover_every_script_of_the_app():
    covered = fonts().sans | fonts().arabic
    for ch in "ŵŷŴŶâ ąćęłńóśźżĄĆĘŁŃÓŚŹŻ ΣήμεραΩ ЖжЇїҐґ أشعر بالأمل ☐☑":
        assert ord(ch) in covered, ch


@pytest.mark.parametrize(("text", "rtl", "expected"), [
    # a Latin name and a number after it keep their own order inside Arabic
    ("أخي Sam 12", True, "1111222222"),
    # Arabic words inside English
    ("I saw أخي today", False, "000000111000000"),
    # brackets around English in Arabic take the Arabic side (rule N0)
    ("في (NHS) Wales", True, "11112221122222"),
])
def test_embedding_levels_come_from_the_bidi_algorithm(text, rtl, expected):
    assert "".join(map(str, embedding_levels(text, rtl))) == expected


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
    # visual, left to right: 07700 900456 على Sam Ellis بـ اتصل (a number
    # written in groups is kept in dialling order as a whole)
    assert _x(chars, "07700") < _x(chars, "900456") < _x(chars, "Sam") < _x(chars, "Ellis")
    assert max(arabic) > _x(chars, "Ellis") and min(arabic) > _x(chars, "07700")


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
