"""Share my plan on paper: the export dialog on a real, unlocked plan.

The preview must show the very pages ``render_pdf`` makes; "just for me"
entries need two yeses before they leave the app; saving and printing
write real PDFs, read back here with pypdf.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QListWidget
from pypdf import PdfReader

from recoveryplan import storage
from recoveryplan.export.options import Layout, PdfOptions
from recoveryplan.export.pdf import render_pdf
from recoveryplan.plans.samples import load_sample_plan
from recoveryplan.ui.share.choices import LAYOUT_SECTIONS
from recoveryplan.ui.share.export_dialog import ExportDialog, prepare

from conftest import PASSPHRASE

RENDER_TIMEOUT = 30_000


# -- helpers shared with test_share_json ------------------------------------------------------

def store_sample(plan_dir) -> None:
    """The sample plan ("just for me" entries, two reviews) on disk."""
    db, _key = storage.create_plan(plan_dir, PASSPHRASE, load_sample_plan())
    db.close()


def squash(text: str) -> str:
    """Text without whitespace (lines wrap anywhere), ligatures folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return squash("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture
def created_plan(plan_dir) -> None:
    store_sample(plan_dir)


def shown_text(plan) -> str:
    return next(e.text for e in plan.entries if e.section == "hopes" and not e.private)


def private_text(plan) -> str:
    return next(e.text for e in plan.entries if e.private and e.section == "keeping_well")


def wait_rendered(qtbot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.rendering and dialog.preview.page_count() > 0,
                    timeout=RENDER_TIMEOUT)


def open_dialog(qtbot, window) -> ExportDialog:
    window.actions_["share_paper"].trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    wait_rendered(qtbot, dialog)
    return dialog


def expected_pages(window, options: PdfOptions) -> int:
    """Pages of ``render_pdf``'s own PDF for these options (with the newest
    review's copy of the plan loaded when they ask for it)."""
    session = window.session
    plan = prepare(copy.deepcopy(session.plan), options, session.db.load_snapshot)
    return pdf_pages(render_pdf(plan, options))


# -- the dialog ------------------------------------------------------------------------------

def test_the_menu_opens_the_dialog_with_the_real_pages(qtbot, open_window):
    window = open_window
    action = window.actions_["share_paper"]
    assert action in window.findChild(type(window.menuBar().actions()[0].menu()), "fileMenu").actions()
    assert "Ctrl+P" in [seq.toString() for seq in action.shortcuts()]
    dialog = open_dialog(qtbot, window)
    options = dialog.choices.options()
    assert options.layout is Layout.PLAN and not options.include_private
    assert options.sections is None
    pages = expected_pages(window, options)
    assert pages > 2
    assert dialog.preview.page_count() == pages
    second = dialog.preview.item(1)
    assert second.data(Qt.ItemDataRole.AccessibleTextRole) == f"Page 2 of {pages}"
    assert second.data(Qt.ItemDataRole.AccessibleDescriptionRole) == f"Page 2 of {pages}"
    assert not second.icon().isNull()
    owner = window.session.plan.info.owner_name
    assert owner not in dialog.windowTitle()


def test_changing_the_layout_draws_the_pages_again(qtbot, open_window):
    window = open_window
    dialog = open_dialog(qtbot, window)
    plan_pages = dialog.preview.page_count()
    for layout in (Layout.CRISIS, Layout.CARD, Layout.APPOINTMENT):
        button = dialog.choices.layout_buttons[layout]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        assert dialog.rendering
        wait_rendered(qtbot, dialog)
        options = dialog.choices.options()
        assert options.layout is layout
        assert dialog.preview.page_count() == expected_pages(window, options)
        shown = [dialog.choices.sections_list.item(row).data(Qt.ItemDataRole.UserRole)
                 for row in range(dialog.choices.sections_list.count())
                 if not dialog.choices.sections_list.isRowHidden(row)]
        assert set(shown) == set(LAYOUT_SECTIONS[layout])
    assert dialog.choices.period_row.isVisibleTo(dialog)
    assert dialog.preview.page_count() < plan_pages


@pytest.mark.parametrize("layout", [Layout.CRISIS, Layout.CARD, Layout.WISHES])
def test_each_layout_offers_exactly_the_parts_it_prints(layout):
    """Unticking a part the layout prints changes its pages, so every part
    it prints is in its list (the crisis plan prints my early warning
    signs; the card takes "keeping well" only when "hard times" has too little)."""
    from recoveryplan.plans.sections import SECTIONS

    plan = load_sample_plan()
    everything = pdf_text(render_pdf(plan, PdfOptions(layout=layout)))
    printed = set()
    for spec in SECTIONS:
        rest = tuple(s.key for s in SECTIONS if s.key != spec.key)
        text = pdf_text(render_pdf(plan, PdfOptions(layout=layout, sections=rest)))
        if text.replace(squash("Selected sections only"), "") != everything:
            printed.add(spec.key)
    assert printed <= set(LAYOUT_SECTIONS[layout])
    if layout is not Layout.CARD:
        assert printed == set(LAYOUT_SECTIONS[layout])
    if layout is Layout.CRISIS:
        assert "warning_signs" in printed


def test_options_reach_the_pdf(qtbot, open_window):
    window = open_window
    dialog = open_dialog(qtbot, window)
    plain = dialog.preview.page_count()
    dialog.choices.large_print.setChecked(True)
    dialog.choices.set_section_checked("goals", False)
    dialog.choices.language_box.setCurrentIndex(dialog.choices.language_box.findData("cy"))
    dialog.choices.since_review.setChecked(True)
    wait_rendered(qtbot, dialog)
    options = dialog.choices.options()
    assert options.large_print and options.language == "cy" and options.since_last_review
    assert "goals" not in options.sections
    assert dialog.preview.page_count() != plain
    assert dialog.preview.page_count() == expected_pages(window, options)


def test_just_for_me_is_asked_about_twice(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    dialog = open_dialog(qtbot, window)
    check = dialog.choices.private_check
    # First question declined: it stays off.
    dialogs.answers.append(False)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert not check.isChecked() and not dialog.rendering
    assert [s.kind for s in dialogs.shown] == ["question"]
    # First question accepted: on, and the preview is drawn with them.
    dialogs.answers.append(True)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert check.isChecked()
    wait_rendered(qtbot, dialog)
    assert dialog.choices.options().include_private
    # Second question declined: nothing is written, no file is even asked for.
    dialogs.shown.clear()
    dialogs.answers.append(False)
    target = tmp_path / "mine.pdf"
    dialogs.paths.append(target)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [s.kind for s in dialogs.shown] == ["question"]
    assert not target.exists()
    # Both yeses: the PDF holds the "just for me" entry.
    dialogs.answers.append(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.kind == "information" for s in dialogs.shown),
                    timeout=RENDER_TIMEOUT)
    assert squash(private_text(window.session.plan)) in pdf_text(target.read_bytes())


def test_save_writes_the_pdf_without_what_is_just_for_me(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    dialog = open_dialog(qtbot, window)
    dialogs.paths.append(tmp_path / "for my nurse")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.kind == "information" for s in dialogs.shown),
                    timeout=RENDER_TIMEOUT)
    saved = tmp_path / "for my nurse.pdf"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == [saved.name]
    text = pdf_text(saved.read_bytes())
    plan = window.session.plan
    assert squash(shown_text(plan)) in text
    assert squash(private_text(plan)) not in text
    assert not [s for s in dialogs.shown if s.kind == "question"]
    assert pdf_pages(saved.read_bytes()) == dialog.preview.page_count()


