"""Every install has the compiled catalogues, and a missing one is reported."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

from babel.support import Translations

from recoveryplan import cli, i18n
from test_cli import PASS, plan_dir  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]


def test_an_editable_install_compiles_the_catalogues(tmp_path):
    """``pip install -e .`` runs the package from the source folder, so the
    catalogues must be compiled there. pip's editable build runs setup.py's
    build_py in editable mode; so does this (without needing pip, a network
    or the wheel package)."""
    source = tmp_path / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "locale", "_resources")
    for name in ("recoveryplan", "translations", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    script = ("import setuptools  # first: distutils is then setuptools' own\n"
              "from distutils.core import run_setup\n"
              "dist = run_setup('setup.py', stop_after='config')\n"
              "cmd = dist.get_command_obj('build_py')\n"
              "cmd.editable_mode = True\n"
              "cmd.build_lib = 'build-lib'\n"
              "cmd.ensure_finalized()\n"
              "cmd.run()\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=source, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    for lang in ("cy", "pl", "ar"):
        mo = source / "recoveryplan" / "locale" / lang / "LC_MESSAGES" / "recoveryplan.mo"
        assert mo.is_file(), lang
        catalogue = Translations.load(str(mo.parent.parent.parent), [lang], "recoveryplan")
        assert catalogue.gettext("Language") != "Language"


def _export_arabic_pdf(plan, out):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.run(["export-pdf", str(plan), str(out), "--locale", "ar", "--passphrase-stdin"],
                   stdin=io.StringIO(PASS + "\n"), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_a_pdf_in_a_language_whose_words_are_missing_warns(plan_dir, tmp_path,  # noqa: F811
                                                          monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "no-catalogues")
    code, out, err = _export_arabic_pdf(plan_dir, tmp_path / "plan.pdf")
    assert code == 0, err
    assert "العربية" in err and "aren't installed" in err
    assert (tmp_path / "plan.pdf").is_file()
    assert "Saved the PDF" in out


def test_no_warning_when_the_words_are_there(plan_dir, tmp_path):  # noqa: F811
    code, _out, err = _export_arabic_pdf(plan_dir, tmp_path / "plan.pdf")
    assert code == 0
    assert err == ""
