"""PDF export: the public entry points.

``render`` builds a PDF in memory and touches no file, and says which
characters no font could print. ``export_pdf`` (or ``save_pdf`` for bytes
already made, such as those a preview showed) writes it next to its
destination in a temporary file, flushes it to disk and renames it over the
destination, so a reader never sees half a file and a failure leaves nothing
behind. Messages are in the app's language (the PDF's may differ). No Qt
here: the command line uses it too.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..plans.model import Plan
from . import layouts
from .document import build_pdf
from .options import ExportError, Layout, PdfOptions
from ..i18n import _, ngettext
from .story import Context
from .text import collecting_unprintable

__all__ = ["ExportError", "Layout", "PdfOptions", "Rendered", "export_pdf", "render",
           "render_pdf", "save_pdf", "unprintable_message"]

_STORIES = {
    Layout.PLAN: layouts.plan_story,
    Layout.CRISIS: layouts.crisis_story,
    Layout.APPOINTMENT: layouts.appointment_story,
    Layout.CARD: layouts.card_story,
    Layout.WISHES: layouts.wishes_story,
}
#: The crisis plan is denser so it fits on one or two pages.
_DENSE_BODY = {False: 9.0, True: 12.5}


@dataclass
class Rendered:
    """A finished PDF and the characters in it that no font could print
    (each once, in the order met; they show as a white square)."""

    data: bytes
    unprintable: list[str] = field(default_factory=list)


def render(plan: Plan, options: PdfOptions, today: dt.date | None = None) -> Rendered:
    """The PDF for ``plan`` as ``options`` ask. ``today`` (for tests) sets
    the end of the check-in period and the file's date."""
    dense = options.layout is Layout.CRISIS
    with collecting_unprintable() as missing:
        if not dense:
            return Rendered(_build(plan, options, today)[0], list(missing))
        # The crisis plan at its usual margins, or at narrower ones when
        # only they keep it to two pages (they gain less than a page: a
        # longer plan is not laid out twice).
        first = None
        for margin in layouts.CRISIS_MARGINS:
            data, pages = _build(plan, options, today, margin)
            if pages <= layouts.CRISIS_PAGES:
                return Rendered(data, list(missing))
            first = first or data
            if pages > layouts.CRISIS_PAGES + 1:
                break
    return Rendered(first, list(missing))


def _build(plan: Plan, options: PdfOptions, today: dt.date | None,
           margin: float | None = None) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    dense = options.layout is Layout.CRISIS
    ctx = Context(plan, options, today=today or dt.date.today(),
                  body_size=_DENSE_BODY[options.large_print] if dense else None, margin=margin)
    story = _STORIES[options.layout](ctx)
    head = layouts.crisis_head(ctx) if dense else None
    if not story:
        story = [ctx.p(ctx.tr._("There is nothing to print here yet."))]
    title = ctx.tr._(options.layout.title)
    data = build_pdf(ctx, story, title, columns=2 if dense else 1, head=head,
                     **({"margin": margin} if margin else {}))
    return data, ctx.document.page


def render_pdf(plan: Plan, options: PdfOptions, today: dt.date | None = None) -> bytes:
    """The PDF for ``plan`` as ``options`` ask, as bytes."""
    return render(plan, options, today).data


def unprintable_message(chars: list[str]) -> str:
    """"3 characters can't be printed: …", in the app's language; "" for none."""
    if not chars:
        return ""
    shown = ", ".join(f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, '').title()})".replace(" )", ")")
                      for ch in chars[:8])
    if len(chars) > 8:
        shown += ", \u2026"
    return ngettext("{count} character can't be printed: {chars}. It shows as \u25a1 in the PDF.",
                    "{count} characters can't be printed: {chars}. They show as \u25a1 in the PDF.",
                    len(chars)).format(count=len(chars), chars=shown)


def export_pdf(plan: Plan, path: str | os.PathLike, options: PdfOptions) -> list[str]:
    """Write the PDF to ``path`` atomically and return the characters that
    could not be printed; raise ``ExportError`` with a plain message (in the
    app's language) if it cannot be made or written."""
    _check_folder(Path(path))
    try:
        made = render(plan, options)
    except Exception as error:  # a layout failure must not reach the person as a traceback
        raise ExportError(_("Something went wrong while making the PDF. Nothing was saved. "
                            "Please try again, perhaps with large print off.")) from error
    save_pdf(made.data, path)
    return made.unprintable


def save_pdf(data: bytes, path: str | os.PathLike) -> None:
    """Write PDF bytes already made to ``path`` atomically."""
    target = Path(path)
    _check_folder(target)
    try:
        write_atomic(target, data)
    except OSError as error:
        raise ExportError(_message(error)) from None


def _check_folder(target: Path) -> None:
    if not target.parent.is_dir():
        raise ExportError(_("The folder for the PDF could not be found. "
                            "Please choose another folder."))


def _message(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("There isn't enough space to save the PDF. Please free some space "
                 "or choose another place, and try again.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("The PDF can't be saved in that folder. Please choose another folder.")
    return _("The PDF couldn't be saved. Please try again, or choose another folder.")


