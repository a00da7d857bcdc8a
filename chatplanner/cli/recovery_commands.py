"""`chatplanner recover`: put an automatic backup in place of the database (a damaged one, say)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.cli.common import add_command, print_json
from chatplanner.domain.clock import system_clock
from chatplanner.errors import ChatplannerError
from chatplanner.profile import Profile, resolve_profile_dir

ASK_AFTER = timedelta(days=1)

# Imported when used: building the parser (the GUI does) must not import the database layer.
if TYPE_CHECKING:
    from chatplanner.services.auto_backup import AutomaticBackup


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    recover = add_command(
        subparsers,
        "recover",
        _recover,
        "restore the newest automatic backup of the database (the current file is kept aside)",
    )
    recover.add_argument(
        "--list", action="store_true", help="list the automatic backups (JSON) and change nothing"
    )
    recover.add_argument(
        "--backup", metavar="NAME", help="restore this backup (a name from --list) instead"
    )
    recover.add_argument(
        "--yes",
        action="store_true",
        help="do not ask before restoring a backup more than a day old (for scripts)",
    )


def describe(backup: AutomaticBackup) -> str:
    """When it was taken, its size and what it holds."""
    from chatplanner.services.auto_backup import backup_contents
    from chatplanner.services.context import backup_time_words

    contents = backup_contents(backup)
    holds = "contents unreadable" if contents is None else contents.describe()
    return f"{backup_time_words(backup.taken_at)} ({backup.size_bytes / 1e6:.1f} MB, {holds})"


def damaged_profile_hint(directory: Path) -> str:
    """What the CLI adds to the message about a damaged database."""
    from chatplanner.services.auto_backup import list_automatic_backups, preferred_backup

    latest = preferred_backup(list_automatic_backups(Profile(directory)))
    if latest is None:
        return "There is no automatic backup to restore; restore a JSON backup into a new profile."
    if not _holds_data(latest):
        from chatplanner.services.context import backup_time_words

        return (
            "The automatic backups hold no contacts and no chats (the newest was taken "
            f"{backup_time_words(latest.taken_at)}): restoring one would leave an empty "
            "profile. If you have a JSON backup, `chatplanner restore FILE.json` loads it into "
            "a new profile."
        )
    return (
        f"The newest automatic backup is from {describe(latest)}. Run `chatplanner recover "
        f"--data-dir {directory}` to restore it; the damaged file is kept aside in "
        f"{Profile(directory).backups_dir}."
    )


def _holds_data(backup: AutomaticBackup) -> bool:
    """False only for a backup read as empty (an unreadable one may hold anything)."""
    from chatplanner.services.auto_backup import backup_contents

    contents = backup_contents(backup)
    return contents is None or contents.holds_data


def _listed(backup: AutomaticBackup) -> dict[str, object]:
    from chatplanner.services.auto_backup import backup_contents

    contents = backup_contents(backup)
    return {
        "name": backup.name,
        "taken_at": backup.taken_at.isoformat(),
        "size_bytes": backup.size_bytes,
        "contacts": None if contents is None else contents.contacts,
        "chats": None if contents is None else contents.chats,
    }


def _confirm_old_backup(backup: AutomaticBackup, now: datetime) -> None:
    """Ask before putting back a backup more than a day old; refuse when no one can answer."""
    days = (now - backup.taken_at).days
    question = (
        f"The newest automatic backup that holds data is from {describe(backup)}, {days} "
        f"day{'' if days == 1 else 's'} ago: changes made since then will be missing."
    )
    if not sys.stdin.isatty():
        raise ChatplannerError(
            f"{question} Nothing was changed; run again with --yes to restore it, or choose "
            "another with --backup NAME (see --list)."
        )
    print(question)
    answer = input("Restore it? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise ChatplannerError("Nothing was changed.")


def _recover(args: argparse.Namespace) -> int:
    from chatplanner.services.auto_backup import (
        list_automatic_backups,
        preferred_backup,
        recover_closed_profile,
        refuse_newer_profile,
    )

    directory = resolve_profile_dir(getattr(args, "data_dir", None))
    profile = Profile(directory)
    backups = list_automatic_backups(profile)
    if args.list:
        print_json([_listed(b) for b in backups])
        return 0
    if args.backup:
        chosen = next((b for b in backups if b.name == args.backup), None)
        if chosen is None:
            raise ChatplannerError(
                f"No automatic backup is called {args.backup!r}; `chatplanner recover --list` "
                "shows them."
            )
    refuse_newer_profile(profile)
    if not args.backup:
        chosen = preferred_backup(backups)
        if chosen is not None and not _holds_data(chosen) and profile.database_path.exists():
            # Never an empty profile in place of one that may hold the user's work (damaged,
            # but its file is all they have), unless they name the backup.
            from chatplanner.services.context import backup_time_words

            raise ChatplannerError(
                "No automatic backup holds any contacts or chats: the newest, taken "
                f"{backup_time_words(chosen.taken_at)}, would leave an empty profile in place of "
                "the current one. "
                "Nothing was changed. To restore it anyway: `chatplanner recover --backup "
                f"{chosen.name}`."
            )
        now = system_clock()
        if chosen is not None and now - chosen.taken_at > ASK_AFTER and not args.yes:
            _confirm_old_backup(chosen, now)
    recovery = recover_closed_profile(
        directory, system_clock(), chosen.path if chosen is not None else None
    )
    print(f"Restored the automatic backup of {describe(recovery.restored)}.")
    if recovery.kept_aside is not None:
        print(f"The database it replaced is kept as {recovery.kept_aside}")
    return 0
