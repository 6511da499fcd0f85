"""The window opens inside the available screen, with every menu and
"Need help now?" in sight: a 1024×600 screen, 200 % scaling, large text,
Arabic. Each case runs the real app start (``run_app``) in a subprocess on
Qt's offscreen platform given that screen (with window frames), then reads
the geometry the window really got."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QStandardPaths, QTimer, QRect
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
from recoveryplan.ui.app import run_app
from recoveryplan.ui.main_window import MainWindow
from recoveryplan.ui.settings import Settings

folder, language, percent = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
settings.text_scale = percent

def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]

def probe():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    if not window.isVisible():
        QTimer.singleShot(20, probe)
        return
    QApplication.processEvents()
    bar = window.menuBar()
    menus = []
    for action in bar.actions():
        geometry = bar.actionGeometry(action)
        top_left = bar.mapToGlobal(geometry.topLeft())
        menus.append(rect(QRect(top_left, geometry.size())))
    button = window.help_now_button
    print(json.dumps({
        "available": rect(window.screen().availableGeometry()),
        "frame": rect(window.frameGeometry()),
        "menus": menus,
        "help_now": rect(QRect(button.mapToGlobal(button.rect().topLeft()), button.size())),
        "help_now_visible": button.isVisible(),
    }))
    QApplication.quit()

QTimer.singleShot(0, probe)
run_app([sys.argv[0]], plan_path=folder / "plan", settings=settings, language=language)
"""


def _inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return w > 0 and h > 0 and x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize("width, height, scale, language, percent", [
    (1024, 600, "1", "en", 100),
    (1024, 600, "1", "ar", 100),
    (1024, 600, "1", "en", 200),
    (1366, 768, "2", "en", 100),
    (1366, 768, "2", "ar", 100),
])
def test_the_window_opens_inside_a_small_screen(tmp_path: Path, width, height, scale,
                                                language, percent) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({
        "windowFrameMargins": True,
        "screens": [{"name": "small", "x": 0, "y": 0, "width": width, "height": height,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path), language, str(percent)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    available = seen["available"]
    assert available[2] == round(width / int(scale))
    assert _inside(seen["frame"], available), seen
    assert seen["help_now_visible"]
    assert _inside(seen["help_now"], seen["frame"]), seen
    assert len(seen["menus"]) == 5
    for menu in seen["menus"]:
        assert _inside(menu, seen["frame"]), seen
