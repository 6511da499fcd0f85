"""The command line: the same services as the app, no Qt.

A passphrase is never taken as an argument (it would show in the process
list): it comes from a hidden prompt, or one line each on standard input
with ``--passphrase-stdin`` / ``--recovery-key-stdin``.

Every failure is one clear line on standard error and a non-zero exit
code; nothing on disk changes when a command fails.

The package's modules: `errors` (exit codes, `CliError`, `describe_error`),
`prompts` (`Secrets`), `commands` (the ``cmd_*``) and `parser`
(`build_parser`). This module runs one command.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Sequence, TextIO

from ..cli_names import COMMANDS, wants_app
from ..i18n import _
from .commands import (cmd_backup, cmd_change_passphrase, cmd_check, cmd_create,
                       cmd_export_json, cmd_export_pdf, cmd_import_json, cmd_new_recovery_key,
                       cmd_restore, cmd_reviews)
from .errors import (EXIT_DAMAGED, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK,
                     EXIT_USAGE, EXIT_WRONG_SECRET, CliError, describe_error)
from .parser import build_parser
from .prompts import Secrets

__all__ = ["COMMANDS", "EXIT_DAMAGED", "EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE",
           "EXIT_WRONG_SECRET", "CliError", "Secrets", "build_parser", "cmd_backup",
           "cmd_change_passphrase", "cmd_check", "cmd_create", "cmd_export_json", "cmd_export_pdf",
           "cmd_import_json", "cmd_new_recovery_key", "cmd_restore", "cmd_reviews",
           "describe_error", "interrupted", "run", "wants_app"]


def run(argv: Sequence[str], stdin: TextIO | None = None, stdout: TextIO | None = None,
        stderr: TextIO | None = None) -> int:
    """Run one command; returns the exit status. Never raises."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_usage(stderr)
        return EXIT_USAGE
    args.warn = lambda message: stderr.write(message + "\n")
    try:
        return args.func(args, Secrets(args, stdin), stdout)
    except KeyboardInterrupt:
        return interrupted(stderr)
    except Exception as exc:  # noqa: BLE001 - one kind message, never a traceback
        message, code = describe_error(exc)
        if code == EXIT_ERROR and message is None and os.environ.get("RECOVERYPLAN_DEBUG"):
            traceback.print_exc(file=stderr)
        stderr.write((message or _("Something went wrong that Recovery Plan did not expect. "
                                   "Nothing in your plan was changed.")) + "\n")
        return code


def interrupted(stderr: TextIO | None = None) -> int:
    """Ctrl-C: one line, exit 130. Every write is atomic (a transaction, or
    a temporary file renamed into place), so nothing is left half-written."""
    try:
        (stderr or sys.stderr).write(_("Stopped. Nothing was left half-done.") + "\n")
    except (OSError, ValueError):
        pass
    return EXIT_INTERRUPTED
