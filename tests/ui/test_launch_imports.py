"""The unlock screen comes up before the heavy parts of the app are loaded.

A fresh process starts the app through its entry point on an existing plan;
once the first window has been shown and the event loop has turned, it
reports which modules are loaded. The plan's pages, editing, JSON exchange,
PDF export, the passphrase meter and the key cryptography load when they are
first needed, not at launch (how long launch takes is measured in bench/).
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


def test_unlock_screen_is_shown_before_the_heavy_parts_load(tmp_path):
    folder = tmp_path / "plan"
    db, _key = storage.create_plan(folder, "a long enough passphrase", Plan.new(owner_name="Sam"))
    db.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", CHILD, str(folder)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["screen"] == "unlockScreen"
    loaded = [name for name in report["modules"]
              if any(name == early or name.startswith(early + ".") for early in LATER)]
    assert loaded == [], f"loaded before the unlock screen was shown: {loaded}"
