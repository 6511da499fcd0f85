"""Share my plan on paper: choose, see the real pages, save or print them.

The preview is the PDF itself: ``render`` runs on a worker thread with
a private copy of the plan, PDFium draws each page, and the pages appear
beside the choices. Changing a choice waits ``DEBOUNCE_MS`` for the next
one before drawing again. Saving and printing use those same bytes (saving
makes them again only if the choices changed since). Characters no font
can print are named under the preview.

Nothing of the plan goes into the window title, the suggested file name or
any setting.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

from ...export.options import ExportError, Layout, PdfOptions
from ...export.pdf import export_pdf, render, save_pdf, unprintable_message
from ...i18n import N_, _, ngettext
from ...opened import prepare_export
from ..context import PlanContext
from ..dialogs import DialogService
from ..background import BackgroundTask, run_in_background
from ..widgets.controls import MIN_TARGET
from ..widgets.scrolling import scrolling
from ..widgets.translated import translations
from .choices import ExportChoices
from .files import in_documents
from .preview import PagePreview
from .printing import PrintJob
from .raster import page_images

#: How long to wait after a change before drawing the pages again.
DEBOUNCE_MS = 300

#: Neutral file names offered when saving (nothing from the plan).
FILE_NAMES = {
    Layout.PLAN: N_("my-recovery-plan.pdf"),
    Layout.CRISIS: N_("my-crisis-plan.pdf"),
    Layout.APPOINTMENT: N_("for-my-appointment.pdf"),
    Layout.CARD: N_("my-pocket-card.pdf"),
    Layout.WISHES: N_("my-wishes-about-care.pdf"),
}

SnapshotLoader = Callable[[str], dict[str, Any] | None]
PrinterChooser = Callable[[QPrinter, QWidget], bool]


#: Loads what the options need beyond the plan (the same preparation as the command line's).
prepare = prepare_export


def _ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


class ExportDialog(QDialog):
    def __init__(self, ctx: PlanContext, load_snapshot: SnapshotLoader, dialogs: DialogService,
                 parent: QWidget | None = None, choose_printer: PrinterChooser = _ask_printer) -> None:
        super().__init__(parent)
        translations(self).follow(self.retranslate)
        self.setObjectName("exportDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self.dialogs = dialogs
        self._load_snapshot = load_snapshot
        self._choose_printer = choose_printer
        self._render_task: BackgroundTask | None = None
        self._save_task: BackgroundTask | None = None
        self._print_job: PrintJob | None = None
        self._stale = False                 # a change came while the pages were being drawn
        self._pdf: bytes | None = None      # the pages shown, for saving and printing
        self._pdf_options: PdfOptions | None = None
        self._unprintable: list[str] = []

        self.choices = ExportChoices(self._confirm_private, has_review=bool(ctx.plan.reviews),
                                     parent=self)
        if ctx.together_with:
            self.choices.allow_private(False, _("Not while planning together."))
        self.choices.changed.connect(self._schedule)
        scroll = scrolling(self.choices, framed=True, sideways=False)
        scroll.setObjectName("exportChoicesScroll")
        self._choices_scroll = scroll

        self.busy = QProgressBar()
        self.busy.setObjectName("previewBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.busy.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.preview = PagePreview()
        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)
        right = QVBoxLayout()
        right.addLayout(status_row)
        right.addWidget(self.preview, 1)

        self.save_button = QPushButton()
        self.save_button.setObjectName("savePdfButton")
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        for button in (self.save_button, self.print_button, self.close_button):
            button.setMinimumHeight(MIN_TARGET)
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pages)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        body = QHBoxLayout()
        body.addWidget(scroll, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.setTabOrder(scroll, self.preview)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render)
        self.retranslate()
        self._fit_to_screen()
        self._timer.setInterval(0)      # the first pages as soon as the dialog is laid out
        self._schedule()

    def _fit_choices(self) -> None:
        """The options never clip: their panel is at least as wide as its
        widest line that cannot wrap (a checkbox, in the chosen language);
        the preview takes the rest."""
        scroll = self._choices_scroll
        widest = self.choices.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(max(self.fontMetrics().averageCharWidth() * 40, widest + 4))

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1100, 820
        if screen is not None:
            width, height = min(width, screen.width() * 9 // 10), min(height, screen.height() * 9 // 10)
        self.resize(width, height)

    # -- drawing the pages ---------------------------------------------------------------
    @property
    def rendering(self) -> bool:
        """True while the pages shown are not yet those of the choices."""
        return self._render_task is not None or self._timer.isActive()

    def _schedule(self) -> None:
        self._set_busy(True)
        self._timer.start()

    def _preview_width(self) -> int:
        """Width of a page in the preview, in screen pixels: as wide as the
        preview has room for (pages are drawn again only when a choice changes)."""
        room = (self.preview.viewport().width() - self.preview.verticalScrollBar().sizeHint().width()
                - 2 * (self.preview.spacing() + self.fontMetrics().height()))
        return max(320, min(900, room))

    def _render(self) -> None:
        self._timer.setInterval(DEBOUNCE_MS)
        if self._render_task is not None:
            self._stale = True
            return
        self._set_busy(True)
        options = self.choices.options()
        plan = copy.deepcopy(self.ctx.plan)     # the worker never reads what the GUI edits
        load = self._load_snapshot
        ratio = self.devicePixelRatioF()
        width = round(self._preview_width() * ratio)

        def work():
            made = render(prepare(plan, options, load), options)
            return options, made, page_images(made.data, width), ratio

        self._stale = False
        self._render_task = run_in_background(work, self._rendered, self._render_failed)

    def _rendered(self, result: tuple[PdfOptions, bytes, list[QImage], float]) -> None:
        self._render_task = None
        if self._stale:
            self._render()
            return
        options, made, images, ratio = result
        self._pdf, self._pdf_options = made.data, options
        self._unprintable = made.unprintable
        self.preview.show_pages(images, ratio)
        self._set_busy(self._timer.isActive())

    def _render_failed(self, _error: BaseException) -> None:
        self._render_task = None
        if self._stale:
            self._render()
            return
        self._pdf = self._pdf_options = None
        self.preview.clear()
        self._set_busy(False)
        self.status.setText(_("Something went wrong while making the pages. Please try "
                              "another choice, perhaps with large print off."))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        printing = self._print_job is not None
        self.print_button.setEnabled(not busy and not printing and self._pdf is not None)
        if busy:
            self.status.setText(_("Making the pages\u2026"))
        elif self._pdf is not None and not printing:
            count = self.preview.page_count()
            text = ngettext("{count} page.", "{count} pages.", count).format(count=count)
            if self._unprintable:
                text += " " + unprintable_message(self._unprintable)
            self.status.setText(text)

    # -- "just for me" ---------------------------------------------------------------------
    def _confirm_private(self) -> bool:
        return self.dialogs.question(
            self, _("Include what is just for me?"),
            _("What you marked \u201cjust for me\u201d will be in these pages. Anyone who sees "
              "the PDF or the printout can read it. I will ask once more before anything is "
              "saved or printed."),
            yes=_("Include it"), no=_("Leave it out"))

    def _confirm_again(self, options: PdfOptions) -> bool:
        """The second question, just before private entries leave the app."""
        if not options.include_private:
            return True
        return self.dialogs.question(
            self, _("Share what is just for me?"),
            _("These pages include what you marked \u201cjust for me\u201d. Anyone who sees "
              "them can read it. Do you still want to go ahead?"),
            yes=_("Yes, go ahead"), no=_("No, go back"))

    # -- saving ------------------------------------------------------------------------------
    def save_pdf(self) -> None:
        if self._save_task is not None:
            return
        options = self.choices.options()
        if not self._confirm_again(options):
            return
        path = self.dialogs.get_save_path(self, _("Save the PDF"),
                                          in_documents(_(FILE_NAMES[options.layout])),
                                          _("PDF files (*.pdf)"))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.save_button.setEnabled(False)
        if self._pdf is not None and not self.rendering and self._pdf_options == options:
            data = self._pdf     # the very pages shown
            self._save_task = run_in_background(lambda: save_pdf(data, path),
                                                lambda _none: self._saved(path), self._save_failed)
            return
        plan = copy.deepcopy(self.ctx.plan)
        load = self._load_snapshot
        self._save_task = run_in_background(
            lambda: export_pdf(prepare(plan, options, load), path, options),
            lambda _none: self._saved(path), self._save_failed)

    def _saved(self, path: Path) -> None:
        self._save_task = None
        self.save_button.setEnabled(True)
        self.dialogs.information(self, _("PDF saved"),
                                 _("Your PDF is saved in {path}.").format(path=str(path)))

    def _save_failed(self, error: BaseException) -> None:
        self._save_task = None
        self.save_button.setEnabled(True)
        message = str(error) if isinstance(error, ExportError) else _(
            "Something went wrong while making the PDF. Nothing was saved. Please try again.")
        self.dialogs.warning(self, _("PDF not saved"), message)

    # -- printing ----------------------------------------------------------------------------
    def print_pages(self) -> None:
        """Print the pages shown, after the person chooses a printer."""
        if self.rendering or self._pdf is None or self._print_job is not None:
            return
        if not self._confirm_again(self._pdf_options):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(_("My plan"))    # the print queue shows this; nothing personal
        printer.setCreator("")
        if not self._choose_printer(printer, self):
            return
        job = PrintJob(self._pdf, self.preview.page_count(), printer, self)
        job.progress.connect(lambda page, pages: self.status.setText(
            _("Printing page {page} of {pages}\u2026").format(page=page, pages=pages)))
        job.finished.connect(lambda ok: self._printed(job, ok))
        self._print_job = job
        self._set_busy(False)
        job.start()

    def _printed(self, job: PrintJob, ok: bool) -> None:
        if self._print_job is not job:
            return
        self._print_job = None
        job.deleteLater()
        self._set_busy(self.rendering)
        if ok:
            self.status.setText(_("The pages were sent to the printer."))
        elif self.isVisible():
            self.dialogs.warning(self, _("Not printed"), _(
                "The pages couldn't be printed. Please check the printer is on and try again, "
                "or save a PDF and print that."))

    @property
    def printing(self) -> bool:
        return self._print_job is not None

    # -- closing -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Closing (or locking) stops everything still under way."""
        self._timer.stop()
        for task in (self._render_task, self._save_task):
            if task is not None:
                task.cancel()
        self._render_task = self._save_task = None
        job, self._print_job = self._print_job, None
        if job is not None:
            job.cancel()
        self._pdf = self._pdf_options = None
        self.preview.clear()
        super().done(result)

    # -- words -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Share my plan on paper"))
        self.setAccessibleName(_("Share my plan on paper"))
        for button, text in ((self.save_button, _("&Save as PDF\u2026")),
                             (self.print_button, _("&Print\u2026")),
                             (self.close_button, _("Close"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").rstrip("\u2026"))
        self.busy.setAccessibleName(_("Making the pages"))
        self.status.setAccessibleName(_("About the pages"))
        self.preview.retranslate()
        self._fit_choices()
        if not self.rendering:
            self._set_busy(False)
