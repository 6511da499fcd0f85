"""A language's catalogue is read from disk once and kept while its file
stays the same; a catalogue installed, replaced or removed since is noticed
at the next use (a PDF in Welsh, the crisis screen's built-in services)."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from recoveryplan import i18n


def _install(folder, language: str, words: dict[str, str]) -> None:
    catalog = Catalog(locale=language, domain=i18n.DOMAIN)
    for source, translated in words.items():
        catalog.add(source, translated)
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with open(target / f"{i18n.DOMAIN}.mo", "wb") as out:
        write_mo(out, catalog)


def test_a_replaced_catalogue_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    _install(tmp_path, "cy", {"Need help now?": "Angen help nawr?"})
    assert i18n.translator("cy")._("Need help now?") == "Angen help nawr?"
    assert i18n.load_translations("cy") is i18n.load_translations("cy")   # kept
    _install(tmp_path, "cy", {"Need help now?": "Angen cymorth nawr?"})
    assert i18n.translator("cy")._("Need help now?") == "Angen cymorth nawr?"


def test_a_removed_catalogue_is_missing_again(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    _install(tmp_path, "pl", {"Need help now?": "Potrzebujesz pomocy?"})
    assert i18n.translator("pl")._("Need help now?") == "Potrzebujesz pomocy?"
    shutil.rmtree(tmp_path / "pl")
    with pytest.raises(i18n.CatalogueMissing):
        i18n.load_translations("pl")
    assert i18n.translator("pl")._("Need help now?") == "Need help now?"    # English words
