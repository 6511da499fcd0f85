"""The commands: each ``cmd_*`` takes the parsed arguments, the `Secrets`
and standard output, and returns an exit status. They reach the plan only
through `recoveryplan.opened`."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..i18n import _, format_date, ngettext
from .errors import EXIT_DAMAGED, EXIT_OK, EXIT_USAGE, CliError
from .prompts import Secrets


def _open(args, secrets: Secrets):
    from .. import opened

    opened.hold_ctrl_c_once_changed()
    # Read-only media or a full disk: reading and exporting still work;
    # a command that writes says plainly that it can't.
    return opened.open_plan(Path(args.plan), secrets.existing(), read_only=None)


def cmd_create(args, secrets: Secrets, out: TextIO) -> int:
    from .. import opened
    from ..plans.model import Plan

    from ..plans.validation import unstorable_message

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
    from ..plans import exchange

    # Validate the file completely before asking for the passphrase or
    # touching the plan.
    plan = exchange.load_document(Path(args.file))
    with _open(args, secrets) as open_plan:
        open_plan.replace_plan(plan)
    out.write(_("Imported. Your plan now holds what is in that file.") + "\n")
    return EXIT_OK


def cmd_export_json(args, secrets: Secrets, out: TextIO) -> int:
    from ..plans import exchange

    with _open(args, secrets) as open_plan:
        plan = open_plan.with_snapshots()
    doc = exchange.to_document(plan, include_private=not args.leave_out_private)
    exchange.write_document(Path(args.file), doc)
    out.write(_("Saved a copy of your plan to {path}.").format(path=args.file) + "\n")
    return EXIT_OK


def cmd_export_pdf(args, secrets: Secrets, out: TextIO) -> int:
    from ..export.pdf import Layout, PdfOptions, export_pdf, unprintable_message
    from ..plans.service import latest_review

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
    from .. import i18n

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
    from .. import opened

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
    from .. import opened

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

