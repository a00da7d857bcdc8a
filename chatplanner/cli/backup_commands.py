"""`chatplanner backup FILE.json` and `chatplanner restore FILE.json`."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from chatplanner.cli.common import add_command, open_workspace
from chatplanner.profile import resolve_profile_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = add_command(
        subparsers, "backup", _backup, "write the whole profile as one JSON document"
    )
    backup.add_argument("file", metavar="FILE.json", type=Path)
    restore = add_command(
        subparsers, "restore", _restore, "load a JSON backup into an empty profile"
    )
    restore.add_argument("file", metavar="FILE.json", type=Path)


def _backup(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=False) as workspace:
        rows = workspace.backup.write_backup(args.file)
    print(f"Wrote {rows} records to {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from chatplanner.services.backup import read_backup

    # The file is read and checked before the profile is touched: a refused file creates
    # nothing, not even the profile's folder. It is read a piece at a time (and again as the
    # rows go in), never whole.
    document = read_backup(args.file)
    directory = resolve_profile_dir(getattr(args, "data_dir", None))
    created = _missing_folders(directory)
    try:
        with open_workspace(args, for_writing=True) as workspace:
            summary = workspace.backup.restore_document(document)
    except BaseException:
        _remove_created(created)
        raise
    print(f"Restored {summary.total_rows} records from {args.file}")
    return 0


def _missing_folders(directory: Path) -> list[Path]:
    """`directory` and those of its parents that do not exist yet, outermost first."""
    missing: list[Path] = []
    for folder in (directory, *directory.parents):
        if folder.exists() or folder.is_symlink():
            break
        missing.append(folder)
    return missing[::-1]


def _remove_created(created: list[Path]) -> None:
    """Remove what a failed restore made in folders it created itself; nothing else."""
    if created:
        shutil.rmtree(created[0], ignore_errors=True)
