"""The README tells people where their plan is kept: it must be where the app keeps it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_names_the_real_default_plan_folder(qapp, _isolated_home):
    from recoveryplan.ui.app import _application, default_plan_path

    _application(["recoveryplan"])
    QStandardPaths.setTestModeEnabled(False)   # the real location, inside this test's home
    try:
        relative = default_plan_path().relative_to(_isolated_home)
    finally:
        QStandardPaths.setTestModeEnabled(True)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    people = readme.split("## Quick start", 1)[0]
    assert f"`{relative.as_posix()}`" in people.replace("\n", " ")
