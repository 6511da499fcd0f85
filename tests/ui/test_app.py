"""The whole app: saving, closing and reopening, Need help now, the demo."""

from __future__ import annotations

import tempfile

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication, QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTextEdit,
)

from recoveryplan import storage
from recoveryplan.plans.model import Contact, Entry
from recoveryplan.ui.main_window import MainWindow


def _type_into(qtbot, window, name, text):
    window.workspace.go_to(name.split("-")[1])
    edit = None
    for cls in (QPlainTextEdit, QTextEdit):
        edit = edit or window.findChild(cls, name)
    assert edit is not None, name
    edit.setFocus()
    qtbot.keyClicks(edit, text)
    return edit


def test_typing_survives_closing_straight_away(qtbot, make_window, created_plan, unlock):
    window = unlock(make_window())
    _type_into(qtbot, window, "field-about_me-about", "I love old films")
    window.close()                                   # no pause after typing
    again = unlock(make_window())
    entries = again.session.plan.entries_for("about_me", "about")
    assert [e.text for e in entries] == ["I love old films"]


def test_an_entry_added_through_the_context_persists(qtbot, make_window, created_plan, unlock):
    window = unlock(make_window())
    window.session.ctx.add(Entry(section="keeping_well", field="everyday", text="A walk"))
    window.close()
    db = storage.open_plan(window.plan_path, "purple tiger river lamp")
    try:
        assert [e.text for e in db.load_plan().entries_for("keeping_well")] == ["A walk"]
    finally:
        db.close()


def test_save_status_says_saved_only_after_the_disk(qtbot, open_window):
    window = open_window
    assert window.save_label.text() == ""
    with qtbot.waitSignal(window.session.saved, timeout=10_000):
        window.session.ctx.add(Entry(section="hopes", field="hopes", text="Travel"))
        assert window.save_label.text() == "Saving…"
    assert window.save_label.text() == "Saved"
    assert window.session.pending() == 0



def test_words_still_waiting_for_their_pause_are_never_called_saved(qtbot, open_window):
    """A crash in the half second before typing is handed over loses it: the
    status must not say "Saved" then. It says "Saving…" from the first key
    until the words are on disk, and "Saved" again if they came to nothing."""
    window = open_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.session.saved, timeout=10_000):
        window.session.ctx.add(Entry(section="hopes", field="hopes", text="Travel"))
    assert window.save_label.text() == "Saved"
    window.workspace.go_to("about_me")
    page = window.workspace.current_page()
    box = page.findChild(QLineEdit, "field-about_me-name")
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     box.mapTo(window, box.rect().center()))
    QTest.keyClick(window.windowHandle(), "S")
    assert window.save_label.text() == "Saving…"          # at once: not saved yet
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=10_000)
    assert window.session.pending() == 0
    QTest.keyClick(window.windowHandle(), "x")
    assert window.save_label.text() == "Saving…"
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Backspace)    # back as it was
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=10_000)


