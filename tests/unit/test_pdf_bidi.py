"""Mixed right-to-left and left-to-right text in the PDFs, checked on real
PDFs by where each glyph is drawn: the Unicode Bidirectional Algorithm
(python-bidi) orders the runs, HarfBuzz shapes and mirrors inside them."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest
from reportlab.platypus import SimpleDocTemplate

from recoveryplan.export import text as text_layer
from recoveryplan.export.styles import make_styles
from recoveryplan.export.text import embedding_levels, left_to_right, paragraph


def _lines(*spans, rtl_document: bool, style: str = "body", width: float = 400):
    """Each drawn line's characters, left to right (top line first)."""
    styles = make_styles(rtl=rtl_document)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, leftMargin=40, rightMargin=595 - 40 - width)
    doc.build([paragraph(*spans, style=getattr(styles, style), rtl_document=rtl_document)])
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        chars = pdf.pages[0].chars
    lines: list[list] = []
    baseline = None
    # top to bottom; a raised vowel mark stays with its line
    for char in sorted(chars, key=lambda c: -c["matrix"][5]):
        if baseline is None or baseline - char["matrix"][5] > 6:
            lines.append([])
            baseline = char["matrix"][5]
        lines[-1].append(char)
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _visual(chars) -> str:
    """The drawn letters left to right, Arabic folded to its plain letters."""
    return "".join(unicodedata.normalize("NFKC", c["text"]) for c in chars)


def _x(chars, needle: str) -> float:
    return chars[_visual(chars).index(needle)]["x0"]


def _arabic_x(chars, word: str) -> tuple[float, float]:
    """Leftmost and rightmost x of a drawn Arabic word (its letters in
    visual order are the word reversed)."""
    line = _visual(chars)
    start = line.index(word[::-1])
    xs = [c["x0"] for c in chars[start:start + len(word)]]
    return min(xs), max(xs)


@pytest.mark.parametrize("rtl_document", [True, False])
def test_phone_number_and_full_stop_in_an_arabic_sentence(rtl_document):
    [line] = _lines("سارة (أختي) 07700 900456.", rtl_document=rtl_document)
    visual = _visual(line)
    # right to left: سارة ( أختي ) 07700 900456 .  -- the number in groups is
    # kept in dialling order (left to right as a whole), the full stop still
    # ends the sentence on the left:
    assert visual.startswith(".07700 900456 ")
    assert _x(line, ".") < _x(line, "07700") < _x(line, "900456")
    left, right = _arabic_x(line, "أختي")
    sara_left, _ = _arabic_x(line, "سارة")
    # the bracket that opens in right-to-left text is drawn on the right of
    # the word, facing it: ")" on the right, "(" on the left
    assert _x(line, ")") > right and _x(line, "(") < left
    assert _x(line, ")") < sara_left


def test_a_latin_name_inside_an_arabic_line_keeps_its_order():
    [line] = _lines("أتصل بـ Sam Ellis كل يوم", rtl_document=True)
    assert "Sam Ellis" in _visual(line)
    assert _arabic_x(line, "أتصل")[0] > _x(line, "Ellis")
    assert _arabic_x(line, "يوم")[1] < _x(line, "Sam")


def test_arabic_inside_an_english_line_reads_right_to_left():
    [line] = _lines("I walk with أحمد سامي every morning.", rtl_document=False)
    visual = _visual(line)
    assert visual.startswith("I walk with ") and visual.endswith(" every morning.")
    # the first Arabic word is the right one of the two
    assert _arabic_x(line, "أحمد")[0] > _arabic_x(line, "سامي")[1]


def test_brackets_around_arabic_in_an_english_sentence():
    [line] = _lines("My sister (أختي) helps me.", rtl_document=False)
    visual = _visual(line)
    assert visual.startswith("My sister (") and visual.endswith(") helps me.")
    left, right = _arabic_x(line, "أختي")
    assert _x(line, "(") < left and _x(line, ")") > right


def test_brackets_around_english_in_an_arabic_sentence():
    # rule N0: the brackets belong to the Arabic sentence, not to "Wales"
    [line] = _lines("أعمل في (NHS) Wales الآن", rtl_document=True)
    visual = _visual(line)
    assert "Wales (NHS) " in visual
    assert _arabic_x(line, "في")[0] > _x(line, ")")


def test_a_word_that_changes_script_has_no_space_added():
    [line] = _lines("WiFiمجاني", rtl_document=False)
    assert _visual(line) == "WiFi" + "مجاني"[::-1]
    fonts = [c["fontname"] for c in line]
    assert "DejaVuSans" in fonts[0] and "NotoSansArabic" in fonts[-1]


def test_lines_are_ordered_one_by_one_after_wrapping():
    words = "أشعر بالأمل اليوم مع Sam Ellis في الحديقة. " * 6
    lines = _lines(words.strip(), rtl_document=True, width=200)
    assert len(lines) > 2
    for line in lines:
        visual = _visual(line)
        assert "مS" not in visual and "sم" not in visual   # no Latin glued to Arabic
        if "Sam" in visual and "Ellis" in visual:
            assert _x(line, "Sam") < _x(line, "Ellis")
    # the first logical word is at the right end of the first line
    first = lines[0]
    assert _arabic_x(first, "أشعر")[1] == max(c["x0"] for c in first)


def test_english_lines_in_an_arabic_document_keep_their_full_stop_at_the_end():
    [line] = _lines("• ", "I stop answering my phone.", rtl_document=True)
    visual = _visual(line)
    assert visual == "I stop answering my phone. •"


def test_phone_numbers_given_as_data_keep_their_groups_in_order():
    [line] = _lines(("b", left_to_right("07700 900456")), rtl_document=True)
    assert _visual(line) == "07700 900456"


def test_bold_arabic_uses_the_bold_arabic_face():
    [line] = _lines("خطتي للأزمات Plan 2", rtl_document=True, style="h1")
    fonts = {c["fontname"].split("+")[-1] for c in line if c["text"].strip()}
    assert fonts == {"NotoSansArabic-Bold", "DejaVuSans-Bold"}
    [line] = _lines(("b", "مهم:"), " نص عادي", rtl_document=True)
    fonts = {c["fontname"].split("+")[-1] for c in line if c["text"].strip()}
    assert fonts == {"NotoSansArabic-Bold", "NotoSansArabic-Regular"}


def test_levels_fall_back_to_the_python_algorithm(monkeypatch):
    monkeypatch.setattr(text_layer.bidi, "get_display", lambda *args, **kwargs: "no levels here")
    assert embedding_levels("أخي Sam", True) == [1, 1, 1, 1, 2, 2, 2]
