"""Cleaning typed, pasted and imported text, with the standard library only
(the domain's checks and the app's text boxes both use it)."""

from __future__ import annotations

import re

#: Control characters a plan never keeps (tabs and new lines are kept).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Remove control characters (keep tabs and new lines) and normalise
    line endings; used on pasted and imported text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)
