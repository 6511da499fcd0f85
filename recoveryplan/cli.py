"""The command line: the same services as the app, no Qt.

A passphrase is never taken as an argument (it would show in the process
list): it comes from a hidden prompt, or one line each on standard input
with ``--passphrase-stdin`` / ``--recovery-key-stdin``.

Every failure is one clear line on standard error and a non-zero exit
code; nothing on disk changes when a command fails.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import textwrap
import traceback
from pathlib import Path
from typing import Callable, Sequence, TextIO

from . import __version__
from .i18n import _, format_date, ngettext

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


def _storable_secret(text: str) -> str:
    """A secret that isn't valid text (bytes of another encoding, read as
    lone surrogates) is refused in plain words, before anything is done."""
    from .plans.validation import unstorable_message

    if unstorable_message(text):
        raise CliError(_("What was typed has a character that isn't valid text (perhaps from "
                         "another keyboard setting or file encoding), so it can't be used as a "
                         "passphrase or recovery key. Nothing was changed."), EXIT_USAGE)
    return text


class Secrets:
    """Reads secrets from a hidden prompt or, when asked, from stdin lines."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO,
                 prompt: Callable[[str], str] = getpass.getpass) -> None:
        self.from_stdin = bool(getattr(args, "passphrase_stdin", False)
                               or getattr(args, "recovery_key_stdin", False))
        self.recovery = bool(getattr(args, "recovery_key_stdin", False))
        self.stdin = stdin
        self.prompt = prompt

    def read(self, prompt: str) -> str:
        if self.from_stdin:
            line = self.stdin.readline()
            if not line:
                raise CliError(_("Expected one more line on standard input, but there was none."),
                               EXIT_USAGE)
            return _storable_secret(line.rstrip("\r\n"))
        try:
            return _storable_secret(self.prompt(prompt))
        except EOFError:
            raise CliError(_("Stopped. Nothing was changed."), EXIT_ERROR) from None

    def existing(self) -> str:
        """The secret that opens an existing plan."""
        if self.recovery:
            return self.read(_("Recovery key: "))
        return self.read(_("Passphrase (or recovery key): "))

    def new_passphrase(self, name: str = "") -> str:
        from .plans.passphrase import assess

        first = self.read(_("New passphrase: "))
        if not self.from_stdin:
            second = self.read(_("Type it again: "))
            if first != second:
                raise CliError(_("The two passphrases are not the same. Nothing was changed."))
        strength = assess(first, [name] if name else [])
        if not strength.acceptable:
            raise CliError(" ".join(filter(None, [strength.summary, strength.advice,
                                                   _("Nothing was changed.")])))
        return first


# -- commands --------------------------------------------------------------------

def _open(args, secrets: Secrets):
    from . import opened

    # Read-only media or a full disk: reading and exporting still work;
    # a command that writes says plainly that it can't.
    return opened.open_plan(Path(args.plan), secrets.existing(), read_only=None)


def cmd_create(args, secrets: Secrets, out: TextIO) -> int:
    from . import opened
    from .plans.model import Plan

    from .plans.validation import unstorable_message

    path = Path(args.plan)
    if opened.plan_exists(path):
        raise CliError(_("There is already a plan there. Nothing was changed."))
    problem = unstorable_message(args.name or "")
    if problem:
        raise CliError(_("The name {problem}. Please type it again. Nothing was changed.")
                       .format(problem=problem), EXIT_USAGE)
    passphrase = secrets.new_passphrase(args.name or "")
    plan = Plan.new(owner_name=args.name or "")
    made, recovery_key = opened.create(path, passphrase, plan)
    made.close(quietly=False)
    out.write(_("Your plan is ready.") + "\n\n")
    out.write(_("Your recovery key (keep it somewhere safe, it is shown only once):") + "\n")
    out.write(f"    {recovery_key}\n\n")
    out.write(_("If you forget your passphrase, this key opens your plan. If both are lost, "
                "nobody can open the plan, not even your care team.") + "\n")
    return EXIT_OK


def cmd_import_json(args, secrets: Secrets, out: TextIO) -> int:
    from . import opened

    # Validate the file completely before asking for the passphrase or
    # touching the plan.
    plan = opened.load_json(args.file)
    with _open(args, secrets) as open_plan:
        open_plan.replace_plan(plan)
    out.write(_("Imported. Your plan now holds what is in that file.") + "\n")
    return EXIT_OK


def cmd_export_json(args, secrets: Secrets, out: TextIO) -> int:
    from .plans import exchange

    with _open(args, secrets) as open_plan:
        plan = open_plan.with_snapshots()
    doc = exchange.to_document(plan, include_private=not args.leave_out_private)
    exchange.write_document(Path(args.file), doc)
    out.write(_("Saved a copy of your plan to {path}.").format(path=args.file) + "\n")
    return EXIT_OK


