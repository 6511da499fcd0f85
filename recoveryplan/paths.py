"""Where the app finds its own files (not the person's)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """``resources/``: copied into the package when installed, else the
    source checkout's top-level folder."""
    installed = PACKAGE_DIR / "_resources"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def schema_path() -> Path:
    return PACKAGE_DIR / "schema" / "recoveryplan-v1.schema.json"
