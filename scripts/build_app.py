#!/usr/bin/env python3
"""Build the app people install: a PyInstaller folder and, on Debian or
Ubuntu, a .deb package. Needs no network.

    pip install ".[build]"          # PyInstaller (once)
    python scripts/build_app.py     # -> dist/recoveryplan/ and dist/recoveryplan_<version>_<arch>.deb

Steps: compile the catalogues and draw the icons into build/stage/, run
PyInstaller with packaging/recoveryplan.spec (one folder in
dist/recoveryplan/), then, where dpkg-deb exists, put that folder under
/usr/lib/recoveryplan with a `recoveryplan` command, a menu launcher, icons
and AppStream metainfo, and make the .deb. `--no-deb` stops after the folder.
On Windows and macOS the same command makes the folder (and the macOS .app);
that is written for but not tested there (docs/packaging.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
STAGE = BUILD / "stage"
DIST = ROOT / "dist"
BUNDLE = DIST / "recoveryplan"
SPEC = ROOT / "packaging" / "recoveryplan.spec"
LINUX_FILES = ROOT / "packaging" / "linux"
SVG = ROOT / "resources" / "icons" / "recoveryplan.svg"

#: Freedesktop sizes for the hicolor theme; the rest feed .ico and .icns.
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
HICOLOR_SIZES = (48, 128, 256)

sys.path.insert(0, str(ROOT))


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def version() -> str:
    from recoveryplan import __version__

    return __version__


# -- stage: catalogues and icons ---------------------------------------------

def compile_catalogues() -> None:
    from recoveryplan.catalogues import compile_catalogues as compile_all

    target = STAGE / "locale"
    shutil.rmtree(target, ignore_errors=True)
    written = compile_all(ROOT / "translations", target)
    if not written:
        sys.exit("build: no catalogues in translations/")
    print("    " + ", ".join(path.parent.parent.name for path in written))


def draw_icons() -> dict[int, Path]:
    """PNGs of the SVG icon at every size, drawn by Qt (no other tool)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"build: cannot read {SVG}")
    out = STAGE / "icons"
    out.mkdir(parents=True, exist_ok=True)
    pngs = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"recoveryplan-{size}.png"
        if not image.save(str(path), "PNG"):
            sys.exit(f"build: cannot write {path}")
        pngs[size] = path
    write_ico(out / "recoveryplan.ico", [pngs[s] for s in (16, 32, 48, 64, 128, 256)])
    write_icns(out / "recoveryplan.icns", pngs)
    return pngs


def write_ico(path: Path, pngs: list[Path]) -> None:
    """A Windows .ico holding PNG images (Windows Vista and later read these)."""
    images = [p.read_bytes() for p in pngs]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, body = b"", b""
    for data in images:
        width, height = struct.unpack(">II", data[16:24])
        entries += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32,
                               len(data), offset + len(body))
        body += data
    path.write_bytes(header + entries + body)


def write_icns(path: Path, pngs: dict[int, Path]) -> None:
    """A macOS .icns holding PNG images (types ic07-ic09: 128, 256, 512)."""
    chunks = b""
    for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512)):
        data = pngs[size].read_bytes()
        chunks += kind + struct.pack(">I", 8 + len(data)) + data
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)


# -- the PyInstaller folder --------------------------------------------------

def run_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit('build: PyInstaller is missing; install it with: pip install ".[build]"')
    env = dict(os.environ, RECOVERYPLAN_STAGE=str(STAGE))
    env.pop("PYTHONPATH", None)  # the spec adds the source folder itself
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(DIST),
                    "--workpath", str(BUILD / "pyinstaller"), str(SPEC)],
                   cwd=ROOT, env=env, check=True)


def strip_debug_info(bundle: Path) -> None:
    """Strip the shared libraries as Debian does (dh_strip: debugging
    sections and symbols no other library looks up); some wheels and
    self-built Pythons ship them, doubling their size. The launcher itself,
    which carries the app's archive, is left as it is."""
    if platform.system() != "Linux" or not shutil.which("strip"):
        return
    for elf in _elf_files(bundle):
        if ".so" in elf.name:
            subprocess.run(["strip", "--strip-unneeded", "--remove-section=.comment",
                            "--remove-section=.note", str(elf)], capture_output=True)


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


# -- the Debian package ------------------------------------------------------