def cmd_export_pdf(args, secrets: Secrets, out: TextIO) -> int:
    from .export.pdf import Layout, PdfOptions, export_pdf, unprintable_message
    from .plans.service import latest_review

    layout = Layout(args.layout)
    since = args.since_last_review and layout is Layout.PLAN
    with _open(args, secrets) as open_plan:
        plan = open_plan.plan
        options = PdfOptions(
            layout=layout,
            language=args.locale or plan.info.language or "en",
            large_print=args.large_print,
            sections=tuple(args.sections) if args.sections else None,
            include_private=args.include_private,
            since_last_review=since,
        )
        open_plan.prepare_export(options)
    last = latest_review(plan, include_private=args.include_private) if since else None
    from . import i18n

    if not i18n.catalogue_installed(options.language):
        args.warn(i18n.missing_catalogue_message(options.language, pdf=True))
    unprintable = export_pdf(plan, Path(args.out), options)
    if unprintable:
        out.write(unprintable_message(unprintable) + "\n")
    if since and last is None:
        out.write(_("There is no review yet, so the PDF has no part about what changed "
                    "since the last one.") + "\n")
    out.write(_("Saved the PDF to {path}.").format(path=args.out) + "\n")
    return EXIT_OK


def cmd_change_passphrase(args, secrets: Secrets, out: TextIO) -> int:
    with _open(args, secrets) as open_plan:
        new = secrets.new_passphrase()
        open_plan.change_passphrase(new)
    out.write(_("Your passphrase has been changed. Your recovery key still works.") + "\n")
    out.write(open_plan.old_secret_note(_("Your old passphrase no longer opens this plan or the backups "
                                     "kept with it. It still opens any backup file you saved "
                                     "somewhere else before now.")) + "\n")
    return EXIT_OK


def cmd_new_recovery_key(args, secrets: Secrets, out: TextIO) -> int:
    with _open(args, secrets) as open_plan:
        key = open_plan.new_recovery_key()
    out.write(_("Your new recovery key (the old one no longer works):") + "\n")
    out.write(f"    {key}\n")
    out.write(open_plan.old_secret_note(_("Your old recovery key no longer opens this plan or the "
                                     "backups kept with it. It still opens any backup file you "
                                     "saved somewhere else before now.")) + "\n")
    return EXIT_OK


def cmd_backup(args, secrets: Secrets, out: TextIO) -> int:
    target = Path(args.file)
    if target.is_dir():
        raise CliError(_("{path} is a folder. Please give a file name for the backup, for "
                         "example my-plan.rpbackup.").format(path=args.file), EXIT_USAGE)
    with _open(args, secrets) as open_plan:
        made = open_plan.save_backup(target)
    out.write(_("Saved an encrypted backup of your plan to {path}. It opens with the passphrase "
                "or recovery key you use now.").format(path=args.file) + "\n")
    out.write(_("Made on {date}.").format(date=format_date(made.created.astimezone().date())) + "\n")
    return EXIT_OK


def cmd_restore(args, secrets: Secrets, out: TextIO) -> int:
    from . import opened

    # The file is read and checked before any secret is asked for.
    made = opened.read_backup(Path(args.file))
    if secrets.recovery:
        secret = secrets.read(_("Recovery key: "))
    else:
        secret = secrets.read(_("Passphrase (or recovery key) for this backup: "))
    done = opened.restore(Path(args.file), Path(args.plan), secret)
    out.write(_("Your plan has been restored from the backup made on {date}.").format(
        date=format_date(made.created.astimezone().date())) + "\n")
    if done.replaced is not None:
        out.write(_("The plan it replaced has been kept, unchanged, in {path}.").format(
            path=str(done.replaced)) + "\n")
    if done.backups_left is not None:
        out.write(_("Your automatic backups couldn't all be moved across; the rest are still "
                    "in {path}.").format(path=str(done.backups_left)) + "\n")
    return EXIT_OK


def cmd_check(args, secrets: Secrets, out: TextIO) -> int:
    from . import opened

    report = opened.check(Path(args.plan), secrets.existing())
    for line in report.lines():
        out.write(line + "\n")
    return EXIT_OK if report.ok else EXIT_DAMAGED


def cmd_reviews(args, secrets: Secrets, out: TextIO) -> int:
    with _open(args, secrets) as open_plan:
        plan = open_plan.plan
    reviews = sorted(plan.reviews, key=lambda r: r.date, reverse=True)
    out.write(ngettext("{count} review", "{count} reviews", len(reviews)).format(
        count=len(reviews)) + "\n")
    for review in reviews:
        out.write(format_date(review.date) + "\n")
        if review.who_was_there:
            out.write("  " + _("Who was there: {who}").format(who=review.who_was_there) + "\n")
        if review.next_review_on is not None:
            out.write("  " + _("Next review: {date}").format(
                date=format_date(review.next_review_on)) + "\n")
    return EXIT_OK


# -- parser ----------------------------------------------------------------------

