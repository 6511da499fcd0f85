"""The project's promises about itself: README, CI and packaging agree."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "recoveryplan" in commands[0] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_exactly():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()


def test_dependencies_have_lower_bounds():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    for dep in deps:
        assert ">=" in dep, f"{dep} has no lower bound"


def test_build_tools_are_an_optional_group_not_run_time_dependencies():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = data["project"]["optional-dependencies"]["build"]
    assert any(dep.lower().startswith("pyinstaller>=") for dep in build)
    assert all(">=" in dep for dep in build)
    assert not any("pyinstaller" in dep.lower() for dep in data["project"]["dependencies"])


def test_ci_builds_and_smoke_tests_the_package_as_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/build_app.py" in ci and "scripts/smoke_test_package.py" in ci
    assert "python scripts/build_app.py" in readme
    # the people's section comes before the developers' Quick start
    assert readme.index("no terminal needed") < readme.index("## Quick start")
