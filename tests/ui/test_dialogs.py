"""The real message boxes carry the app's own translated button words."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from recoveryplan import i18n
from recoveryplan.ui.dialogs import DialogService


def test_information_box_says_ok_in_welsh(qtbot):
    i18n.set_language("cy")
    seen = []

    def answer():
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen.extend(button.text() for button in box.buttons())
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    DialogService().information(None, "Teitl", "Neges")
    assert seen == [i18n.translator("cy")._("OK")] and seen != ["OK"]
