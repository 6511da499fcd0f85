"""Process hardening done once at start, for the app and the command line."""

from __future__ import annotations

import os


def disable_core_dumps() -> bool:
    """Stop the system writing a memory image (which could hold plan text or
    keys) if the process crashes. Returns True when it took effect."""
    try:
        import resource
    except ImportError:  # Windows has no core dumps of this kind
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    return True


def restrict_umask() -> None:
    """New files are readable by their owner only, whatever code creates them."""
    os.umask(0o077)


def harden() -> None:
    disable_core_dumps()
    restrict_umask()
