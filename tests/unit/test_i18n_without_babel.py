"""The words need no Babel: ``i18n`` reads the catalogues with the standard
library, so the app's first screen comes up before Babel's locale data is
loaded; dates and numbers still come from Babel, imported when first needed."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

from babel import Locale
from babel.support import Translations

from recoveryplan import i18n

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "; print(' '.join(sorted(sys.modules)))"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_words_in_every_language_without_importing_babel():
    code = ("import sys; from recoveryplan import i18n; "
            "[(i18n.set_language(c), i18n._('Open my plan'), i18n.is_rtl()) "
            "for c in [*i18n.LANGUAGES, i18n.PSEUDO]]")
    loaded = _modules_after(code)
    assert "recoveryplan.i18n" in loaded
    assert not {m for m in loaded if m == "babel" or m.startswith("babel.")}


def test_the_catalogues_read_as_babel_reads_them():
    for code in i18n.LANGUAGES:
        if code == i18n.DEFAULT_LANGUAGE:
            continue
        ours = i18n.load_translations(code)
        babel = Translations.load(str(i18n.LOCALE_DIR), [code], i18n.DOMAIN)
        assert babel._catalog, f"no {code} catalogue compiled"
        for key, text in babel._catalog.items():     # plural forms keyed (msgid, n)
            assert ours._catalog[key] == text, (code, key)
        assert ours.plural(5) == babel.plural(5) and ours.plural(2) == babel.plural(2)


def test_the_direction_of_each_language_is_babels():
    for code in [*i18n.LANGUAGES, i18n.PSEUDO]:
        expected = Locale.parse(i18n.FORMAT_LOCALES[code]).text_direction == "rtl"
        assert i18n.is_rtl(code) is expected, code
    assert i18n.is_rtl("he") and not i18n.is_rtl("de")     # not offered: Babel says


def test_dates_and_numbers_still_come_from_babel():
    assert i18n.format_date(dt.date(2024, 3, 5), language="cy") == "5 Mawrth 2024"
    assert i18n.format_number(1234567, language="pl") == "1\xa0234\xa0567"
