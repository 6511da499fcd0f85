"""The domain stays free of Qt and SQL; the command line stays free of Qt;
the front ends reach the plan on disk only through ``opened``; ui stands on
floors (style, widgets, context, models and fields) that never import from
above, and no ui modules or rooms import each other; below ui, no import
loops and no crowded modules."""

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


# -- ui's floors -----------------------------------------------------------------
# Every import counts: at the top of a module, inside a function or under
# ``if TYPE_CHECKING``. Names are made absolute ("recoveryplan.ui.widgets.kit").

UI = PKG / "ui"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in PKG.rglob("*.py")}


def _project_imports(path: Path) -> set[str]:
    """The project's modules (or packages) that ``path`` imports."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "recoveryplan")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "recoveryplan":
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in MODULES else target)
    found.discard(name)
    return found


def _inside(name: str, *places: str) -> bool:
    return any(name == place or name.startswith(place + ".") for place in places)


#: ui's floors, lowest first: a module on a floor imports no ui module of a
#: higher floor, nor ``storage`` or ``export``. Everything else in ui (the
#: shell, the pages, the screens, the features) stands on top of them.
FLOORS = (
    ("recoveryplan.ui.style",),                            # the text sizes and roles
    ("recoveryplan.ui.widgets",),                          # generic Qt: the kit, lists, text boxes
    ("recoveryplan.ui.context", "recoveryplan.ui.undo_commands"),  # the open plan, for Qt
    ("recoveryplan.ui.models", "recoveryplan.ui.fields"),  # item models, plan-aware controls
)


def _floor(name: str) -> int | None:
    for level, places in enumerate(FLOORS):
        if _inside(name, *places):
            return level
    return None


def _ui_modules():
    return {name: path for name, path in MODULES.items() if _inside(name, "recoveryplan.ui")}


def test_ui_floors_import_nothing_from_above():
    checked = 0
    for name, path in _ui_modules().items():
        level = _floor(name)
        if level is None:
            continue
        checked += 1
        for imported in _project_imports(path):
            assert not _inside(imported, "recoveryplan.storage", "recoveryplan.export"), \
                f"{name} imports {imported}"
            if _inside(imported, "recoveryplan.ui"):
                other = _floor(imported)
                assert other is not None and other <= level, \
                    f"{name} (floor {level}) imports {imported}, which is above it"
    assert checked > 20, "the floors hold too few modules: has ui moved?"


def test_widgets_know_nothing_of_the_plan():
    """``ui/widgets/`` is generic Qt: words through ``i18n``, text cleaned by
    ``cleaning``, roles and sizes from ``ui/style.py``, and nothing else of the
    project (no plan, no context, no pages, no screens)."""
    allowed = ("recoveryplan.i18n", "recoveryplan.cleaning", "recoveryplan.ui.style",
               "recoveryplan.ui.widgets")
    widgets = [(n, p) for n, p in MODULES.items() if _inside(n, "recoveryplan.ui.widgets")]
    assert len(widgets) > 5
    for name, path in widgets:
        for imported in _project_imports(path):
            assert _inside(imported, *allowed), f"{name} imports {imported}"


def test_style_and_the_kit_stand_on_qt_alone():
    """``ui/style.py`` imports nothing of the project, and the kit only the
    style, so a screen built from them loads no plan, storage or Babel code."""
    assert _project_imports(UI / "style.py") == set()
    assert _project_imports(UI / "widgets" / "kit.py") <= {"recoveryplan.ui.style"}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in ``graph``, or None (depth-first, without recursion)."""
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    for root in sorted(graph):
        if state.get(root):
            continue
        path, stack = [root], [iter(sorted(graph[root]))]
        state[root] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(step) == 1:
                return path[path.index(step):] + [step]
            elif not state.get(step):
                state[step] = 1
                path.append(step)
                stack.append(iter(sorted(graph.get(step, ()))))
    return None


def _room(name: str) -> str:
    """``recoveryplan.ui.pages.goals`` → ``recoveryplan.ui.pages``; a module
    directly in ui is a room of its own."""
    return ".".join(name.split(".")[:3])


def test_no_import_cycles_within_ui():
    modules = _ui_modules()
    graph = {name: {m for m in _project_imports(path) if m in modules} for name, path in modules.items()}
    assert _cycle(graph) is None, f"modules import each other: {' → '.join(_cycle(graph))}"
    rooms: dict[str, set[str]] = {}
    for name, imported in graph.items():
        rooms.setdefault(_room(name), set()).update(
            _room(m) for m in imported if _room(m) != _room(name))
    loop = _cycle(rooms)
    assert loop is None, f"rooms of ui import each other: {' → '.join(loop)}"


#: The rooms whose modules may not import each other in a circle, nor grow past
#: about 400 lines (a module that long mixes more than one job; split it along
#: its seams).
LOWER_ROOMS = ("plans", "storage", "export")
MAX_LINES = 400



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
    loops = _import_loops(PKG, LOWER_ROOMS)
    assert not loops, "import loops: " + "; ".join(" -> ".join(loop) for loop in loops)
    crowded = {str(path.relative_to(PKG)): n for floor in LOWER_ROOMS for path in (PKG / floor).rglob("*.py")
               if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not crowded, f"modules over {MAX_LINES} lines: {crowded}"


#: Anywhere in the package, a module stays at about 400 lines: a few lines of
#: slack above the lower rooms' hard limit, no more.
ABOUT_MAX_LINES = 420


def test_no_module_anywhere_in_the_package_is_crowded():
    modules = list(PKG.rglob("*.py"))
    assert len(modules) > 100, "the package has too few modules: has it moved?"
    crowded = {str(path.relative_to(PKG)): n for path in modules
               if (n := len(path.read_text(encoding="utf-8").splitlines())) > ABOUT_MAX_LINES}
    assert not crowded, f"modules over {ABOUT_MAX_LINES} lines: {crowded}"


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
    files = [*(PKG / "ui").rglob("*.py"), *(PKG / "cli").rglob("*.py")]
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
