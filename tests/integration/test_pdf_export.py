"""Writing PDFs to disk: atomic, nothing left behind, kind messages."""

from __future__ import annotations

import errno
import os

import pytest
from pypdf import PdfReader

from recoveryplan.export import pdf as pdf_module
from recoveryplan.export.pdf import ExportError, Layout, PdfOptions, export_pdf
from recoveryplan.plans.samples import load_sample_plan


@pytest.fixture(scope="module")
def plan():
    return load_sample_plan()


@pytest.mark.parametrize("layout", list(Layout))
def test_export_writes_the_pdf_and_nothing_else(tmp_path, plan, layout):
    target = tmp_path / "my plan.pdf"
    export_pdf(plan, target, PdfOptions(layout=layout))
    assert os.listdir(tmp_path) == ["my plan.pdf"]
    assert len(PdfReader(target).pages) >= 1


def test_export_replaces_an_older_file(tmp_path, plan):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    export_pdf(plan, target, PdfOptions(layout=Layout.CARD))
    assert target.read_bytes().startswith(b"%PDF")
    assert os.listdir(tmp_path) == ["plan.pdf"]


def test_a_missing_folder_is_a_plain_message(tmp_path, plan):
    with pytest.raises(ExportError) as caught:
        export_pdf(plan, tmp_path / "gone" / "plan.pdf", PdfOptions())
    assert "folder" in str(caught.value)
    assert os.listdir(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path, plan, monkeypatch):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf_module.os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        export_pdf(plan, target, PdfOptions(layout=Layout.CRISIS))
    message = str(caught.value)
    assert "space" in message
    assert plan.info.owner_name not in message and str(tmp_path) not in message
    assert os.listdir(tmp_path) == ["plan.pdf"]
    assert target.read_bytes() == b"old"


def test_a_layout_failure_is_a_plain_message_and_writes_nothing(tmp_path, plan, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValueError(plan.entries[0].text)

    monkeypatch.setattr(pdf_module, "render", broken)
    with pytest.raises(ExportError) as caught:
        export_pdf(plan, tmp_path / "plan.pdf", PdfOptions())
    assert plan.entries[0].text not in str(caught.value)
    assert os.listdir(tmp_path) == []


def test_messages_follow_the_apps_language_not_the_pdfs(tmp_path, plan):
    from recoveryplan import i18n

    with pytest.raises(ExportError) as english:
        export_pdf(plan, tmp_path / "gone" / "plan.pdf", PdfOptions())
    with pytest.raises(ExportError) as welsh_pdf:
        export_pdf(plan, tmp_path / "gone" / "plan.pdf", PdfOptions(language="cy"))
    assert str(welsh_pdf.value) == str(english.value)
    i18n.set_language("qps-ploc")
    try:
        with pytest.raises(ExportError) as pseudo:
            export_pdf(plan, tmp_path / "gone" / "plan.pdf", PdfOptions(language="en"))
    finally:
        i18n.set_language("en")
    assert str(pseudo.value) != str(english.value)
