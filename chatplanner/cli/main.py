"""The command line: `chatplanner [options]` runs the GUI, `chatplanner COMMAND` runs a command."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from chatplanner.cli.common import add_data_dir
from chatplanner.collection import end_start_up_pause
from chatplanner.errors import ChatplannerError, ProfileDamagedError
from chatplanner.profile import Profile, resolve_profile_dir

# Each module adds its subcommands, the names beside it; keep one line per feature here. They
# are imported only to run a command or to show --help: the GUI's start waits for none of them,
# and a command waits only for its own module.
COMMAND_MODULES = {
    "chatplanner.cli.contacts_commands": ("contacts", "export"),
    "chatplanner.cli.import_commands": ("import",),
    "chatplanner.cli.today_commands": ("today",),
    "chatplanner.cli.venues_commands": ("venues", "ics"),
    "chatplanner.cli.chat_commands": ("draft", "brief", "archive", "search"),
    "chatplanner.cli.advice_commands": ("advice",),
    "chatplanner.cli.backup_commands": ("backup", "restore"),
    "chatplanner.cli.recovery_commands": ("recover",),
    "chatplanner.cli.sync_commands": ("sync",),
}

# Allocations between two passes of the cycle collector while a command runs (Python's own: 700).
_COMMAND_COLLECTION_THRESHOLD = 70_000

VIEWS = ("today", "people", "venues", "meetings", "archive", "insights")


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (every start parses these options)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from chatplanner import version

        print(f"chatplanner {version()}")
        parser.exit()


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    """The options of `chatplanner` itself (the GUI), before any command."""
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    add_data_dir(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a fresh temporary profile filled with sample data "
        "(with --data-dir: seed that directory if it holds no profile yet); before a "
        "command, the command runs on that profile, filled first in the same way",
    )
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render the main window to a PNG and exit"
    )
    parser.add_argument(
        "--view", choices=VIEWS, default="today", help="the view to open (default: today)"
    )
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="add chatplanner to your desktop's menu (an entry and its icon in your XDG data "
        "folder; with --data-dir, the entry opens that profile) and exit",
    )
    desktop.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove what --install-desktop added and exit",
    )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `command`, only that command's module is imported and
    registered. A command's parser knows nothing of the others, so its parsing, --help and
    mistakes read the same; the list of commands (--help, an unknown command) needs them all."""
    parser = argparse.ArgumentParser(
        prog="chatplanner",
        description="Plan coffee chats with your professional network. "
        "Without a command, opens the desktop app.",
    )
    add_gui_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, commands in COMMAND_MODULES.items():
        if command is None or command in commands:
            import_module(name).register(subparsers)
    return parser


def _read_gui_options(
    argv: Sequence[str] | None,
) -> tuple[argparse.Namespace, list[str]] | None:
    """The GUI's options in `argv` and the words left over (a command and its own words), or
    None when they hold a mistake."""
    parser = argparse.ArgumentParser(prog="chatplanner", add_help=False, exit_on_error=False)
    add_gui_options(parser)
    try:
        return parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None


def gui_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The GUI's options when `argv` holds nothing else; None when it names a command, asks
    for help or holds a mistake: the full parser then runs the command or says what is wrong."""
    read = _read_gui_options(argv)
    if read is None or read[1]:
        return None
    args = read[0]
    args.command = None
    return args


def named_command(argv: Sequence[str] | None) -> str | None:
    """The command `argv` names after the GUI's options, when it is one of ours; None
    otherwise (no command, help, a mistake): then every command's parser is needed."""
    read = _read_gui_options(argv)
    if read is None or not read[1]:
        return None
    word = read[1][0]
    known = any(word in commands for commands in COMMAND_MODULES.values())
    return word if known else None


def _collect_less_often() -> tuple[int, ...]:
    """A command is a short process whose start (SQLAlchemy, the schema, the services) makes
    tens of thousands of objects that live until it ends: the cycle collector's frequent passes
    over them are wasted work. It runs a hundred times less often while the command runs;
    garbage cycles are still collected. Returns the thresholds to put back."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _COMMAND_COLLECTION_THRESHOLD), *thresholds[1:])
    return thresholds


@contextmanager
def _demo_profile(args: argparse.Namespace) -> Iterator[None]:
    """--demo before a command fills the profile as the window does, then runs the command on
    it: the --data-dir folder when it holds no profile yet (one that does is left as it is),
    else a fresh temporary profile, removed when the command ends."""
    if not getattr(args, "demo", False):
        yield
        return
    data_dir = getattr(args, "data_dir", None)
    if data_dir:
        directory = resolve_profile_dir(data_dir)
        if not Profile(directory).exists():
            _seed_demo(directory)
        yield
        return
    with tempfile.TemporaryDirectory(prefix="chatplanner-demo-") as scratch:
        directory = Path(scratch) / "profile"
        args.data_dir = str(directory)
        _seed_demo(directory)
        yield


def _seed_demo(directory: Path) -> None:
    from chatplanner.services.workspace import Workspace

    with Workspace.open(directory) as workspace:
        workspace.seed_demo()
    # On stderr: the command's own output (JSON, say) stays as it is.
    print(f"chatplanner: filled {directory} with sample data", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = gui_arguments(argv)
    if args is None:
        args = build_parser(named_command(argv)).parse_args(argv)
    if args.command is None:
        # Qt is imported only for the GUI (and to draw the menu entry's icons).
        if args.install_desktop or args.uninstall_desktop:
            end_start_up_pause()
            from chatplanner.app import change_desktop_entry

            return change_desktop_entry(args)
        from chatplanner.app import run_gui

        return run_gui(args)
    end_start_up_pause()  # the window's start keeps it (app.run_gui)
    thresholds = _collect_less_often()
    try:
        with _demo_profile(args):
            return int(args.handler(args))
    except ChatplannerError as error:
        if isinstance(error, ProfileDamagedError):
            from chatplanner.cli.recovery_commands import damaged_profile_hint

            # What the backups hold decides what to do, not the error's general hint.
            directory = resolve_profile_dir(getattr(args, "data_dir", None))
            print(f"chatplanner: {error.what}", file=sys.stderr)
            print(damaged_profile_hint(directory), file=sys.stderr)
        else:
            print(f"chatplanner: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("chatplanner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (`chatplanner contacts | head`): not an error worth a trace.
        # Output still buffered would fail again at exit, so it goes nowhere instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        gc.set_threshold(*thresholds)