def test_a_failed_save_is_a_kind_message(qtbot, open_window, dialogs, tmp_path):
    dialog = open_dialog(qtbot, open_window)
    dialogs.paths.append(tmp_path / "no such folder" / "plan.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.kind == "warning" for s in dialogs.shown), timeout=RENDER_TIMEOUT)
    warning = next(s for s in dialogs.shown if s.kind == "warning")
    assert "folder" in warning.text and "Traceback" not in warning.text
    assert dialog.save_button.isEnabled()


def test_print_prints_the_same_pages(qtbot, open_window, dialogs, tmp_path):
    window = open_window
    out = tmp_path / "printed.pdf"
    chosen = []

    def choose(printer: QPrinter, _parent) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)       # small pages keep the test quick
        chosen.append(printer)
        return True

    session = window.session
    dialog = ExportDialog(session.ctx, session.db.load_snapshot, dialogs, window,
                          choose_printer=choose)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choices.set_layout(Layout.APPOINTMENT)
    wait_rendered(qtbot, dialog)
    pages = dialog.preview.page_count()
    assert pages == expected_pages(window, dialog.choices.options())
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert chosen and dialog.printing
    qtbot.waitUntil(lambda: not dialog.printing, timeout=RENDER_TIMEOUT)
    assert not [s for s in dialogs.shown if s.kind == "warning"]
    assert pdf_pages(out.read_bytes()) == pages
    assert "sent to the printer" in dialog.status.text()
    dialog.close()


