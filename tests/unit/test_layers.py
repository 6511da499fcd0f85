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


#: The rooms whose modules may not import each other in a circle, nor grow past
#: about 400 lines (a module that long mixes more than one job; split it along
#: its seams).
FLOORS = ("plans", "storage", "export")
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _internal_imports(path: Path, known: set[str]) -> set[str]:
    """The project's modules ``path`` imports, at the top or inside a function:
    ``from . import x`` names module ``x``; ``from .x import y`` names ``x``
    (or ``x.y`` when that is a module)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name:
                found.add(target)
    return found


def _import_loops(root: Path, floors: tuple[str, ...]) -> list[list[str]]:
    """Circles of imports among the modules of ``floors``: for each module
    that can reach itself, the shortest way round (``a -> b -> a``), once
    per set of modules."""
    paths = {_module_name(p): p for p in root.rglob("*.py")}
    inside = {name for name in paths
              if any(name == f"recoveryplan.{floor}" or name.startswith(f"recoveryplan.{floor}.")
                     for floor in floors)}
    graph = {name: _internal_imports(paths[name], set(paths)) & inside for name in inside}
    loops, seen = [], set()
    for start in sorted(graph):
        came_from: dict[str, str] = {}
        queue = [start]
        while queue and start not in came_from:
            node = queue.pop(0)
            for nxt in sorted(graph[node]):
                if nxt not in came_from:
                    came_from[nxt] = node
                    queue.append(nxt)
        if start in came_from:
            trail = [start]
            while came_from[trail[-1]] != start:
                trail.append(came_from[trail[-1]])
            loop = [start, *reversed(trail[1:]), start]
            if frozenset(loop) not in seen:
                seen.add(frozenset(loop))
                loops.append(loop)
    return loops


def test_domain_storage_and_export_have_no_import_loops_or_crowded_modules():
    loops = _import_loops(PKG, FLOORS)
    assert not loops, "import loops: " + "; ".join(" -> ".join(loop) for loop in loops)
    crowded = {str(path.relative_to(PKG)): n for floor in FLOORS for path in (PKG / floor).rglob("*.py")
               if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not crowded, f"modules over {MAX_LINES} lines: {crowded}"
