#!/usr/bin/env python3
"""Keep the translation catalogues up to date (a thin wrapper over pybabel).

    python scripts/translations.py extract      # recoveryplan/**.py -> translations/recoveryplan.pot
    python scripts/translations.py update       # merge the .pot into every translations/<lang>.po
    python scripts/translations.py init LANG    # start a new language
    python scripts/translations.py compile      # .po -> recoveryplan/locale/<lang>/LC_MESSAGES/*.mo
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "recoveryplan.pot"
KEYWORDS = ["-k", "_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-k", "N_"]


def pybabel(*args: str) -> None:
    os.chdir(ROOT)  # so source references in the catalogues are relative
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    pybabel("extract", "-F", str(ROOT / "pyproject.toml"), *KEYWORDS, "--no-default-keywords",
            "--add-comments", "Translators:", "--sort-by-file", "--project", "Recovery Plan",
            "--msgid-bugs-address", "translations@recoveryplan.invalid", "-w", "100",
            "-o", str(POT), "recoveryplan")


def update() -> None:
    for po in sorted((ROOT / "translations").glob("*.po")):
        pybabel("update", "-i", str(POT), "-o", str(po), "-l", po.stem, "--no-fuzzy-matching",
                "-w", "100")


def init(lang: str) -> None:
    pybabel("init", "-i", str(POT), "-o", str(ROOT / "translations" / f"{lang}.po"), "-l", lang)


def compile_all() -> None:
    sys.path.insert(0, str(ROOT))
    from recoveryplan.catalogues import compile_catalogues

    for path in compile_catalogues(ROOT / "translations", ROOT / "recoveryplan" / "locale"):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "extract":
        extract()
    elif cmd == "update":
        update()
    elif cmd == "init" and len(sys.argv) == 3:
        init(sys.argv[2])
    elif cmd == "compile":
        compile_all()
    else:
        sys.exit(__doc__)
