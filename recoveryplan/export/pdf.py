"""PDF export: the public entry points.

``render_pdf`` builds a PDF in memory and touches no file. ``export_pdf``
writes it next to its destination in a temporary file, flushes it to disk
and renames it over the destination, so a reader never sees half a file and
a failure leaves nothing behind. No Qt here: the command line uses it too.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

from ..atomic import write_atomic
from ..plans.model import Plan
from . import layouts
from .document import build_pdf
from .options import ExportError, Layout, PdfOptions
from .story import Context, Tr

__all__ = ["ExportError", "Layout", "PdfOptions", "export_pdf", "render_pdf"]

_STORIES = {
    Layout.PLAN: layouts.plan_story,
    Layout.CRISIS: layouts.crisis_story,
    Layout.APPOINTMENT: layouts.appointment_story,
    Layout.CARD: layouts.card_story,
    Layout.WISHES: layouts.wishes_story,
}
#: The crisis plan is denser so it fits on one or two pages.
_DENSE_BODY = {False: 9.0, True: 13.0}


def render_pdf(plan: Plan, options: PdfOptions, today: dt.date | None = None) -> bytes:
    """The PDF for ``plan`` as ``options`` ask, as bytes. ``today`` (for
    tests) sets the end of the check-in period and the file's date."""
    dense = options.layout is Layout.CRISIS
    ctx = Context(plan, options, today=today or dt.date.today(),
                  body_size=_DENSE_BODY[options.large_print] if dense else None)
    story = _STORIES[options.layout](ctx)
    head = layouts.crisis_head(ctx) if dense else None
    if not story:
        story = [ctx.p(ctx.tr._("There is nothing to print here yet."))]
    title = ctx.tr._(options.layout.title)
    return build_pdf(ctx, story, title, columns=2 if dense else 1, head=head)


def export_pdf(plan: Plan, path: str | os.PathLike, options: PdfOptions) -> None:
    """Write the PDF to ``path`` atomically; raise ``ExportError`` with a
    plain message if it cannot be written."""
    tr = Tr(options.language)
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(tr._("The folder for the PDF could not be found. "
                               "Please choose another folder."))
    try:
        data = render_pdf(plan, options)
    except Exception as error:  # a layout failure must not reach the person as a traceback
        raise ExportError(tr._("Something went wrong while making the PDF. Nothing was saved. "
                               "Please try again, perhaps with large print off.")) from error
    try:
        write_atomic(target, data)
    except OSError as error:
        raise ExportError(_message(tr, error)) from None


def _message(tr: Tr, error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return tr._("There isn't enough space to save the PDF. Please free some space "
                    "or choose another place, and try again.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr._("The PDF can't be saved in that folder. Please choose another folder.")
    return tr._("The PDF couldn't be saved. Please try again, or choose another folder.")


