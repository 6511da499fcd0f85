"""The command line's argument parser."""

from __future__ import annotations

import argparse
import textwrap

from .. import __version__
from ..i18n import _
from .commands import (cmd_backup, cmd_change_passphrase, cmd_check, cmd_create, cmd_export_json,
                       cmd_export_pdf, cmd_import_json, cmd_new_recovery_key, cmd_restore,
                       cmd_reviews)


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

