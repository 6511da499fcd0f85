"""The unlock screen comes up before the heavy parts of the app are loaded.

A fresh process starts the app through its entry point on an existing plan
(or on a folder with none, for the welcome screen); once the first window has
been shown and the event loop has turned, it reports which modules are
loaded. Storage and SQLCipher, Babel, the plan's pages, editing, JSON
exchange, PDF export, the passphrase meter, the command line and the key
cryptography load when they are first needed (or are warmed up after the
window is shown), not before (how long launch takes is measured in bench/).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


from recoveryplan import storage
from recoveryplan.plans.model import Plan

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([sys.argv[0]])


class FirstShow(QObject):
    window = None

    def eventFilter(self, obj, event):
        if self.window is None and event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow):
            self.window = obj
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        if len(sys.argv) > 2 and not self.window._warm_up.done():   # "warm": wait for it
            QTimer.singleShot(10, self.report)
            return
        print(json.dumps({"screen": self.window.start.currentWidget().objectName(),
                          "modules": sorted(sys.modules)}), flush=True)
        app.quit()


watcher = FirstShow()
app.installEventFilter(watcher)
from recoveryplan.__main__ import main
main(["--plan", sys.argv[1]])
"""

#: Not loaded before the unlock screen is on screen.
LATER = (
    "sqlcipher3", "filelock",       # the plan's database and its lock
    "recoveryplan.storage",         # (a plan is found by its file names, in plan_folder)
    "babel",                        # dates and numbers (the words need only gettext)
    "recoveryplan.plans.model",     # the plan itself
    "recoveryplan.cli",             # the command line
    "recoveryplan.ui.session",      # the open plan, and the dialogs behind the menus
    "recoveryplan.ui.together", "recoveryplan.ui.share", "recoveryplan.ui.help_now.dialog",
    "cryptography",                 # unwrapping the key
    "reportlab", "pypdfium2",       # PDF export and preview
    "zxcvbn",                       # the passphrase meter (creating a plan)
    "jsonschema",                   # bringing a plan in from JSON
    "recoveryplan.export",
    "recoveryplan.ui.workspace",    # the open plan's pages
    "recoveryplan.ui.pages",
    "recoveryplan.ui.context",
    "recoveryplan.ui.models.base",  # the item models (their labels may load early)
    "recoveryplan.plans.service",   # editing
    "recoveryplan.plans.exchange",  # JSON copies
    "recoveryplan.storage.writer",  # saving
)


def _loaded_at_first_show(tmp_path, folder, *more: str) -> tuple[str, list[str]]:
    """The screen on show, and which of ``LATER`` were loaded by then."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", CHILD, str(folder), *more], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    loaded = [name for name in report["modules"]
              if any(name == early or name.startswith(early + ".") for early in LATER)]
    return report["screen"], loaded


def test_unlock_screen_is_shown_before_the_heavy_parts_load(tmp_path):
    folder = tmp_path / "plan"
    db, _key = storage.create_plan(folder, "a long enough passphrase", Plan.new(owner_name="Sam"))
    db.close()
    screen, loaded = _loaded_at_first_show(tmp_path, folder)
    assert screen == "unlockScreen"
    assert loaded == [], f"loaded before the unlock screen was shown: {loaded}"


def test_welcome_screen_is_shown_before_the_heavy_parts_load(tmp_path):
    screen, loaded = _loaded_at_first_show(tmp_path, tmp_path / "no plan here yet")
    assert screen == "welcomeScreen"
    assert loaded == [], f"loaded before the welcome screen was shown: {loaded}"


def test_what_opening_needs_is_imported_while_the_unlock_screen_waits(tmp_path):
    folder = tmp_path / "plan"
    db, _key = storage.create_plan(folder, "a long enough passphrase", Plan.new(owner_name="Sam"))
    db.close()
    screen, loaded = _loaded_at_first_show(tmp_path, folder, "warm")
    assert screen == "unlockScreen"
    for module in ("sqlcipher3", "recoveryplan.storage", "recoveryplan.storage.rotation",
                   "babel.dates", "recoveryplan.ui.context", "recoveryplan.ui.workspace",
                   "recoveryplan.ui.pages.goals"):
        assert module in loaded, f"{module} was not warmed up"
    # Only what opening a plan needs: PDF export still loads when first used.
    assert not [name for name in loaded if name.startswith(("reportlab", "recoveryplan.export"))]
