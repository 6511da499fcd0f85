"""Show a new recovery key once: copy it, print it or save it as a PDF, and
check the person kept it by asking for its last four characters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont, QFontDatabase, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...i18n import _, format_date
from ...plans.model import today
from ..dialogs import DialogService
from ..widgets.kit import Heading, message_label, show_message, tall, text_label
from .common import Screen

#: The clipboard forgets the key after this long (if it still holds it).
CLIPBOARD_CLEAR_MS = 60_000

#: Characters that look alike in the key's alphabet, read the way storage does.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def key_groups(key: str) -> list[str]:
    return [group for group in key.replace(" ", "-").split("-") if group]


def same_group(typed: str, group: str) -> bool:
    """Case, spaces and look-alike letters don't matter when typing back."""
    cleaned = typed.strip().replace(" ", "").replace("-", "").upper().translate(_LOOKALIKES)
    return bool(cleaned) and cleaned == group.upper().translate(_LOOKALIKES)


class SecretClipboard(QObject):
    """Copies a secret and takes it off the clipboard again after a minute,
    or when the app quits, unless something else was copied since."""

    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLIPBOARD_CLEAR_MS) -> None:
        super().__init__(parent)
        self._secret = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.clear)

    def copy(self, secret: str) -> None:
        self._secret = secret
        QGuiApplication.clipboard().setText(secret)
        self._timer.start()

    def clear(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._secret and clipboard.text() == self._secret:
            clipboard.clear()
        self._secret = ""
        self._timer.stop()


def paint_key_page(device: QPagedPaintDevice, key: str) -> None:
    """One plain page: a heading, the key in large monospace groups, where
    to keep it and the date. No plan text and no name on it."""
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(20, 20, 20, 20),
                                     QPageLayout.Unit.Millimeter))
    painter = QPainter(device)
    try:
        dpi = device.logicalDpiY()
        area = QRectF(0, 0, device.width(), device.height())
        body = QFont("DejaVu Sans")
        body.setPixelSize(round(12 / 72 * dpi))
        title = QFont(body)
        title.setBold(True)
        title.setPixelSize(round(20 / 72 * dpi))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPixelSize(round(22 / 72 * dpi))
        mono.setBold(True)
        groups = key_groups(key)
        half = (len(groups) + 1) // 2
        blocks = (
            (title, _("My Recovery Plan: recovery key")),
            (body, _("This key opens my plan if I forget my passphrase. Keep it somewhere "
                     "safe, away from my computer. Anyone with this key and my computer "
                     "could open my plan.")),
            (mono, "  ".join(groups[:half]) + "\n" + "  ".join(groups[half:])),
            (body, _("If both my passphrase and this key are lost, nobody can open my plan, "
                     "not even my care team.")),
            (body, _("Made on {date}").format(date=format_date(today()))),
        )
        y = 0.0
        gap = dpi * 0.25
        flags = int(Qt.TextFlag.TextWordWrap)
        for font, text in blocks:
            painter.setFont(font)
            rect = painter.boundingRect(QRectF(0, y, area.width(), area.height() - y), flags, text)
            painter.drawText(rect, flags, text)
            y = rect.bottom() + gap
    finally:
        painter.end()


def save_key_pdf(path: Path, key: str) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(_("Recovery key"))
    writer.setCreator("")
    writer.setResolution(300)
    paint_key_page(writer, key)


