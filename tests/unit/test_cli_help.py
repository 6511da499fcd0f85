"""The command line's help can be copied from at any terminal width: a flag
is never split at one of its hyphens, in any language."""

from __future__ import annotations

import re

import pytest

from recoveryplan import cli, i18n

#: A line that ends inside a flag: "--recovery-key-" with "stdin" on the next line.
CUT_FLAG = re.compile(r"(?<![\w-])--[a-z0-9-]*-$")


def _parsers(parser):
    """The parser and each of its sub-commands' parsers."""
    yield parser
    for action in parser._actions:
        if isinstance(action.choices, dict):
            for sub in action.choices.values():
                yield from _parsers(sub)


def _flags(parser) -> set[str]:
    return {option for p in _parsers(parser) for action in p._actions
            for option in action.option_strings if option.startswith("--")}


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ar"])
@pytest.mark.parametrize("columns", [40, 50, 60, 70, 80, 100])
def test_no_flag_is_split_across_lines(monkeypatch, language, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    i18n.set_language(language)
    parser = cli.build_parser()
    flags = _flags(parser)
    assert "--recovery-key-stdin" in flags and "--passphrase-stdin" in flags
    for p in _parsers(parser):
        text = p.format_help()
        for line in text.splitlines():
            assert not CUT_FLAG.search(line.rstrip()), (language, columns, p.prog, line)
        # each flag the help mentions is there whole
        for mentioned in re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text):
            assert mentioned in flags, (language, columns, p.prog, mentioned)
