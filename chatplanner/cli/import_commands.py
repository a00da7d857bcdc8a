"""`chatplanner import linkedin|vcard|google FILE [--dry-run] [--keep-duplicates]`."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from chatplanner.cli.common import add_command, open_existing_or_empty, open_workspace

if TYPE_CHECKING:  # the readers load when a command runs, not when the app starts
    from chatplanner.services.contact_import import ContactFormat
    from chatplanner.services.import_preview import ImportPreview, ImportSummary, SkippedRow

KINDS = ("linkedin", "vcard", "google")
_LISTED = 12  # row numbers shown per reason, and likely duplicates shown, without --verbose

DESCRIPTION = """\
Import contacts from a file: LinkedIn's Connections.csv (or the export ZIP), a vCard (.vcf) file,
or a Google Contacts CSV. The same LinkedIn profile or e-mail address updates the contact
already there; importing the same file twice changes nothing. Everything is written in one
transaction, or nothing is.

Likely duplicates (same name and company as someone already in your contacts, but no shared
LinkedIn profile or e-mail address) are never merged here: they are listed and skipped, or
added as new people with --keep-duplicates. To merge them, use File > Import Contacts in the
app, which asks for each one.

Exit status: 0 when the file was read; 2 when it could not be (unreadable, empty, of another
kind, damaged), in which case nothing was changed."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(subparsers, "import", _import, "import contacts from a file")
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("kind", choices=KINDS, help="the kind of file")
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would change; write nothing"
    )
    parser.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="add likely duplicates as new people (default: skip them)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list every skipped row and likely duplicate"
    )


def _import(args: argparse.Namespace) -> int:
    from chatplanner.collection import collection_paused

    # Loading the database layer and the import makes tens of thousands of objects that live
    # as long as the process: collections while they load (and between the preview and the
    # commit) would only walk them again and again.
    with collection_paused():
        return _run_import(args)


def _run_import(args: argparse.Namespace) -> int:
    from chatplanner.services.import_preview import Decision

    kind = cast("ContactFormat", args.kind)
    if args.dry_run:
        # Writes nothing: without a profile yet, the file is compared with an empty one.
        with open_existing_or_empty(args) as (workspace, has_profile):
            preview = workspace.people.contact_import.preview(args.file, kind)
        _print_preview(preview, args.keep_duplicates, args.verbose, has_profile)
        return 0
    # An up-to-date profile is read and written with the sqlite3 module alone: SQLAlchemy
    # would take a fifth of the command's time to load.
    with open_workspace(args, for_writing=True, plain_reads=True, plain_writes=True) as workspace:
        preview = workspace.people.contact_import.preview(args.file, kind)
        decision = Decision.ADD if args.keep_duplicates else Decision.SKIP
        decisions = {row.position: decision for row in preview.likely_rows}
        summary = workspace.people.contact_import.commit(preview, decisions)
    _print_summary(preview, summary, args.keep_duplicates, args.verbose)
    return 0


def _print_encoding_note(preview: ImportPreview) -> None:
    if preview.encoding is not None and preview.encoding.mixed:
        print(
            preview.encoding.sentence().replace(
                "choose another reading", "the app's import dialog offers another reading"
            )
        )


def _print_preview(
    preview: ImportPreview, keep_duplicates: bool, verbose: bool, has_profile: bool = True
) -> None:
    from chatplanner.domain.moments import plural
    from chatplanner.services.import_preview import SkippedRow

    print(f"Read {plural(len(preview.rows), 'row')} from {preview.source_label}.")
    _print_encoding_note(preview)
    likely = preview.count("likely")
    print("Dry run: nothing was written. Importing would give:")
    if not has_profile:
        print("(no profile yet: everything would be new)")
    print(f"  new:                {preview.count('new') + (likely if keep_duplicates else 0)}")
    print(f"  updated:            {preview.count('update')}")
    print(f"  already up to date: {preview.count('unchanged')}")
    print(f"  likely duplicates:  {likely}{_likely_note(likely, keep_duplicates)}")
    skipped = [
        SkippedRow(row.row_number, row.reason) for row in preview.rows if row.status == "skipped"
    ]
    # Likely duplicates are counted on their own line: the lines add up to the rows read.
    print(f"  skipped:            {len(skipped)}")
    _print_blank_and_warnings(preview)
    if preview.new_groups:
        print(f"New groups: {', '.join(preview.new_groups)}")
    _print_likely(preview, verbose)
    _print_kept(preview, verbose)
    _print_skipped(skipped, verbose)


