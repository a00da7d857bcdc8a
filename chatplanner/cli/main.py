"""The command line: `chatplanner [options]` runs the GUI, `chatplanner COMMAND` runs a command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from chatplanner import __version__
from chatplanner.cli import (
    backup_commands,
    chat_commands,
    contacts_commands,
    import_commands,
    recovery_commands,
    today_commands,
    venues_commands,
)
from chatplanner.cli.common import add_data_dir
from chatplanner.errors import ChatplannerError, ProfileDamagedError
from chatplanner.profile import resolve_profile_dir

# Each module adds its subcommands; keep one line per feature here.
COMMAND_MODULES = [
    contacts_commands,
    import_commands,
    today_commands,
    venues_commands,
    chat_commands,
    backup_commands,
    recovery_commands,
]

VIEWS = ("today", "people", "venues", "meetings", "archive", "insights")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chatplanner",
        description="Plan coffee chats with your professional network. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"chatplanner {__version__}")
    add_data_dir(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a fresh temporary profile filled with sample data "
        "(with --data-dir: seed that directory if it holds no profile yet)",
    )
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render the main window to a PNG and exit"
    )
    parser.add_argument(
        "--view", choices=VIEWS, default="today", help="the view to open (default: today)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from chatplanner.app import run_gui  # Qt is imported only for the GUI

        return run_gui(args)
    try:
        return int(args.handler(args))
    except ChatplannerError as error:
        print(f"chatplanner: {error}", file=sys.stderr)
        if isinstance(error, ProfileDamagedError):
            directory = resolve_profile_dir(getattr(args, "data_dir", None))
            print(recovery_commands.damaged_profile_hint(directory), file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("chatplanner: interrupted", file=sys.stderr)
        return 130
