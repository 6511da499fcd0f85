"""Figures that need a fresh process: launch to the unlock screen (against
a bare PySide6 window from the same Python) and memory with the large plan
open in the real window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .measure import Row, Stats, Table, ms, pct, ratio
from .plans import PASSPHRASE, BenchPlan

CHILD = Path(__file__).with_name("app_child.py")
REPO = CHILD.parents[1]
LAUNCH_TARGET_RATIO = 1.5
MEMORY_TARGET_MIB = 250


def child_env(base: Path, bytecode: bool = True) -> dict[str, str]:
    """Offscreen Qt, the repository importable, settings and data folders
    inside the bench folder, the real KDF.

    With ``bytecode`` (as an installed app has: pip and the packaged build
    compile every module), Python keeps the modules' compiled bytecode in
    the bench folder, so a warm-up run fills it and the timed runs read it,
    even where the shell says ``PYTHONDONTWRITEBYTECODE`` (which otherwise
    makes every launch compile the app's hundred modules from source,
    something no installed copy does). Without it, the same variable is
    set, and every module is compiled each time."""
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
               XDG_CONFIG_HOME=str(base / "config"), XDG_DATA_HOME=str(base / "data"))
    env.pop("RECOVERYPLAN_KDF_PROFILE", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(base / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def _run(args: list[str], env: dict[str, str]) -> dict:
    return _run_child(CHILD, args, env)


def _run_child(child: Path, args: list[str], env: dict[str, str]) -> dict:
    """Run a bench child script; its last JSON line."""
    proc = subprocess.run([sys.executable, str(child), *args], env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{args[0]} child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def launch_once(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.monotonic()
    result = _run(args, env)
    return result["shown"] - start, result["screen"]


def launch(small: BenchPlan, table: Table, base: Path, repeat: int) -> None:
    app_args, bare_args = ["app", str(small.folder)], ["bare"]
    for bytecode in (True, False):
        env = child_env(base, bytecode)
        launch_once(app_args, env)   # warm the disk cache (and Python's bytecode cache)
        launch_once(bare_args, env)
        app, bare = [], []
        for _i in range(repeat):     # interleaved, so both see the same load
            seconds, screen = launch_once(app_args, env)
            if screen != "unlockScreen":
                raise RuntimeError(f"the app showed {screen}, not the unlock screen")
            app.append(seconds)
            bare.append(launch_once(bare_args, env)[0])
        app_stats, bare_stats = Stats(tuple(app)), Stats(tuple(bare))
        if bytecode:
            table.add(Row("launch to unlock screen shown", ms(app_stats.median),
                          f"bare window {ms(bare_stats.median)}",
                          ratio(app_stats.median, bare_stats.median), "< 1.5x bare",
                          app_stats.median / bare_stats.median < LAUNCH_TARGET_RATIO,
                          pct(app_stats.spread)))
        else:
            table.add(Row("  the same, compiling every module (no bytecode cache, informational)",
                          ms(app_stats.median), f"bare window {ms(bare_stats.median)}",
                          ratio(app_stats.median, bare_stats.median), spread=pct(app_stats.spread)))


def memory(large: BenchPlan, table: Table, base: Path, repeat: int) -> None:
    env = child_env(base)
    runs = [_run(["memory", str(large.folder), PASSPHRASE, str(base / f"settings-{i}.ini")], env)
            for i in range(repeat)]
    peak = Stats(tuple(r["peak_kib"] / 1024 for r in runs))
    after = Stats(tuple(r["rss_kib"] / 1024 for r in runs))
    before = Stats(tuple(r["at_unlock_kib"] / 1024 for r in runs))
    table.add(Row("memory, large plan open, every page shown: peak RSS",
                  f"{peak.median:.0f} MiB", f"at unlock screen {before.median:.0f} MiB", "",
                  f"< {MEMORY_TARGET_MIB} MiB", peak.median < MEMORY_TARGET_MIB))
    table.add(Row("  resident after (KDF memory given back)", f"{after.median:.0f} MiB"))
    to_workspace = Stats(tuple(r["unlock_to_workspace_s"] for r in runs))
    pages = Stats(tuple(r["all_pages_s"] for r in runs))
    table.add(Row("  click Open to large plan on screen (informational)", ms(to_workspace.median),
                  spread=pct(to_workspace.spread)))
    table.add(Row(f"  showing all {runs[0]['pages']} pages once (informational)", ms(pages.median),
                  spread=pct(pages.spread)))
