"""`chatplanner recover`: put an automatic backup in place of the database (a damaged one, say)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.cli.common import add_command, print_json
from chatplanner.domain.clock import system_clock
from chatplanner.errors import ChatplannerError
from chatplanner.profile import Profile, resolve_profile_dir
from chatplanner.services.context import backup_time_words

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


def describe(backup: AutomaticBackup) -> str:
    return f"{backup_time_words(backup.taken_at)} ({backup.size_bytes / 1e6:.1f} MB)"


def damaged_profile_hint(directory: Path) -> str:
    """What the CLI adds to the message about a damaged database."""
    from chatplanner.services.auto_backup import latest_automatic_backup

    latest = latest_automatic_backup(Profile(directory))
    if latest is None:
        return "There is no automatic backup to restore; restore a JSON backup into a new profile."
    return (
        f"The newest automatic backup is from {describe(latest)}. Run `chatplanner recover "
        f"--data-dir {directory}` to restore it; the damaged file is kept aside in "
        f"{Profile(directory).backups_dir}."
    )


def _recover(args: argparse.Namespace) -> int:
    from chatplanner.services.auto_backup import list_automatic_backups, recover_closed_profile

    directory = resolve_profile_dir(getattr(args, "data_dir", None))
    profile = Profile(directory)
    backups = list_automatic_backups(profile)
    if args.list:
        print_json(
            [
                {"name": b.name, "taken_at": b.taken_at.isoformat(), "size_bytes": b.size_bytes}
                for b in backups
            ]
        )
        return 0
    chosen = None
    if args.backup:
        chosen = next((b.path for b in backups if b.name == args.backup), None)
        if chosen is None:
            raise ChatplannerError(
                f"No automatic backup is called {args.backup!r}; `chatplanner recover --list` "
                "shows them."
            )
    recovery = recover_closed_profile(directory, system_clock(), chosen)
    print(f"Restored the automatic backup of {describe(recovery.restored)}.")
    if recovery.kept_aside is not None:
        print(f"The database it replaced is kept as {recovery.kept_aside}")
    return 0