def _secret_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--passphrase-stdin", action="store_true",
                       help=_("read the passphrase from standard input, one line"))
    group.add_argument("--recovery-key-stdin", action="store_true",
                       help=_("read the recovery key (instead of the passphrase) from standard input"))


class _HelpFormatter(argparse.HelpFormatter):
    """Help text wrapped only at spaces: a flag such as
    ``--recovery-key-stdin`` is never split at its hyphens, so it can be
    copied whole at any terminal width."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent,
                             break_on_hyphens=False, break_long_words=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recoveryplan", formatter_class=_HelpFormatter,
        description=_("Recovery Plan: your personal recovery plan, private and encrypted. "
                      "With no command, the app opens."))
    parser.add_argument("--version", action="version", version=f"recoveryplan {__version__}")
    parser.add_argument("--plan", metavar="PATH", help=_("open or create the plan in this folder"))
    parser.add_argument("--demo", action="store_true",
                        help=_("try the app with a sample plan that is deleted afterwards"))
    parser.add_argument("--language", metavar="LANG",
                        help=_("open the app in this language this time (en, cy, pl, ar; "
                               "qps-ploc stretches every text, for testing layouts)"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    def add(name, func, help_text, plan=True):
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=_HelpFormatter)
        if plan:
            p.add_argument("plan", metavar="PLAN", help=_("the plan's folder"))
        p.set_defaults(func=func)
        return p

    p = add("create", cmd_create, _("create a new plan and show its recovery key"))
    p.add_argument("--name", help=_("the name you like to be called"))
    p.add_argument("--passphrase-stdin", action="store_true",
                   help=_("read the new passphrase from standard input, one line"))

    p = add("import-json", cmd_import_json, _("replace the plan's content with a JSON file"))
    p.add_argument("file", metavar="FILE")
    _secret_flags(p)

    p = add("export-json", cmd_export_json, _("save the whole plan as a JSON file"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--leave-out-private", action="store_true",
                   help=_('leave out entries marked "just for me"'))
    _secret_flags(p)

    p = add("export-pdf", cmd_export_pdf, _("save the plan as a PDF"))
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--layout", choices=["plan", "crisis", "appointment", "card", "wishes"],
                   default="plan",
                   help=_("wishes: my wishes about care, as a statement to give my team"))
    p.add_argument("--large-print", action="store_true")
    p.add_argument("--include-private", action="store_true",
                   help=_('include entries marked "just for me"'))
    p.add_argument("--locale", metavar="LANG", help=_("language of the PDF, for example cy or pl"))
    p.add_argument("--sections", nargs="+", metavar="SECTION")
    p.add_argument("--since-last-review", action="store_true",
                   help=_("with the plan layout: begin with what changed since my last review"))
    _secret_flags(p)

    p = add("change-passphrase", cmd_change_passphrase,
            _("choose a new passphrase (with --passphrase-stdin or --recovery-key-stdin: "
              "the current secret, then the new passphrase, one line each)"))
    _secret_flags(p)

    p = add("new-recovery-key", cmd_new_recovery_key,
            _("make a new recovery key; the old one stops working"))
    _secret_flags(p)

    p = add("backup", cmd_backup, _("save an encrypted backup of the plan in one file"))
    p.add_argument("file", metavar="FILE")
    _secret_flags(p)

    p = sub.add_parser("restore", formatter_class=_HelpFormatter,
                       help=_("replace the plan with a backup file; the plan it "
                              "replaces is kept aside"),
                       description=_("Replace the plan with a backup file, after checking the "
                                     "backup completely. The plan it replaces is kept aside."))
    p.add_argument("file", metavar="FILE", help=_("the backup file"))
    p.add_argument("plan", metavar="PLAN", help=_("the plan's folder"))
    p.set_defaults(func=cmd_restore)
    _secret_flags(p)

    p = add("check", cmd_check, _("check the plan's files are healthy"))
    _secret_flags(p)

    p = add("reviews", cmd_reviews, _("list the reviews of the plan"))
    _secret_flags(p)
    return parser


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


def describe_error(exc: Exception) -> tuple[str | None, int]:
    """A plain message and exit code for an error; (None, 1) if unexpected."""
    from . import opened
    from .plans.validation import ValidationError

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
    from .export.pdf import ExportError

    if isinstance(exc, ExportError):
        return str(exc), EXIT_ERROR
    if isinstance(exc, OSError) and exc.strerror:
        return _("Could not use {path}: {reason}. Nothing in your plan was changed.").format(
            path=exc.filename or "", reason=exc.strerror), EXIT_ERROR
    return None, EXIT_ERROR


COMMANDS = ("create", "import-json", "export-json", "export-pdf", "change-passphrase",
            "new-recovery-key", "backup", "restore", "check", "reviews")


def wants_app(argv: Sequence[str]) -> bool:
    """True when no sub-command (nor help or version) is asked for: the app opens."""
    return not any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in argv)
