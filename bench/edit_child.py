"""Run by ``edit_bench`` in a fresh process (QT_QPA_PLATFORM=offscreen).

    python bench/edit_child.py PLAN PASSPHRASE SETTINGS_FILE ROUNDS [--profile FILE]

Unlocks the plan in the real main window, shows every page once (timing
each page the first time and again later), then times, on the GUI thread,
what a person does all the time: the commit of a typing pause, undo and
redo of it, ticking a goal's step and toggling "just for me". Each time
runs from the call that the timer, shortcut or click would make until the
event loop has handled everything it posted (layouts, repaints). Prints
one JSON line of samples in seconds.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

_APP: QApplication | None = None


def _settle() -> None:
    for _i in range(3):
        _APP.processEvents()


#: Set by ``--profile PHASE FILE``: profile only that phase's timed calls.
_PROFILE: dict = {}


def _timed(action, phase: str = "") -> float:
    prof = _PROFILE.get("prof") if phase and phase == _PROFILE.get("phase") else None
    if prof is not None:
        prof.enable()
    start = time.perf_counter()
    action()
    _settle()
    elapsed = time.perf_counter() - start
    if prof is not None:
        prof.disable()
    return elapsed


def _wait(done, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        _APP.processEvents()
        time.sleep(0.002)


def main(plan_path: str, passphrase: str, settings_file: str, rounds: int) -> dict:
    global _APP
    from recoveryplan.hardening import harden
    from recoveryplan.ui.dialogs import ScriptedDialogs
    from recoveryplan.ui.main_window import MainWindow
    from recoveryplan.ui.settings import Settings

    harden()
    _APP = QApplication([sys.argv[0]])
    settings = Settings(QSettings(settings_file, QSettings.Format.IniFormat))
    window = MainWindow(plan_path, settings, ScriptedDialogs())
    window.resize(1100, 760)
    window.show()
    _settle()
    screen = window.start.unlock
    screen.secret_edit.setText(passphrase)
    derived: list[float] = []
    _watch_key(derived)
    started = time.perf_counter()
    screen.unlock_button.click()
    _wait(lambda: window.workspace is not None or screen.error_label.isVisible())
    if window.workspace is None:
        raise RuntimeError("the plan did not open")
    _settle()
    on_screen = time.perf_counter()
    workspace = window.workspace
    nav = workspace.nav
    from recoveryplan.plans.sections import SECTIONS

    first: list[list[float]] = [[] for _row in range(1, nav.count())]
    later: list[list[float]] = [[] for _row in range(nav.count())]
    pages_start = time.perf_counter()
    for row in range(1, nav.count()):
        first[row - 1].append(_timed(lambda row=row: nav.setCurrentRow(row), "page_first"))
    nav.setCurrentRow(0)
    _settle()
    all_pages = time.perf_counter() - pages_start
    for _r in range(3):
        for row in range(nav.count()):
            later[row].append(_timed(lambda row=row: nav.setCurrentRow(row), "page_later"))

    ctx = window.session.ctx
    result = {"key_to_screen_s": on_screen - (derived[0] if derived else started),
              "click_to_screen_s": on_screen - started,
              "page_first_pages": first, "page_later_pages": later, "all_pages_s": all_pages,
              "page_keys": [spec.key for spec in SECTIONS[1:]],
              "records": sum(1 for _ in _records(ctx.plan))}

    # -- typing pause in a list field (the entry chosen in "What I notice")
    workspace.go_to("warning_signs")
    _settle()
    box = workspace.current_page().box("i_notice")
    box.view.setCurrentIndex(box.model.index(0, 0))
    box.text_edit.setFocus()
    _settle()
    binding = box.text_binding
    commits, undos, redos = [], [], []
    for i in range(rounds):
        box.text_edit.moveCursor(box.text_edit.textCursor().MoveOperation.End)
        QTest.keyClicks(box.text_edit, "ab"[i % 2])
        _settle()
        commits.append(_timed(binding.flush, "commit"))
        ctx.end_typing_burst()     # each pause its own undo step
        if i % 2:
            undos.append(_timed(window._undo.trigger, "undo"))
            redos.append(_timed(window._redo.trigger, "redo"))
    result.update(commit_s=commits, undo_s=undos, redo_s=redos)

    # -- "just for me" on that entry, clicked
    check = box.just_for_me
    toggles = []
    for _i in range(rounds // 2):
        toggles.append(_timed(lambda: QTest.mouseClick(check, Qt.MouseButton.LeftButton,
                                                       pos=QPoint(8, check.height() // 2)), "private"))
    result["private_s"] = toggles

    # -- ticking a small step of the first goal (Space on the chosen step)
    workspace.go_to("goals")
    _settle()
    page = workspace.current_page()
    page.view.setCurrentIndex(page.model.index(0, 0))
    _settle()
    steps = page.steps
    if page.steps_model.rowCount() == 0:
        page.new_step.setText("a step")
        page.add_step()
    steps.setCurrentIndex(page.steps_model.index(0, 0))
    steps.setFocus()
    _settle()
    ticks = []
    for _i in range(rounds // 2):
        ticks.append(_timed(lambda: QTest.keyClick(steps, Qt.Key.Key_Space), "tick"))
    result["tick_s"] = ticks
    window.session.flush()
    window.close()
    _settle()
    return result


def _records(plan):
    from recoveryplan.plans.model import COLLECTIONS
    for name in COLLECTIONS:
        for record in getattr(plan, name):
            yield record
            for attr in record.CHILDREN:
                yield from getattr(record, attr)


def _watch_key(derived: list[float]) -> None:
    """Note when the key has been derived (the end of the slow part)."""
    from recoveryplan.storage import keyslots

    original = keyslots.KeyFile.unlock

    def unlock(self, *args, **kwargs):
        key = original(self, *args, **kwargs)
        derived.append(time.perf_counter())
        return key

    keyslots.KeyFile.unlock = unlock


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--profile" in args:
        import cProfile
        i = args.index("--profile")
        _PROFILE.update(phase=args[i + 1], file=args[i + 2], prof=cProfile.Profile())
        del args[i:i + 3]
    out = main(args[0], args[1], args[2], int(args[3]))
    if _PROFILE:
        _PROFILE["prof"].dump_stats(_PROFILE["file"])
    print(json.dumps(out), flush=True)
