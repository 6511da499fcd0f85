"""The domain stays free of Qt and SQL; the command line stays free of Qt."""

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
