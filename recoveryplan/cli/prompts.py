"""Secrets for the command line: a hidden prompt, or one line each on
standard input with ``--passphrase-stdin`` / ``--recovery-key-stdin``."""

from __future__ import annotations

import argparse
import getpass
from typing import Callable, TextIO

from ..i18n import _
from .errors import EXIT_ERROR, EXIT_USAGE, CliError


def _storable_secret(text: str) -> str:
    """A secret that isn't valid text (bytes of another encoding, read as
    lone surrogates) is refused in plain words, before anything is done."""
    from ..plans.validation import unstorable_message

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
        from ..plans.passphrase import assess

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