def test_the_save_status_keeps_its_size_from_saving_to_saved(qtbot, open_window, qapp):
    """Every save says "Saving…" and then "Saved" without the status bar or
    the window being laid out again: the label keeps one size, which fits
    each of its words, in another language and at a larger text size too."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QFontMetrics
    from recoveryplan.i18n import _ as translate
    from recoveryplan.ui.language import LanguageSwitcher

    class LayoutWatch(QObject):
        def __init__(self):
            super().__init__()
            self.heard = []

        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.LayoutRequest:
                self.heard.append(type(watched).__name__)
            return False

    window = open_window
    label = window.save_label
    words = ("Saving…", "Saved", "Not saved yet", "Read only")

    def fits() -> bool:
        metrics = QFontMetrics(label.font())
        return all(metrics.horizontalAdvance(translate(w)) <= label.contentsRect().width()
                   for w in words)

    def save(text: str) -> None:
        with qtbot.waitSignal(window.session.saved, timeout=10_000):
            window.session.ctx.add(Entry(section="hopes", field="hopes", text=text))
            assert label.text() == translate("Saving…")
        assert label.text() == translate("Saved")
        for _turn in range(3):
            qapp.processEvents()

    save("Travel")
    watch = LayoutWatch()
    for widget in (window.statusBar(), window):
        widget.installEventFilter(watch)
    size = label.size()
    save("Swim")
    assert watch.heard == [] and label.size() == size
    assert fits()
    window.languages = LanguageSwitcher(qapp)
    try:
        window.view.choose_language("cy")
        assert label.text() == translate("Saved") != "Saved"
        assert fits()
        window.view.set_text_scale(200)
        qtbot.waitUntil(lambda: label.text() and fits())
        assert fits()
    finally:
        window.view.set_text_scale(100)
        window.view.choose_language("en")
    assert label.text() == "Saved" and fits()

def test_the_save_status_follows_a_change_of_language(qtbot, open_window, qapp):
    """"Saved" is worded again at once in the language chosen, not only at
    the next save."""
    from recoveryplan.i18n import _ as translate
    from recoveryplan.ui.language import LanguageSwitcher

    window = open_window
    window.languages = LanguageSwitcher(qapp)
    with qtbot.waitSignal(window.session.saved, timeout=10_000):
        window.session.ctx.add(Entry(section="hopes", field="hopes", text="Travel"))
    assert window.save_label.text() == "Saved"
    try:
        window.view.choose_language("cy")
        welsh = translate("Saved")
        assert welsh != "Saved"
        assert window.save_label.text() == welsh
        assert window.save_label.accessibleName() == welsh
    finally:
        window.view.choose_language("en")
    assert window.save_label.text() == "Saved"


def test_undo_and_redo_from_the_edit_menu(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    ctx.add(Entry(section="hopes", field="hopes", text="Travel"))
    undo = window.findChild(type(window.actions_["lock"]), "undoAction")
    redo = window.findChild(type(window.actions_["lock"]), "redoAction")
    assert undo.isEnabled() and undo.shortcut().toString() == "Ctrl+Z"
    undo.trigger()
    assert ctx.plan.entries_for("hopes") == []
    redo.trigger()
    assert [e.text for e in ctx.plan.entries_for("hopes")] == ["Travel"]


def test_the_offer_to_undo_a_removal_goes_once_it_is_undone(qtbot, open_window):
    """"Removed. You can bring it back with Undo" is not left in the status
    bar after the entry has been brought back (Ctrl+Z to the window)."""
    window = open_window
    ctx = window.session.ctx
    entry = Entry(section="hopes", field="hopes", text="Travel")
    ctx.add(entry)
    ctx.remove(entry)
    assert window.statusBar().currentMessage().startswith("Removed.")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.nav.setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [e.text for e in ctx.plan.entries_for("hopes")] == ["Travel"])
    assert window.statusBar().currentMessage() == ""


def test_nav_marks_sections_with_writing(qtbot, open_window):
    window = open_window
    nav = window.workspace.nav
    assert nav.objectName() == "nav" and nav.count() == 14
    row = [p.spec.key for p in window.workspace.pages].index("strengths")
    assert "has writing" not in nav.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
    window.session.ctx.add(Entry(section="strengths", field="good_at", text="Listening"))
    qtbot.waitUntil(lambda: "has writing" in nav.item(row).data(Qt.ItemDataRole.AccessibleTextRole))
    assert window.workspace.has_writing("strengths")


def _order(dialog):
    """Object names of headings and cards, top to bottom."""
    names = []
    layout = dialog._content
    for i in range(layout.count()):
        widget = layout.itemAt(i).widget()
        if widget is not None and widget.objectName():
            names.append(widget.objectName())
    return names


def test_need_help_now_shows_my_people_before_services(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    ctx.add(Contact(name="Ann", relationship="My sister", phone="07700 900123", on_crisis_card=True))
    ctx.add(Contact(name="Bob", phone="01632 960000", on_crisis_card=False))
    qtbot.mouseClick(window.help_now_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "helpNowDialog")
    qtbot.waitUntil(dialog.isVisible)
    order = _order(dialog)
    assert order.index("crisisContactCard") < order.index("servicesHeading") \
        < order.index("crisisServiceCard")
    assert order.count("crisisContactCard") == 1          # only people on my crisis card
    phones = [l.text() for l in dialog.findChildren(QLabel, "phoneLabel")]
    assert phones[0] == "07700 900123" and "999" in phones and "116 123" in phones
    phone = dialog.findChildren(QLabel, "phoneLabel")[0]
    assert phone.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert phone.font().pointSizeF() > window.font().pointSizeF()


def test_crisis_services_are_changed_in_a_separate_step(qtbot, open_window, dialogs):
    window = open_window
    ctx = window.session.ctx
    dialog = window.show_help_now()
    assert dialog.findChild(QPushButton, "removeServiceButton") is None   # nothing to click by mistake
    qtbot.mouseClick(dialog.findChild(QPushButton, "changeServicesButton"), Qt.MouseButton.LeftButton)
    services = dialog.findChild(QDialog, "servicesDialog")
    qtbot.waitUntil(services.isVisible)
    qtbot.mouseClick(services.findChild(QPushButton, "addServiceButton"), Qt.MouseButton.LeftButton)
    editor = services.findChild(QDialog, "serviceEditor")
    editor.name_edit.insert("Crisis café")
    qtbot.keyClicks(editor.phone_edit, "01632 960111")
    qtbot.mouseClick(editor.findChild(QPushButton, "serviceSaveButton"), Qt.MouseButton.LeftButton)
    assert [s.name for s in ctx.plan.services][-1] == "Crisis café"
    qtbot.waitUntil(lambda: "01632 960111" in
                    [l.text() for l in dialog.findChildren(QLabel, "phoneLabel")])


def test_removing_a_crisis_service_asks_first_and_offers_undo_on_the_spot(qtbot, open_window,
                                                                         dialogs):
    window = open_window
    ctx = window.session.ctx
    dialog = window.show_help_now()
    services = dialog.change_services()
    qtbot.waitUntil(services.isVisible)

    def remove_button(name):
        return next(b for b in services.findChildren(QPushButton, "removeServiceButton")
                    if b.accessibleName() == f"Remove {name}" and b.isVisible())

    dialogs.answers.append(False)                         # "Keep it"
    qtbot.mouseClick(remove_button("Samaritans"), Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1].title == "Remove a crisis service"
    assert any(s.name == "Samaritans" for s in ctx.plan.services)
    dialogs.answers.append(True)                          # "Remove it"
    qtbot.mouseClick(remove_button("Samaritans"), Qt.MouseButton.LeftButton)
    assert not any(s.name == "Samaritans" for s in ctx.plan.services)
    undo = services.findChild(QPushButton, "undoRemoveButton")
    qtbot.waitUntil(undo.isVisible)
    assert services.focusWidget() is undo                 # keyboard and screen reader are there
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert [s.name for s in ctx.plan.services] == ["Emergency services", "NHS 111", "Samaritans"]
    assert not undo.isVisible()


def test_need_help_now_while_locked_shows_the_usual_services(qtbot, make_window, created_plan):
    window = make_window()
    dialog = window.show_help_now()
    phones = [l.text() for l in dialog.findChildren(QLabel, "phoneLabel")]
    assert phones == ["999", "111", "116 123"]
    assert "crisisContactCard" not in _order(dialog)
    assert dialog.findChild(QPushButton, "changeServicesButton") is None


def test_title_never_shows_the_name(qtbot, open_window):
    assert open_window.windowTitle() == "Recovery Plan"
    assert open_window.session.plan.info.owner_name == "Sam"


def test_demo_opens_and_its_folder_is_gone_after_quitting(qtbot, tmp_path, monkeypatch,
                                                          ui_settings):
    from recoveryplan.ui.app import DEMO_PASSPHRASE, run_app

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen = {}

    def drive():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, drive)
            return
        window = windows[0]
        if window.workspace is None:
            screen = window.start.unlock
            if not screen.busy.isVisible() and not screen.secret_edit.text():
                seen["demo text"] = screen.demo_label.text()
                seen["folders"] = [p.name for p in tmp_path.iterdir()]
                screen.secret_edit.setText(DEMO_PASSPHRASE)
                screen.unlock_button.click()
            QTimer.singleShot(20, drive)
            return
        seen["entries"] = len(window.session.plan.entries)
        window.close()

    QTimer.singleShot(0, drive)
    assert run_app(["recoveryplan"], demo=True, settings=ui_settings) == 0
    assert DEMO_PASSPHRASE in seen["demo text"]
    assert any(name.startswith("recoveryplan-demo-") for name in seen["folders"])
    assert seen["entries"] > 0
    assert not any(p.name.startswith("recoveryplan-demo-") for p in tmp_path.iterdir())


def test_pages_are_built_when_first_shown_and_goal_links_work(open_window):
    from recoveryplan.plans.model import Goal, LifeArea

    window = open_window
    workspace = window.workspace
    assert sum(p is not None for p in workspace._pages) == 1      # only the first page
    goal = Goal(what="Learn to swim", life_area=LifeArea.HEALTH)
    window.workspace.ctx.add(goal)
    assert workspace.has_writing("goals")
    workspace.go_to("life_beyond")
    workspace.current_page().show_goal.emit(goal.id)
    assert workspace.current_page().spec.key == "goals"
    assert workspace.current_page().current_goal() is goal


def test_the_app_has_an_icon(qapp):
    from PySide6.QtGui import QIcon

    from recoveryplan.paths import resource

    icon = QIcon(str(resource("icons", "recoveryplan.svg")))
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()


def test_quit_is_in_the_file_menu_and_no_screen_says_press_f2(qtbot, open_window):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMenu

    window = open_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.objectName() == "fileMenu"
    assert menu.actions()[-1].objectName() == "quitAction"
    menu.close()
    plan_menu = window.findChild(QMenu, "planMenu")
    assert "quitAction" not in [a.objectName() for a in plan_menu.actions()]
    window.workspace.go_to("goals")
    texts = [label.text() for label in window.workspace.current_page().findChildren(QLabel)]
    assert not any("F2" in text for text in texts)
