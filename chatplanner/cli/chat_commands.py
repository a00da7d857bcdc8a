"""`chatplanner draft`, `brief`, `archive` and `search`: the chat's paper trail."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.cli.common import add_command, open_workspace, print_json
from chatplanner.errors import ChatplannerError
from chatplanner.profile import is_read_only, resolve_profile_dir

if TYPE_CHECKING:
    from chatplanner.services.archive import SyncResult

SEARCH_LIMIT = 50


class ChatCommandError(ChatplannerError):
    """A chat command asked for something it cannot do; the message says what to do."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    draft = add_command(
        subparsers,
        "draft",
        _draft,
        "print a chat's thank-you draft (the saved one, or a fresh one from the notes)",
    )
    draft.add_argument("meeting_id", metavar="MEETING_ID", type=int)
    draft.add_argument(
        "--new",
        action="store_true",
        help="print a fresh draft from the notes (not saved), even when one was saved",
    )
    draft.add_argument(
        "--eml",
        metavar="FILE",
        type=Path,
        help="write the draft as an .eml file that mail apps open unsent, instead of printing it",
    )
    brief = add_command(
        subparsers,
        "brief",
        _brief,
        "print the one-page brief to read before a chat, or write it as a PDF",
    )
    brief.add_argument("meeting_id", metavar="MEETING_ID", type=int)
    brief.add_argument(
        "--pdf",
        metavar="FILE",
        help="write the brief as a one-page PDF (A4, or Letter where your locale uses it)",
    )
    archive = add_command(
        subparsers,
        "archive",
        _archive,
        "write or update the Markdown notes archive (one file per chat, and an index)",
    )
    archive.add_argument(
        "directory",
        metavar="DIR",
        nargs="?",
        type=Path,
        help="the folder to write (default: the archive folder chosen in the app, or the "
        "profile's archive/ folder); the choice is remembered",
    )
    search = add_command(
        subparsers, "search", _search, "search the notes of every chat (accents do not matter)"
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print the results as JSON")
    search.add_argument(
        "--limit",
        type=int,
        default=SEARCH_LIMIT,
        help=f"at most this many (default {SEARCH_LIMIT})",
    )


def _draft(args: argparse.Namespace) -> int:
    if args.eml is not None:
        with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
            path = workspace.chats.thank_you.export_eml(args.meeting_id, args.eml)
        print(f"Wrote {path}")
        return 0
    if args.new:
        with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
            fresh = workspace.chats.thank_you.preview(args.meeting_id)
        print(f"Subject: {fresh.subject}")
        print()
        sys.stdout.write(fresh.body)
        return 0
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        mail = workspace.chats.thank_you.mail_text(args.meeting_id)
    if mail.to_email:
        print(f"To: {mail.to_name} <{mail.to_email}>" if mail.to_name else f"To: {mail.to_email}")
    print(f"Subject: {mail.subject}")
    if mail.chat_when:
        print(f"Chat: {mail.chat_when}")
    print()
    sys.stdout.write(mail.body if mail.body.endswith("\n") else mail.body + "\n")
    return 0


def _brief(args: argparse.Namespace) -> int:
    target: Path | None = None
    if args.pdf is not None:
        if args.pdf.strip() in ("-", ""):
            raise ChatCommandError(
                "--pdf needs a file name: a PDF is not written to the terminal. "
                "Try --pdf brief.pdf, or leave --pdf out to print the brief as text."
            )
        target = Path(args.pdf).expanduser()
        if not target.parent.is_dir():
            raise ChatCommandError(f"There is no folder {target.parent}. Create it first.")
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        brief = workspace.planning.brief.brief(args.meeting_id)
    if target is None:
        sys.stdout.write(brief.as_text())
        return 0
    from chatplanner.app import write_brief_pdf  # Qt is loaded only for the PDF

    print(f"Wrote {write_brief_pdf(brief, target)}")
    return 0


def _archive(args: argparse.Namespace) -> int:
    if is_read_only(resolve_profile_dir(getattr(args, "data_dir", None))):
        return _archive_read_only_profile(args)
    # An archive with nothing changed is found without opening the database through the ORM.
    with open_workspace(args, for_writing=True, plain_reads=True) as workspace:
        if args.directory is not None:
            target = args.directory.expanduser().absolute()
            if target != workspace.chats.archive.directory():
                workspace.chats.archive.set_directory(target)
        result = workspace.chats.archive.sync()
        directory = workspace.chats.archive.directory()
    _print_archive_result(directory, result)
    return 0


def _archive_read_only_profile(args: argparse.Namespace) -> int:
    """A profile on a read-only disk: its archive is written to another folder, and nothing
    about it is remembered in the profile."""
    if args.directory is None:
        raise ChatplannerError(
            "The profile is read-only, so its archive folder cannot be written. Give a folder "
            "to write the archive to: chatplanner archive DIR."
        )
    target = args.directory.expanduser().absolute()
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        result = workspace.chats.archive.export_to(target)
    _print_archive_result(target, result)
    return 0


def _print_archive_result(directory: Path, result: SyncResult) -> None:
    print(
        f"Archive in {directory}: {len(result.written)} written, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged"
        + (f", {len(result.removed)} removed" if result.removed else "")
        + (f", {len(result.kept)} left in place as yours" if result.kept else "")
        + "."
    )


def _search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ChatCommandError("--limit must be 1 or more.")
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        hits = workspace.chats.notes_search.search(args.query, args.limit)
    if args.json:
        print_json([hit.as_json() for hit in hits])
        return 0
    if not hits:
        print("No notes, follow-ups or names match. Try fewer or shorter words.")
        return 0
    for hit in hits:
        print(f"{hit.date.isoformat()}  {hit.contact_name}  (meeting {hit.meeting_id})")
        if hit.snippet:
            print(f"    {hit.snippet}")
    return 0
