"""Where file dialogs start: the person's Documents folder, if there is one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def in_documents(name: str = "") -> str:
    """``name`` in the Documents folder (the folder itself for an empty
    name), or just ``name`` when there is no Documents folder: a folder
    that does not exist would be offered as a file name."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not folder or not Path(folder).is_dir():
        return name
    return str(Path(folder) / name) if name else folder
