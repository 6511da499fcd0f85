"""The command line's sub-commands, by name: the entry point tells a command
from opening the app without importing the command line (or its Babel)."""

from __future__ import annotations

from typing import Sequence

COMMANDS = ("create", "import-json", "export-json", "export-pdf", "change-passphrase",
            "new-recovery-key", "backup", "restore", "check", "reviews")


def wants_app(argv: Sequence[str]) -> bool:
    """True when no sub-command (nor help or version) is asked for: the app opens."""
    return not any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in argv)
