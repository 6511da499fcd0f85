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


def test_a_box_asked_for_by_a_closed_dialog_belongs_to_the_window_on_screen(qtbot):
    """"Your passphrase has been changed" is asked for by the dialog that has
    just closed: the box belongs to the main window still on screen, so the
    keyboard goes back there when it closes (F1 must still reach Need help now)."""
    from PySide6.QtWidgets import QDialog, QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = QDialog(window)
    dialog.show()
    dialog.accept()                           # closed, as after "Change my passphrase"
    assert not dialog.isVisible()
    owners = []

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        owners.append(box.parentWidget())
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    DialogService().information(dialog, "Done", "Your passphrase has been changed.")
    assert owners == [window]
    QTimer.singleShot(0, answer)
    assert DialogService().question(dialog, "Now?", "Choose a new one now?") is False
    assert owners == [window, window]
