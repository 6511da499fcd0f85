"""Compile ``.po`` catalogues to ``.mo`` (used at build time and by the tests).

Imports Babel only, so the build hook can run it before the package's own
dependencies are installed.
"""

from __future__ import annotations

from pathlib import Path

DOMAIN = "recoveryplan"


def compile_catalogues(po_dir: Path, locale_dir: Path) -> list[Path]:
    """Compile every ``<lang>.po`` in ``po_dir``; return the ``.mo`` paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(Path(po_dir).glob("*.po")):
        lang = po.stem
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        out = Path(locale_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(out)
    return written


if __name__ == "__main__":  # python -m recoveryplan.catalogues
    here = Path(__file__).resolve().parent
    for path in compile_catalogues(here.parent / "translations", here / "locale"):
        print(path)
