"""Exit codes, the one-line failure (`CliError`) and the plain wording of
every error a command can meet (`describe_error`)."""

from __future__ import annotations

from ..i18n import _, ngettext

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_SECRET = 3
EXIT_DAMAGED = 4
#: 128 + SIGINT, as shells report a command stopped with Ctrl-C.
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A failure to report in one line; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code



def describe_error(exc: Exception) -> tuple[str | None, int]:
    """A plain message and exit code for an error; (None, 1) if unexpected."""
    from .. import opened
    from ..plans.validation import ValidationError

    if isinstance(exc, CliError):
        return str(exc), exc.code
    if isinstance(exc, opened.WrongSecret):
        return str(exc), EXIT_WRONG_SECRET
    if isinstance(exc, (opened.PlanDamaged, opened.BackupDamaged)):
        return str(exc), EXIT_DAMAGED
    if isinstance(exc, opened.StorageError):
        return str(exc), EXIT_ERROR
    if isinstance(exc, ValidationError):
        lines = [ngettext("This file can't be used: {count} problem was found. Nothing was changed.",
                          "This file can't be used: {count} problems were found. Nothing was changed.",
                          len(exc.problems)).format(count=len(exc.problems))]
        more_than = getattr(exc, "more_than", None)
        if more_than:
            lines = [_("This file can't be used: more than {count} problems were found, so I "
                       "stopped looking. Nothing was changed.").format(count=more_than)]
        lines += [f"  - {problem}" for problem in exc.problems[:50]]
        if len(exc.problems) > 50:
            lines.append("  …")
        return "\n".join(lines), EXIT_ERROR
    from ..export.pdf import ExportError

    if isinstance(exc, ExportError):
        return str(exc), EXIT_ERROR
    if isinstance(exc, OSError) and exc.strerror:
        return _("Could not use {path}: {reason}. Nothing in your plan was changed.").format(
            path=exc.filename or "", reason=exc.strerror), EXIT_ERROR
    return None, EXIT_ERROR

