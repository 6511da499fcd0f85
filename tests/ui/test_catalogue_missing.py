"""A language whose words are not installed is said out loud, in the window
and on the terminal, instead of the app silently speaking English."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from recoveryplan import i18n
from recoveryplan.ui.language import LanguageSwitcher
from recoveryplan.ui.main_window import MainWindow


def _run_and_read_the_message(qtbot, tmp_path, ui_settings, **kwargs):
    from recoveryplan.ui.app import run_app

    seen = {}

    def drive():
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if boxes and "text" not in seen:
            seen["text"] = boxes[0].text()
            seen["language"] = i18n.current_language()
            ok = boxes[0].findChildren(QPushButton)[0]
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)   # through the real window
        elif windows and ("text" in seen or seen.setdefault("turns", 0) > 50):
            windows[0].close()
            return
        seen["turns"] = seen.get("turns", 0) + 1
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    try:
        assert run_app(["recoveryplan"], plan_path=tmp_path / "plan", settings=ui_settings,
                       **kwargs) == 0
    finally:
        # English, left to right and the English locale again for the next tests
        LanguageSwitcher(QApplication.instance()).apply("en")
    return seen


def test_missing_words_are_shown_in_the_window_and_on_the_terminal(qtbot, tmp_path, ui_settings,
                                                                   monkeypatch, capsys):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "no-catalogues")
    seen = _run_and_read_the_message(qtbot, tmp_path, ui_settings, language="ar")
    assert "العربية" in seen.get("text", ""), seen
    assert "aren't installed" in seen["text"]
    assert seen["language"] == "en"
    assert "aren't installed" in capsys.readouterr().err


def test_a_saved_choice_whose_words_went_missing_is_told_too(qtbot, tmp_path, ui_settings,
                                                             monkeypatch, capsys):
    ui_settings.language = "cy"
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "no-catalogues")
    seen = _run_and_read_the_message(qtbot, tmp_path, ui_settings)
    assert "Cymraeg" in seen.get("text", ""), seen
    assert "Cymraeg" in capsys.readouterr().err


def test_no_message_when_the_words_are_there(qtbot, tmp_path, ui_settings, capsys):
    seen = _run_and_read_the_message(qtbot, tmp_path, ui_settings, language="ar")
    assert "text" not in seen
    assert "installed" not in capsys.readouterr().err