def test_print_asks_again_before_printing_what_is_just_for_me(qtbot, open_window, dialogs):
    session = open_window.session
    chosen = []
    dialog = ExportDialog(session.ctx, session.db.load_snapshot, dialogs, open_window,
                          choose_printer=lambda printer, _parent: chosen.append(printer) or False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialogs.answers.extend([True, False])
    check = dialog.choices.private_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert check.isChecked()
    wait_rendered(qtbot, dialog)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert [s.kind for s in dialogs.shown] == ["question", "question"]
    assert not chosen
    dialog.close()


def test_every_control_has_a_name_and_locking_closes_the_dialog(qtbot, open_window):
    window = open_window
    dialog = open_dialog(qtbot, window)
    for kind in (QAbstractButton, QComboBox, QListWidget):
        for widget in dialog.findChildren(kind):
            if widget.isVisibleTo(dialog):
                assert widget.accessibleName(), widget.objectName()
    assert dialog.preview.accessibleDescription()
    window.lock()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None or
                    not window.findChild(ExportDialog).isVisible())
    assert window.session is None


def test_the_dialog_fits_at_twice_the_text_size(qtbot, open_window):
    app = QApplication.instance()
    font = app.font()
    bigger = type(font)(font)
    bigger.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(bigger)
    try:
        dialog = open_dialog(qtbot, open_window)
        dialog.resize(1000, 700)
        qtbot.waitUntil(lambda: dialog.width() <= 1000)
        for button in (dialog.save_button, dialog.print_button, dialog.close_button):
            assert dialog.rect().contains(button.geometry())
            assert button.width() >= button.fontMetrics().horizontalAdvance(
                button.text().replace("&", ""))
    finally:
        app.setFont(font)


def test_save_writes_the_very_pages_shown(qtbot, open_window, dialogs, tmp_path):
    dialog = open_dialog(qtbot, open_window)
    shown = dialog._pdf
    # the plan moves on after the pages were drawn (the worker had its own copy)
    open_window.session.plan.info.owner_name = "Someone else"
    dialogs.paths.append(tmp_path / "shown.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.kind == "information" for s in dialogs.shown),
                    timeout=RENDER_TIMEOUT)
    # every file has its own document ID, so only the previewed bytes are equal
    assert (tmp_path / "shown.pdf").read_bytes() == shown


def test_my_wishes_about_care_is_a_layout_in_the_dialog(qtbot, open_window):
    window = open_window
    dialog = open_dialog(qtbot, window)
    button = dialog.choices.layout_buttons[Layout.WISHES]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    wait_rendered(qtbot, dialog)
    options = dialog.choices.options()
    assert options.layout is Layout.WISHES
    assert dialog.preview.page_count() == expected_pages(window, options)
    assert squash("It is not a legal document by itself.") in pdf_text(dialog._pdf)


def test_a_failed_save_speaks_the_apps_language_not_the_pdfs(qtbot, open_window, dialogs, tmp_path):
    dialog = open_dialog(qtbot, open_window)
    box = dialog.choices.language_box
    box.setCurrentIndex(box.findData("cy"))
    wait_rendered(qtbot, dialog)
    assert dialog.choices.options().language == "cy"
    dialogs.paths.append(tmp_path / "no such folder" / "plan.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.kind == "warning" for s in dialogs.shown), timeout=RENDER_TIMEOUT)
    warning = next(s for s in dialogs.shown if s.kind == "warning")
    assert "The folder for the PDF could not be found" in warning.text


def test_characters_that_cannot_print_are_named_under_the_preview(qtbot, open_window):
    from recoveryplan.plans.model import Entry

    open_window.session.plan.entries.append(
        Entry(section="keeping_well", field="everyday", text="A sign \ue000 no font has"))
    dialog = open_dialog(qtbot, open_window)
    assert "1 character can't be printed" in dialog.status.text()
    assert "U+E000" in dialog.status.text()
