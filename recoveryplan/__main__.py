"""Entry points: ``recoveryplan`` (console) and ``recoveryplan-app`` (GUI).

With no sub-command the app opens; sub-commands are the command line. The
command line never imports Qt.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from .hardening import harden


def _open_app(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="recoveryplan", add_help=False)
    parser.add_argument("--plan")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--language")
    args, _rest = parser.parse_known_args(argv)
    from .ui.app import run_app  # Qt only from here on

    return run_app([sys.argv[0], *argv], plan_path=Path(args.plan) if args.plan else None,
                   demo=args.demo, language=args.language)


def main(argv: list[str] | None = None) -> int:
    try:
        harden()
        argv = list(sys.argv[1:] if argv is None else argv)
        from .cli_names import wants_app

        app = wants_app(argv)
        if not app:
            from . import cli
    except KeyboardInterrupt:   # Ctrl-C while starting: one line, exit 130
        sys.stderr.write("Stopped.\n")
        return 130
    if app:
        return _open_app(argv)
    try:
        code = cli.run(argv)
        # The command has finished and said so: a late Ctrl-C must not turn
        # its exit status into "killed" while Python shuts down.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return code
    except KeyboardInterrupt:   # between the command and its own handler
        return cli.interrupted()


def gui_main() -> int:
    harden()
    return _open_app(list(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
