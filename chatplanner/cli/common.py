"""What every command shares: --data-dir, opening the workspace, printing JSON, failing clearly."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatplanner.profile import Profile, resolve_profile_dir

# The workspace (and SQLAlchemy under it) is imported by the commands that open a profile: the
# GUI, which builds this parser too, paints its window before it opens the database.
if TYPE_CHECKING:
    from chatplanner.services.workspace import Workspace

Handler = Callable[[argparse.Namespace], int]


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS lets the option stand before or after the command name.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="profile directory (default: $CHATPLANNER_HOME or the platform's data folder)",
    )


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    help_text: str,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_data_dir(parser)
    parser.set_defaults(handler=handler)
    return parser


@contextmanager
def open_workspace(
    args: argparse.Namespace,
    *,
    for_writing: bool,
    plain_reads: bool = False,
    plain_writes: bool = False,
) -> Iterator[Workspace]:
    """The profile of --data-dir. `plain_reads`: an up-to-date profile is read with the sqlite3
    module alone until a service needs the database opened; `plain_writes`: what is written
    through `context.writing` too (`Workspace.open`)."""
    from chatplanner.services.workspace import Workspace

    directory = resolve_profile_dir(getattr(args, "data_dir", None))
    workspace = Workspace.open(
        directory, for_writing=for_writing, plain_reads=plain_reads, plain_writes=plain_writes
    )
    try:
        yield workspace
    finally:
        workspace.close()


@contextmanager
def open_existing_or_empty(args: argparse.Namespace) -> Iterator[tuple[Workspace, bool]]:
    """(workspace, True) on the profile when it exists; else (an empty throwaway one, False).

    For commands that only look (dry runs): where there is no profile yet, they answer as
    if against an empty one and create nothing, not even the folder."""
    directory = resolve_profile_dir(getattr(args, "data_dir", None))
    if Profile(directory).exists():
        with open_workspace(args, for_writing=False) as workspace:
            yield workspace, True
        return
    from chatplanner.services.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="chatplanner-empty-") as scratch:
        workspace = Workspace.open(Path(scratch) / "profile")
        try:
            yield workspace, False
        finally:
            workspace.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