def _print_summary(
    preview: ImportPreview, summary: ImportSummary, keep_duplicates: bool, verbose: bool
) -> None:
    from chatplanner.domain.moments import plural

    print(f"Imported {preview.source_label}: {plural(len(preview.rows), 'row')} read.")
    if not preview.rows:
        print("The file holds no one to import: only its header.")
    _print_encoding_note(preview)
    likely = preview.count("likely")
    print(f"  new:                {summary.new}")
    print(f"  updated:            {summary.updated}")
    print(f"  already up to date: {summary.unchanged}")
    # Likely duplicates have their line and their list, with whom they resemble; the rest of
    # the skipped rows are counted and listed with their reasons.
    likely_rows = {row.row_number for row in preview.likely_rows}
    others = [item for item in summary.skipped_reasons if item.row_number not in likely_rows]
    print(f"  likely duplicates:  {likely}{_likely_note(likely, keep_duplicates)}")
    print(f"  skipped:            {len(others)}")
    _print_blank_and_warnings(preview)
    if summary.groups_created:
        print(f"New groups: {', '.join(summary.groups_created)}")
    _print_likely(preview, verbose)
    _print_kept(preview, verbose)
    _print_skipped(others, verbose)
    if summary.backup_name and summary.backup_taken_at is not None:
        from chatplanner.services.context import backup_time_words

        print(
            "The profile as it was before this import is in the automatic backup of "
            f"{backup_time_words(summary.backup_taken_at)}: `chatplanner recover --backup "
            f"{summary.backup_name}` puts it back."
        )


def _print_blank_and_warnings(preview: ImportPreview) -> None:
    if preview.blank_rows:
        print(f"  blank rows skipped: {preview.blank_rows}")
    for item in preview.warnings:
        print(f"Row {item.row_number}: {item.reason}")


def _likely_note(count: int, keep_duplicates: bool) -> str:
    if not count:
        return ""
    if keep_duplicates:
        return " (added as new people: --keep-duplicates)"
    return " (skipped; --keep-duplicates adds them as new people)"


def _print_likely(preview: ImportPreview, verbose: bool) -> None:
    _print_rows(
        "Likely duplicates:",
        [f"row {row.row_number}: {row.name}: {row.reason}" for row in preview.likely_rows],
        verbose,
    )


def _print_kept(preview: ImportPreview, verbose: bool) -> None:
    """Rows whose older values were not taken: the contact changed here after the file."""
    _print_rows(
        "Kept as they are (changed here after this file was made):",
        [f"row {row.row_number}: {row.reason}" for row in preview.rows if row.kept],
        verbose,
    )


def _print_rows(heading: str, lines: list[str], verbose: bool) -> None:
    """A heading and its rows, the first few unless `verbose`, and how many more there are."""
    if not lines:
        return
    print(heading)
    shown = lines if verbose else lines[:_LISTED]
    for line in shown:
        print(f"  {line}")
    if len(lines) > len(shown):
        print(f"  … and {len(lines) - len(shown)} more (--verbose lists them all)")


# Parts of a reason that differ from row to row: "(15 Sep 2025)", "row 12".
_DETAIL = re.compile(r"\s*\([^)]*\)")
_ROW = re.compile(r"\brow \d+\b")


def _reason_key(reason: str) -> str:
    return _ROW.sub("an earlier row", _DETAIL.sub("", reason))


def _print_skipped(skipped: Iterable[SkippedRow], verbose: bool) -> None:
    items = sorted(skipped, key=lambda item: item.row_number)
    if not items:
        return
    print("Skipped rows:")
    if verbose or len(items) <= _LISTED:
        for item in items:
            print(f"  row {item.row_number}: {item.reason}")
        return
    groups: dict[str, list[SkippedRow]] = {}
    for item in items:
        groups.setdefault(_reason_key(item.reason), []).append(item)
    for key, members in groups.items():
        if len(members) == 1:
            print(f"  row {members[0].row_number}: {members[0].reason}")
            continue
        numbers = ", ".join(str(item.row_number) for item in members[:_LISTED])
        more = len(members) - _LISTED
        tail = f" and {more} more" if more > 0 else ""
        print(f"  {len(members)} rows ({numbers}{tail}): {key}")
    print("  (--verbose lists every row with its own reason)")
