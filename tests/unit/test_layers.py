"""The domain stays free of Qt and SQL; the command line stays free of Qt;
the front ends reach the plan on disk only through ``opened``."""

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "recoveryplan"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_plans_imports_no_qt_or_sql():
    files = list((PKG / "plans").rglob("*.py"))
    assert files, "the domain package has no modules"
    for path in files:
        bad = _imports(path) & {"PySide6", "sqlcipher3", "sqlite3"}
        assert not bad, f"{path.name} imports {bad}"


def test_only_storage_touches_sqlcipher():
    for path in PKG.rglob("*.py"):
        if "storage" in path.relative_to(PKG).parts:
            continue
        assert "sqlcipher3" not in _imports(path), path


def test_command_line_does_not_import_qt():
    code = ("import sys, recoveryplan.cli; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PKG.parent)
    assert result.returncode == 0, "importing the command line imported Qt"


def _storage_imports(source: str, package: tuple[str, ...]) -> list[str]:
    """Every import of ``recoveryplan.storage`` in ``source`` (a module of
    ``package``), at any level (function-level ones too), absolute or relative."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [a.name.split(".") for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = base + (node.module.split(".") if node.module else [])
            # "from recoveryplan import storage" names the package itself
            modules = [module + [a.name] for a in node.names] if len(module) == 1 else [module]
        else:
            continue
        found += [".".join(m) for m in modules if m[:2] == ["recoveryplan", "storage"]]
    return found


def _package_of(path: Path) -> tuple[str, ...]:
    return path.relative_to(PKG.parent).with_suffix("").parts[:-1]


def test_front_ends_do_not_import_storage():
    files = [*(PKG / "ui").rglob("*.py"), PKG / "cli.py"]
    assert len(files) > 10, "the ui package has no modules"
    for path in files:
        found = _storage_imports(path.read_text(encoding="utf-8"), _package_of(path))
        assert not found, f"{path.relative_to(PKG)} imports {found}: use recoveryplan.opened"


def test_the_storage_import_check_sees_every_form():
    source = ("from .. import storage\n"
              "from ..i18n import _\n"
              "def later():\n"
              "    from ..storage.errors import StorageError\n"
              "    from ..storage import backup\n"
              "    import recoveryplan.storage.lock_card\n"
              "    from recoveryplan import opened, storage\n"
              "    from ..opened import OpenPlan\n")
    assert _storage_imports(source, ("recoveryplan", "ui")) == [
        "recoveryplan.storage", "recoveryplan.storage.errors", "recoveryplan.storage",
        "recoveryplan.storage.lock_card", "recoveryplan.storage"]
    assert _storage_imports("from ... import storage\n", ("recoveryplan", "ui", "start")) == [
        "recoveryplan.storage"]


def test_the_owner_of_an_open_plan_imports_no_qt():
    assert not _imports(PKG / "opened.py") & {"PySide6", "shiboken6"}
    code = ("import sys, recoveryplan.opened; "
            "sys.exit(1 if any(m.startswith(('PySide6', 'recoveryplan.storage')) for m in sys.modules) "
            "else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PKG.parent)
    assert result.returncode == 0, "importing opened imported Qt or storage"
