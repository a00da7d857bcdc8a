"""`chatplanner backup FILE.json` and `chatplanner restore FILE.json`."""

from __future__ import annotations

import argparse
from pathlib import Path

from chatplanner.cli.common import add_command, open_workspace


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
    with open_workspace(args, for_writing=True) as workspace:
        summary = workspace.backup.restore_from(args.file)
    print(f"Restored {summary.total_rows} records from {args.file}")
    return 0
