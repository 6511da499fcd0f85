#!/usr/bin/env python3
"""Smoke-test the built Debian package against the pip-installed app.

    python scripts/smoke_test_package.py dist/recoveryplan_<version>_<arch>.deb .venv/bin/recoveryplan

Unpacks the .deb into a fresh folder (as dpkg would place it, without
touching this computer), then, with a fresh home folder and no PYTHONPATH,
the packaged `recoveryplan` command: prints its version, creates a plan,
imports the bundled sample plan, checks the plan, exports an Arabic PDF and
a JSON copy, and opens its window offscreen. The PDF's text and the JSON
copy must be the same as the pip-installed app makes from the same plan
(the JSON's "exported" time aside). Prints what it runs and what it saw,
and the start time of the window against the pip install; exits non-zero
on the first difference.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "copper lantern orchard seven"
TIMEOUT = 180


class Failed(Exception):
    pass


def say(text: str) -> None:
    print(text, flush=True)


def run(cmd: list[str], env: dict, cwd: Path, stdin: str = "", check: bool = True,
        quiet: bool = False) -> subprocess.CompletedProcess:
    shown = " ".join(str(c) for c in cmd)
    if not quiet:
        say(f"$ {shown}")
    result = subprocess.run([str(c) for c in cmd], input=stdin, capture_output=True, text=True,
                            env=env, cwd=cwd, timeout=TIMEOUT)
    if not quiet:
        for line in (result.stdout + result.stderr).splitlines():
            say(f"  {line}")
    if check and result.returncode != 0:
        raise Failed(f"exit {result.returncode}: {shown}")
    return result


def clean_env(home: Path) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key in ("PATH", "LANG", "LC_ALL", "TERM")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_RUNTIME_DIR=str(home / "run"), QT_QPA_PLATFORM="offscreen",
               TMPDIR=str(home / "tmp"))
    for folder in ("run", "tmp"):
        (home / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def pdf_text(pdf: Path, env: dict, cwd: Path) -> str:
    return run(["pdftotext", "-layout", pdf, "-"], env, cwd, quiet=True).stdout


def check_fonts_embedded(pdf: Path, env: dict, cwd: Path) -> None:
    out = run(["pdffonts", pdf], env, cwd, quiet=True).stdout.splitlines()[2:]
    if not out:
        raise Failed(f"{pdf.name} has no fonts")
    for line in out:
        # columns: name, type (one or two words), encoding, emb, sub, uni, object, ID
        fields = line.split()
        if fields[-5] != "yes":
            raise Failed(f"{pdf.name}: font not embedded: {line}")
    say(f"  {len(out)} fonts, all embedded: " + ", ".join(l.split()[0].split("+")[-1] for l in out))


def window_start(cmd: list[str], plan: Path, env: dict, cwd: Path) -> tuple[float, float]:
    """Seconds from starting ``cmd`` until its window is shown, on the clock
    and in processor time (which a busy machine disturbs less)."""
    import resource

    env = dict(env, RECOVERYPLAN_PROBE_WINDOW="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.time()
    result = run([*cmd, "--plan", plan], env, cwd, quiet=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [l for l in result.stdout.splitlines() if l.startswith("window shown ")]
    if not lines:
        raise Failed("the window was not shown:\n" + result.stdout + result.stderr)
    _w, _s, when, screen = lines[0].split()
    if screen != "unlockScreen":
        raise Failed(f"the window opened on {screen}, not the unlock screen")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(when) - began, cpu


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.exit(__doc__)
    deb, source_cmd = Path(argv[1]).resolve(), [str(Path(argv[2]).resolve())]
    work = Path(tempfile.mkdtemp(prefix="recoveryplan-smoke-"))
    try:
        return smoke(deb, source_cmd, work)
    except (Failed, subprocess.TimeoutExpired) as exc:
        say(f"SMOKE TEST FAILED: {exc}")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def smoke(deb: Path, source_cmd: list[str], work: Path) -> int:
    root, home = work / "root", work / "home"
    env = clean_env(home)
    say(f"$ dpkg-deb -x {deb.name} <fresh folder>")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    for path in ("usr/bin/recoveryplan", "usr/share/applications/recoveryplan.desktop",
                 "usr/share/metainfo/recoveryplan.metainfo.xml",
                 "usr/share/icons/hicolor/scalable/apps/recoveryplan.svg",
                 *(f"usr/share/icons/hicolor/{s}x{s}/apps/recoveryplan.png" for s in (48, 128, 256))):
        if not (root / path).exists():
            raise Failed(f"the package has no /{path}")
    say("  launcher, metainfo and icons (SVG, PNG 48/128/256) are in place")
    app = [str(root / "usr/bin/recoveryplan")]
    sample = root / "usr/lib/recoveryplan/_internal/recoveryplan/_resources/sample-plan.json"
    plan = home / "my-plan"

    version = run([*app, "--version"], env, home).stdout.strip()
    expected = run([*source_cmd, "--version"], env, home, quiet=True).stdout.strip()
    if version != expected:
        raise Failed(f"--version says {version!r}, the pip install {expected!r}")
    created = run([*app, "create", plan, "--name", "Sam", "--passphrase-stdin"], env, home,
                  stdin=PASSPHRASE + "\n")
    if "warning" in created.stderr.lower():
        raise Failed("a warning on creating the plan")
    run([*app, "import-json", plan, sample, "--passphrase-stdin"], env, home,
        stdin=PASSPHRASE + "\n")
    run([*app, "check", plan, "--passphrase-stdin"], env, home, stdin=PASSPHRASE + "\n")

    copies = {}
    for who, cmd in (("package", app), ("pip", source_cmd)):
        out = work / who
        out.mkdir()
        quiet = who == "pip"
        if quiet:
            say(f"$ (the same two exports with {' '.join(source_cmd)})")
        pdf = run([*cmd, "export-pdf", plan, out / "plan-ar.pdf", "--locale", "ar",
                   "--passphrase-stdin"], env, home, stdin=PASSPHRASE + "\n", quiet=quiet)
        if pdf.stderr.strip():
            raise Failed(f"{who}: export-pdf wrote to stderr: {pdf.stderr.strip()}")
        run([*cmd, "export-json", plan, out / "copy.json", "--passphrase-stdin"], env, home,
            stdin=PASSPHRASE + "\n", quiet=quiet)
        copies[who] = out

    text = pdf_text(copies["package"] / "plan-ar.pdf", env, home)
    if pdf_text(copies["pip"] / "plan-ar.pdf", env, home) != text:
        raise Failed("the Arabic PDF's text differs from the pip install's")
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff")
    if arabic < 200:
        raise Failed(f"the Arabic PDF has only {arabic} Arabic letters")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    say(f"  Arabic PDF: {len(text.splitlines())} lines, {arabic} Arabic letters, same text as "
        f"the pip install's; first line: {title}")
    check_fonts_embedded(copies["package"] / "plan-ar.pdf", env, home)

    docs = {}
    for who, out in copies.items():
        doc = json.loads((out / "copy.json").read_text(encoding="utf-8"))
        doc.pop("exported")
        docs[who] = doc
    if docs["package"] != docs["pip"]:
        raise Failed("the JSON copy differs from the pip install's")
    source = json.loads(sample.read_text(encoding="utf-8"))
    if len(docs["package"]["plan"]["entries"]) != len(source["plan"]["entries"]):
        raise Failed("the JSON copy lost entries of the sample")
    say(f"  JSON copy: the same as the pip install's (apart from the time it was made), "
        f"{len(source['plan']['entries'])} entries as in the sample")

    say(f"$ RECOVERYPLAN_PROBE_WINDOW=1 QT_QPA_PLATFORM=offscreen recoveryplan --plan {plan.name}")
    entry = Path(__file__).resolve().parent.parent / "packaging" / "entry.py"
    python = Path(source_cmd[0]).parent / "python"
    times = {"package": [], "pip": []}
    for _ in range(5):  # alternately, so a busy moment hurts both alike
        times["package"].append(window_start(app, plan, env, home))
        times["pip"].append(window_start([str(python), str(entry)], plan, env, home))
    wall = {who: statistics.median(t[0] for t in got) for who, got in times.items()}
    cpu = {who: statistics.median(t[1] for t in got) for who, got in times.items()}
    say("  the window is shown on the unlock screen")
    say(f"  start until the window is shown (median of 5): package {wall['package']:.2f} s, "
        f"pip install {wall['pip']:.2f} s ({wall['package'] / wall['pip']:.2f}x); processor "
        f"time {cpu['package']:.2f} s against {cpu['pip']:.2f} s "
        f"({cpu['package'] / cpu['pip']:.2f}x)")
    say("SMOKE TEST PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
