"""About Recovery Plan: version, privacy in one line, and the licences."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from .. import __version__
from ..i18n import _
from .widgets.kit import Heading, tall, text_label
from .widgets.bidi import set_text_direction


def about_text() -> str:
    return "\n\n".join((
        _("Recovery Plan {version}").format(version=__version__),
        _("A personal recovery plan that you own. Your plan is kept on this computer, "
          "encrypted with your passphrase. Recovery Plan never uses the internet."),
        _("Recovery Plan is free software under the GNU General Public License, version 3 "
          "or later. You may share and change it under those terms."),
        _("It is built with Qt {qt} and Qt for Python (PySide6) {pyside}, used under the "
          "GNU Lesser General Public License, version 3.").format(qt=qVersion(),
                                                                    pyside=pyside_version),
        _("Fonts: DejaVu Sans (Bitstream Vera and DejaVu licences, free to use and share) and "
          "Noto Sans Arabic (SIL Open Font License 1.1). The licence texts are in the "
          "app's fonts folder."),
        _("Also used: SQLCipher (BSD-style licence), cryptography (Apache 2.0 or BSD), "
          "ReportLab (BSD), Babel (BSD), zxcvbn (MIT) and others, each under its own "
          "free licence."),
    ))


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About Recovery Plan"))
        heading = Heading(1.4)
        heading.setText(_("Recovery Plan"))
        self.text = QPlainTextEdit(about_text())
        self.text.setObjectName("aboutText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("About Recovery Plan"))
        self.text.setTabChangesFocus(True)
        set_text_direction(self.text, self.layoutDirection())
        buttons = QDialogButtonBox()
        close = tall(buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text_label(_("Version {version}").format(version=__version__)))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().height() * 26)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutDirectionChange:
            set_text_direction(self.text, self.layoutDirection())
        super().changeEvent(event)
