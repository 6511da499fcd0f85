"""Every word in the person's language: the catalogues are real and complete."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from recoveryplan import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
LANGS = [lang for lang in i18n.LANGUAGES if lang != "en"]
PLURAL_COUNTS = {"cy": 5, "pl": 3, "ar": 6}  # as Babel writes them


def _catalog(lang: str):
    with (TRANSLATIONS / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _template():
    with (TRANSLATIONS / "recoveryplan.pot").open("rb") as fh:
        return read_po(fh)


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_file_exists(lang):
    assert (TRANSLATIONS / f"{lang}.po").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_language_loads_a_real_catalogue(lang):
    """A missing .mo must not silently fall back to English."""
    translations = i18n.load_translations(lang)
    assert translations.gettext("My hopes") != "My hopes"
    i18n.set_language(lang)
    assert i18n._("About me") != "About me"


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_complete(lang):
    catalog = _catalog(lang)
    missing = []
    for template_message in _template():
        if not template_message.id:
            continue
        message = catalog.get(template_message.id, template_message.context)
        if message is None or not all(_strings(message)):
            missing.append(template_message.id)
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{len(missing)} untranslated in {lang}.po, e.g. {missing[:5]}"
    assert not fuzzy, f"fuzzy entries in {lang}.po: {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_the_placeholders(lang):
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_placeholders(i) for i in ids))
        for text in strings:
            if text:
                assert _placeholders(text) <= expected, (lang, message.id, text)
                # every placeholder of the singular must survive somewhere
        if strings and any(strings):
            found = set().union(*(_placeholders(t) for t in strings if t))
            assert _placeholders(ids[0]) - {"count"} <= found, (lang, message.id)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_header_and_use(lang):
    catalog = _catalog(lang)
    assert catalog.num_plurals == PLURAL_COUNTS[lang]
    translations = i18n.load_translations(lang)
    plurals = [m for m in catalog if isinstance(m.id, tuple) and m.id[0]]
    assert plurals, "no plural messages to check"
    message = plurals[0]
    seen = set()
    for n in (0, 1, 2, 3, 5, 11, 100, 101):
        text = translations.ngettext(message.id[0], message.id[1], n)
        assert text in message.string, (lang, n, text)
        seen.add(text)
    assert len(seen) >= min(2, PLURAL_COUNTS[lang])


def test_template_is_up_to_date(tmp_path):
    """Every marked string in the code is in the .pot (run
    `python scripts/translations.py extract` after changing strings)."""
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "recoveryplan"), method_map=[("**.py", "python")], keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _template() if m.id}
    missing = found - template
    assert not missing, f"not in translations/recoveryplan.pot: {sorted(missing)[:5]}"


# -- strings that escape extraction ------------------------------------------------

TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip",
    "setAccessibleName", "setAccessibleDescription", "setTitle", "showMessage", "addAction",
    "addMenu", "setLabelText", "setWhatsThis", "setHeaderLabels", "setSuffix", "setPrefix",
    "setSpecialValueText", "addTab", "setTabText", "setDisplayFormat", "addItem",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
    "Paragraph", "information", "warning", "question", "critical",
}
ALLOWED = re.compile(r"^[\W\d_]*$|^(Recovery Plan|recoveryplan|OK|…|[A-Z]{2,4})$")


def _unwrapped_literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in TEXT_CALLS:
            continue
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                text = arg.value.strip()
                if text and re.search(r"[A-Za-z]{2,}", text) and not ALLOWED.match(text) \
                        and not text.startswith(("<", "Q", ":/")) and " " in text:
                    yield node.lineno, text


def test_no_user_visible_literal_escapes_translation():
    offenders = []
    for folder in ("ui", "export"):
        for path in sorted((ROOT / "recoveryplan" / folder).rglob("*.py")):
            for line, text in _unwrapped_literals(path):
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not offenders, "wrap these in _():\n" + "\n".join(offenders[:20])


def test_pseudo_locale_brackets_and_keeps_placeholders():
    i18n.set_language(i18n.PSEUDO)
    text = i18n._("Saved the PDF to {path}.")
    assert text.startswith("[") and text.endswith("]") and "{path}" in text
    assert text.format(path="x")


def test_no_translation_call_hides_inside_an_f_string():
    """Babel's extractor cannot see _() inside f-string expressions, so such
    strings would silently stay in English."""
    hidden = []
    for path in sorted((ROOT / "recoveryplan").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "id", getattr(
                        inner.func, "attr", None)) in ("_", "ngettext", "pgettext", "N_") and any(
                        isinstance(arg, ast.Constant) for arg in inner.args):
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, "move these out of f-strings: " + ", ".join(hidden)
