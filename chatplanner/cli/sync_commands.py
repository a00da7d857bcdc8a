"""`chatplanner sync add|remove|status|now`: the calendar and address book on a CalDAV/CardDAV
server."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from chatplanner.cli.common import add_data_dir, open_workspace, print_json
from chatplanner.domain.moments import moment_label, plural
from chatplanner.errors import ChatplannerError

# The sync service (and the HTTP stack under it) is imported only by a command that syncs:
# every other command builds this parser too.
if TYPE_CHECKING:
    from chatplanner.services.sync_accounts import Discovery


class SyncCommandError(ChatplannerError):
    """A sync command asked for something it cannot do; the message says what to do."""


# Long: the sync command's whole argparse tree in one place, as each other command registers its own.
def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = subparsers.add_parser(
        "sync",
        help="keep chats in your calendar and contacts in your address book (CalDAV/CardDAV)",
        description="Keep chats in your calendar and contacts in your address book, on a "
        "CalDAV/CardDAV server (Nextcloud, Fastmail, iCloud, mailbox.org, Radicale…).",
    )
    add_data_dir(sync)
    verbs = sync.add_subparsers(dest="sync_command", metavar="VERB", required=True)

    add = verbs.add_parser("add", help="add the account from the server's address")
    add_data_dir(add)
    add.add_argument(
        "url", metavar="URL", help="the server's address, e.g. https://dav.example.org"
    )
    add.add_argument("--user", required=True, metavar="NAME", help="your user name on the server")
    add.add_argument(
        "--password-env",
        metavar="VAR",
        help="read the password from this environment variable (else it is asked for)",
    )
    add.add_argument("--calendar", metavar="NAME", help="the calendar to use (default: the first)")
    add.add_argument(
        "--addressbook", metavar="NAME", help="the address book to use (default: the first)"
    )
    add.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="GROUP",
        help="send only the members of this group to the server (repeat for more; default: all)",
    )
    add.set_defaults(handler=_add)

    remove = verbs.add_parser(
        "remove", help="forget the account and its password (nothing is deleted anywhere)"
    )
    add_data_dir(remove)
    remove.set_defaults(handler=_remove)

    status = verbs.add_parser("status", help="the account, the last sync, conflicts and notices")
    add_data_dir(status)
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(handler=_status)

    now = verbs.add_parser("now", help="sync now")
    add_data_dir(now)
    now.add_argument(
        "--password-env",
        metavar="VAR",
        help="read the password from this variable, not the keyring",
    )
    now.add_argument(
        "--overwrite-events",
        action="store_true",
        help="write the app's version of chats whose events were changed on the server",
    )
    now.add_argument(
        "--keep",
        choices=("app", "server"),
        help="settle what changed on both sides: keep the app's versions, or take the server's "
        "contact fields and the server's time for chats",
    )
    now.set_defaults(handler=_now)


def _password_from(variable: str | None, *, ask: bool) -> str | None:
    if variable is not None:
        value = os.environ.get(variable)
        if not value:
            raise SyncCommandError(f"The environment variable {variable} is not set or is empty.")
        return value
    if not ask:
        return None
    if not sys.stdin.isatty():
        raise SyncCommandError("Give the password with --password-env VAR (no terminal to ask).")
    return getpass.getpass("Password: ")


def _add(args: argparse.Namespace) -> int:
    password = _password_from(args.password_env, ask=True)
    assert password is not None
    discovered: list[Discovery] = []
    with open_workspace(args, for_writing=True) as workspace:
        account = workspace.syncing.sync_accounts.add(
            args.url,
            args.user,
            password,
            calendar=args.calendar,
            address_book=args.addressbook,
            contact_groups=tuple(args.group),
            # A script that gives the password in a variable can give it at each sync too.
            keyring_optional=args.password_env is not None,
            found=discovered.append,
        )
        kept = workspace.syncing.sync_accounts.password_kept(account)
    print(f"Added {account.username} on {account.server_url}")
    print(f"  calendar: {account.calendar_name or '(none)'}")
    print(f"  address book: {account.address_book_name or '(none)'} (vCard {account.card_version})")
    for found in discovered:
        calendars = ", ".join(c.name for c in found.calendars) or "none"
        books = ", ".join(b.name for b in found.address_books) or "none"
        print(f"Found calendars: {calendars} (choose one with --calendar NAME)")
        print(f"Found address books: {books} (choose one with --addressbook NAME)")
    if kept:
        print("The password is in your system's keyring. Sync with: chatplanner sync now")
    else:
        print(
            "This system has no keyring, so the password was not kept. Sync with: "
            f"chatplanner sync now --password-env {args.password_env}"
        )
    return 0


def _remove(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=True) as workspace:
        account = workspace.syncing.sync_accounts.remove()
    print(
        f"Removed {account.username} on {account.server_url}. Nothing was deleted on the "
        "server or in the app."
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=False) as workspace:
        status = workspace.syncing.sync_accounts.status()
        zone, now = workspace.context.zone(), workspace.context.now()
    if args.json:
        print_json(status.as_json() if status else None)
        return 0
    if status is None:
        print("No sync account. Add one with: chatplanner sync add URL --user NAME")
        return 0
    a = status.account
    print(f"{a.username} on {a.server_url}")
    print(f"  calendar: {a.calendar_name or '(none)'}, {status.events_linked} chats")
    print(f"  address book: {a.address_book_name or '(none)'}, {status.contacts_linked} contacts")
    when = moment_label(a.last_sync_at, zone, now) if a.last_sync_at else "never"
    print(f"  last sync: {when}")
    if a.last_result:
        print(f"  last result: {a.last_result}")
    if status.contact_conflicts or status.event_conflicts:
        print(
            "  changed on both sides: "
            f"{plural(status.contact_conflicts, 'contact')}, {plural(status.event_conflicts, 'chat')}"
        )
    if status.notices:
        # A log: a notice stays after what it reported was dealt with.
        print("  recent notices, newest first:")
    for notice in status.notices:
        print(f"    - {notice}")
    if status.contact_conflicts or status.event_conflicts:
        print(_CHOOSE)
    return 0


_CHOOSE = (
    "To choose: chatplanner sync now --keep app (this computer's versions) or --keep server "
    "(the server's contact fields, and the server's time for chats)."
)


def _now(args: argparse.Namespace) -> int:
    password = _password_from(args.password_env, ask=False)
    with open_workspace(args, for_writing=True) as workspace:

        def progress(message: str, done: int, total: int) -> None:
            if total:
                print(f"{message} {done}/{total}", file=sys.stderr)

        report = workspace.syncing.sync.run(
            password=password,
            progress=progress if sys.stderr.isatty() else None,
            overwrite_events=args.overwrite_events,
            keep=args.keep,
        )
    print(report.summary())
    for notice in report.notices:
        print(f"- {notice}")
    if any(part is not None and part.conflicts for part in (report.contacts, report.calendar)):
        print(_CHOOSE)
    return 0
