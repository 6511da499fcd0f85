"""The JSON exchange format: the whole plan as a documented file.

The person can take their plan anywhere as JSON (``to_document``,
``write_document``) and bring it back (``load_document``, ``from_document``).
The format is described by ``recoveryplan/schema/recoveryplan-v1.schema.json``
and in plain words in ``docs/exchange-format.md``.

Importing checks everything before anything is built: first the schema
(with our own date checks), then the same rules the editor applies when
typing (``validation.record_problems``), then rules about the plan as a
whole (unique ids, one note per life area). Every problem found is reported
at once, each with its path such as ``plan.goals[2].steps[0].done_on``.
Nothing here ever lets a traceback reach the person: a file that cannot be
used becomes ``ImportProblems`` with plain messages.

The package's modules, each importing only those before it:
``wording`` (the messages a person reads about a file), ``rules`` (the
limits, the schema and the rules beyond it), ``reader`` (file → checked
``Plan``) and ``writer`` (``Plan`` → document → file). A review's copy of
the plan is ``plans.snapshots``.

No Qt, no SQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Plan
from ..snapshots import snapshot_of
from .reader import from_document, read_file
from .rules import (FORMAT, MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS, VERSION, _is_date,
                    _is_date_time, schema)
from .wording import ImportProblems
from .writer import dumps_document, to_document, write_document


def load_document(path: str | os.PathLike[str]) -> Plan:
    """Read, check and build a plan from an exchange file. The size limit is
    looked up here, where the format's public names are."""
    return read_file(Path(path), MAX_FILE_BYTES)


__all__ = ["FORMAT", "VERSION", "MAX_FILE_BYTES", "ImportProblems", "to_document", "from_document",
           "snapshot_of", "load_document", "dumps_document", "write_document", "schema"]