def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _needed(elf: Path) -> set[str]:
    out = subprocess.run(["objdump", "-p", str(elf)], capture_output=True, text=True).stdout
    return {line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")}


def system_libraries(bundle: Path) -> set[str]:
    """The system libraries that the bundle's programs, modules and plugins
    link to directly, found with ldd as the frozen app sees them (its own
    folder first). Stops the build if one is not on this computer."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    elves = _elf_files(bundle)
    inside = {p.name for p in bundle.rglob("*")}
    where, missing, direct = {}, set(), set()
    for elf in elves:
        direct |= _needed(elf) - inside
        result = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            parts = line.split()
            if "=>" not in parts:
                continue
            name, target = parts[0], parts[parts.index("=>") + 1]
            if target == "not":
                missing.add(f"{name} (needed by {elf.relative_to(bundle)})")
            else:
                where[name] = target
    if missing:
        sys.exit("build: these libraries are not on this computer, so the package would not "
                 "run; install them first (sh scripts/install-debian-packages.sh build):\n  "
                 + "\n  ".join(sorted(missing)))
    return {where[name] for name in direct if name in where}


def owning_packages(paths: set[str]) -> set[str]:
    packages = set()
    for path in sorted(paths):
        candidates = {path, str(Path(path).resolve())}
        candidates |= {c.removeprefix("/usr") for c in list(candidates) if c.startswith("/usr/")}
        candidates |= {"/usr" + c for c in list(candidates) if not c.startswith("/usr/")}
        for candidate in candidates:
            result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
            if result.returncode == 0:
                # "libfoo1:amd64: /usr/lib/..." -> libfoo1
                packages.add(result.stdout.split(":", 1)[0].split(",")[0].strip())
                break
        else:
            print(f"    warning: no package owns {path}", file=sys.stderr)
    return packages


def installed_version(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                            capture_output=True, text=True)
    return result.stdout.strip().split("-")[0]


def depends(bundle: Path) -> str:
    packages = owning_packages(system_libraries(bundle))
    # The windows draw their text with the system's fonts (the bundled ones
    # are for PDFs): without any, every label would be blank.
    packages.add("fonts-dejavu-core")
    fields = []
    for name in sorted(packages):
        if name == "libc6":
            # Python and the launcher were built against this C library.
            fields.append(f"libc6 (>= {installed_version('libc6')})")
        else:
            fields.append(name)
    return ", ".join(fields)


def make_deb(bundle: Path, pngs: dict[int, Path]) -> Path:
    ver = version()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    root = BUILD / "deb"
    shutil.rmtree(root, ignore_errors=True)
    lib = root / "usr" / "lib" / "recoveryplan"
    shutil.copytree(bundle, lib, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink("../lib/recoveryplan/recoveryplan", root / "usr" / "bin" / "recoveryplan")
    share = root / "usr" / "share"
    for name, folder in (("recoveryplan.desktop", "applications"),
                         ("recoveryplan.metainfo.xml", "metainfo")):
        (share / folder).mkdir(parents=True, exist_ok=True)
        text = (LINUX_FILES / name).read_text(encoding="utf-8").replace("@VERSION@", ver)
        (share / folder / name).write_text(text, encoding="utf-8")
    hicolor = share / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(SVG, hicolor / "scalable" / "apps" / "recoveryplan.svg")
    for size in HICOLOR_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(pngs[size], folder / "recoveryplan.png")
    doc = share / "doc" / "recoveryplan"
    doc.mkdir(parents=True)
    shutil.copy2(LINUX_FILES / "copyright", doc / "copyright")
    for path in root.rglob("*"):  # root-owned files, readable by everyone
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)

    validate(share)
    installed_kib = (tree_size(root) + 1023) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        (LINUX_FILES / "control").read_text(encoding="utf-8")
        .replace("@VERSION@", ver).replace("@ARCH@", arch)
        .replace("@DEPENDS@", depends(bundle)).replace("@SIZE@", str(installed_kib)),
        encoding="utf-8")
    deb = DIST / f"recoveryplan_{ver}_{arch}.deb"
    deb.unlink(missing_ok=True)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    return deb


def validate(share: Path) -> None:
    metainfo = share / "metainfo" / "recoveryplan.metainfo.xml"
    desktop = share / "applications" / "recoveryplan.desktop"
    if shutil.which("appstreamcli"):
        subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", str(metainfo)],
                       check=True)
    else:
        print("    appstreamcli is not installed: the metainfo was not validated")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)


# ----------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-deb", action="store_true", help="stop after the PyInstaller folder")
    args = parser.parse_args()
    began = time.monotonic()
    step("compiling the catalogues")
    compile_catalogues()
    step("drawing the icons")
    pngs = draw_icons()
    step("freezing the app with PyInstaller (a few minutes)")
    run_pyinstaller()
    strip_debug_info(BUNDLE)
    size = tree_size(BUNDLE)
    print(f"    {BUNDLE.relative_to(ROOT)}/: {size / 1e6:.1f} MB")
    want_deb = (not args.no_deb and platform.system() == "Linux" and shutil.which("dpkg-deb"))
    if want_deb:
        step("making the Debian package")
        deb = make_deb(BUNDLE, pngs)
        print(f"    {deb.relative_to(ROOT)}: {deb.stat().st_size / 1e6:.1f} MB")
    elif not args.no_deb:
        print("    (no dpkg-deb here: no .deb made)")
    print(f"==> built in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
