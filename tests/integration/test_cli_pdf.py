"""export-pdf on the command line: what changed since my last review."""

from __future__ import annotations

import re
import unicodedata

from pypdf import PdfReader

from test_cli import PASS, no_traceback, plan_dir, run  # noqa: F401 - fixture
from test_cli_reviews import SECOND, add_reviews

HEADING = "Since my last review on 2 June 2026"


def text_of(path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def export(plan, out, *flags):
    return run("export-pdf", str(plan), str(out), *flags, "--passphrase-stdin",
               stdin=PASS + "\n", check=True)


def test_since_last_review_begins_with_what_changed(plan_dir, tmp_path):  # noqa: F811
    add_reviews(plan_dir)
    out = tmp_path / "plan.pdf"
    result = export(plan_dir, out, "--since-last-review")
    no_traceback(result)
    assert SECOND.isoformat() == "2026-06-02"
    text = text_of(out)
    assert HEADING in text
    assert text.index(HEADING) < text.index("My hopes")


def test_without_the_flag_there_is_no_summary(plan_dir, tmp_path):  # noqa: F811
    add_reviews(plan_dir)
    out = tmp_path / "plan.pdf"
    export(plan_dir, out)
    assert "Since my last review" not in text_of(out)


def test_with_no_review_yet_it_says_so_and_still_saves(plan_dir, tmp_path):  # noqa: F811
    out = tmp_path / "plan.pdf"
    result = export(plan_dir, out, "--since-last-review")
    assert "no review yet" in result.stdout
    assert "Since my last review" not in text_of(out)
    assert len(PdfReader(out).pages) >= 1


def test_other_layouts_ignore_it(plan_dir, tmp_path):  # noqa: F811
    add_reviews(plan_dir)
    out = tmp_path / "crisis.pdf"
    result = export(plan_dir, out, "--layout", "crisis", "--since-last-review")
    assert "no review yet" not in result.stdout
    assert "Since my last review" not in text_of(out)


def _import(plan_dir, tmp_path, extra: str = "") -> None:
    from recoveryplan.plans import exchange
    from recoveryplan.plans.model import Entry
    from recoveryplan.plans.samples import load_sample_plan

    plan = load_sample_plan()
    if extra:
        plan.entries.append(Entry(section="keeping_well", field="everyday", text=extra))
    source = tmp_path / "plan.json"
    exchange.write_document(source, exchange.to_document(plan))
    run("import-json", str(plan_dir), str(source), "--passphrase-stdin", stdin=PASS + "\n",
        check=True)


def test_wishes_layout_from_the_command_line(plan_dir, tmp_path):  # noqa: F811
    _import(plan_dir, tmp_path)
    out = tmp_path / "wishes.pdf"
    result = export(plan_dir, out, "--layout", "wishes")
    no_traceback(result)
    text = text_of(out)
    assert "My wishes about care" in text and "It is not a legal document by itself." in text
    assert "My signature" in text and "Talking therapy a couple of years ago." in text


def test_characters_that_cannot_print_are_reported(plan_dir, tmp_path):  # noqa: F811
    _import(plan_dir, tmp_path, extra="A sign \ue000 and \ue001 no font has")
    out = tmp_path / "plan.pdf"
    result = export(plan_dir, out)
    assert "2 characters can't be printed:" in result.stdout
    assert "U+E000" in result.stdout and "U+E001" in result.stdout
    assert out.exists()
    clean = tmp_path / "crisis.pdf"
    assert "can't be printed" not in export(plan_dir, clean, "--layout", "crisis").stdout