class RecoveryKeyScreen(Screen):
    """Shows ``key`` and emits ``done`` once its last group is typed back."""

    done = Signal()

    def __init__(self, dialogs: DialogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyScreen")
        self._dialogs = dialogs
        self._key = ""
        self._clipboard = SecretClipboard(self)
        self._intro = text_label()
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKeyLabel")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setWordWrap(True)
        self.key_label.setIndent(0)     # the style's padding is its margin, as in a text box
        self._apply_key_font()
        self.copy_button = tall(QPushButton())
        self.copy_button.setObjectName("copyKeyButton")
        self.print_button = tall(QPushButton())
        self.print_button.setObjectName("printKeyButton")
        self.pdf_button = tall(QPushButton())
        self.pdf_button.setObjectName("saveKeyPdfButton")
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.print_button, self.pdf_button):
            button.setAutoDefault(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.copied_label = message_label()
        self._keep_heading = Heading(1.2)
        self._keep = text_label()
        self._nobody = text_label()
        self.check_edit = tall(QLineEdit())
        self.check_edit.setObjectName("keyCheckEdit")
        self.check_edit.setMaxLength(12)
        self._check_label = text_label()
        self._check_label.setBuddy(self.check_edit)
        self.error_label = message_label()
        self.continue_button = tall(QPushButton())
        self.continue_button.setObjectName("keyDoneButton")
        self.continue_button.setDefault(True)
        self.continue_button.setAutoDefault(True)
        done_row = QHBoxLayout()
        done_row.addWidget(self.continue_button)
        done_row.addStretch(1)

        for widget in (self._intro, self.key_label):
            self.column.addWidget(widget)
        self.column.addLayout(buttons)
        for widget in (self.copied_label, self._keep_heading, self._keep, self._nobody,
                       self._check_label, self.check_edit, self.error_label):
            self.column.addWidget(widget)
        self.column.addLayout(done_row)

        self.copy_button.clicked.connect(self._copy)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._save_pdf)
        self.continue_button.clicked.connect(self._finish)
        self.check_edit.returnPressed.connect(self._finish)
        self.check_edit.textChanged.connect(lambda _text: show_message(self.error_label, ""))
        self.finish_layout()

    def _apply_key_font(self) -> None:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * 2)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.key_label.setFont(font)

    def event(self, event):
        if event.type() in (event.Type.ApplicationFontChange, event.Type.Show):
            self._apply_key_font()
        return super().event(event)

    def set_key(self, key: str) -> None:
        self._key = key
        groups = key_groups(key)
        half = (len(groups) + 1) // 2
        self.key_label.setText("  ".join(groups[:half]) + "\n" + "  ".join(groups[half:]))
        self.key_label.setAccessibleName(_("My recovery key"))
        self.key_label.setAccessibleDescription(", ".join(groups))
        self.check_edit.clear()
        show_message(self.error_label, "")
        show_message(self.copied_label, "")

    def forget_key(self) -> None:
        """Take the key off the screen (and the clipboard) once it is kept."""
        self._clipboard.clear()
        self._key = ""
        self.key_label.clear()
        self.key_label.setAccessibleDescription("")
        self.check_edit.clear()

    def retranslate(self) -> None:
        self.heading.setText(_("My recovery key"))
        self._intro.setText(_(
            "This is your recovery key. It opens your plan if you ever forget your "
            "passphrase. It is shown only this once."))
        self.copy_button.setText(_("Copy"))
        self.copy_button.setAccessibleDescription(
            _("Copies the key. It is taken off the clipboard again after a minute."))
        self.print_button.setText(_("Print…"))
        self.pdf_button.setText(_("Save as PDF…"))
        self._keep_heading.setText(_("Keep it safe"))
        self._keep.setText(_(
            "Write it down or print it, and keep it somewhere safe away from this computer, "
            "like with your important papers."))
        self._nobody.setText(_(
            "If both your passphrase and your recovery key are lost, nobody can open your "
            "plan, not even your care team. That is what keeps it private."))
        self._check_label.setText(_(
            "When you have kept it safe, type the last four characters of the key here:"))
        self.check_edit.setAccessibleName(_("The last four characters of my recovery key"))
        self.continue_button.setText(_("Carry on to my plan"))
        if self._key:
            self.set_key(self._key)

    def first_focus(self) -> QWidget:
        return self.key_label

    # -- keeping it ---------------------------------------------------------------
    def _copy(self) -> None:
        self._clipboard.copy(self._key)
        show_message(self.copied_label, _("Copied. Paste it somewhere safe; the clipboard "
                                          "forgets it in a minute."))

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only loaded when printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_("Recovery key"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print my recovery key"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            paint_key_page(printer, self._key)

    def _save_pdf(self) -> None:
        path = self._dialogs.get_save_path(self, _("Save my recovery key as a PDF"),
                                           _("recovery-key.pdf"), _("PDF files (*.pdf)"))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            save_key_pdf(path, self._key)
        except OSError:
            self._dialogs.warning(self, _("Not saved"),
                                  _("I couldn't save the PDF there. Please try another place."))
            return
        show_message(self.copied_label, _("Saved. Keep that file somewhere safe, away from "
                                          "this computer if you can."))

    def _finish(self) -> None:
        groups = key_groups(self._key)
        if groups and same_group(self.check_edit.text(), groups[-1]):
            self.done.emit()
            return
        show_message(self.error_label, _(
            "That is not quite the end of the key yet. It's the last four characters, after "
            "the last space. Take your time."))
        self.check_edit.setFocus()


class RecoveryKeyDialog(QDialog):
    """The same screen in a window, for "Make a new recovery key"."""

    def __init__(self, key: str, dialogs: DialogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(_("My new recovery key"))
        self._dialogs = dialogs
        #: True once the person typed the key's end back.
        self.kept = False
        self.screen_widget = RecoveryKeyScreen(dialogs, self)
        self.screen_widget.set_key(key)
        self.screen_widget.done.connect(self._kept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.screen_widget)
        self.resize(self.screen_widget.sizeHint().expandedTo(self.minimumSizeHint()))
        self.finished.connect(lambda _result: self.screen_widget.forget_key())

    def _kept(self) -> None:
        self.kept = True
        self.accept()

    def reject(self) -> None:
        """Escape or the window's close button: the key is shown only once, so ask."""
        if not self.kept and not self._dialogs.question(
                self, _("Your recovery key isn't kept yet"),
                _("This key is shown only this once, and your old key no longer works. If you "
                  "close it without writing it down, printing it or saving it, you will be "
                  "reminded next time you open your plan. Close it anyway?"),
                yes=_("Close anyway"), no=_("Go back to my key")):
            return
        super().reject()
