"""`chatplanner contacts [--search TEXT] [--json] [--archived | --all]` and `chatplanner export vcard FILE`."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatplanner.cli.common import add_command, add_data_dir, open_workspace

if TYPE_CHECKING:
    from chatplanner.domain.contacts import ContactDetail


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    contacts = add_command(
        subparsers, "contacts", _contacts, "list your contacts (all, or those matching a search)"
    )
    contacts.add_argument(
        "--search",
        metavar="TEXT",
        help="only people whose name, company, title, city, "
        "groups or notes hold every word (accents and case do not matter)",
    )
    contacts.add_argument("--json", action="store_true", help="print a JSON array")
    shown = contacts.add_mutually_exclusive_group()
    shown.add_argument(
        "--archived", action="store_true", help="only the people you archived (none else)"
    )
    shown.add_argument(
        "--all", action="store_true", help="everyone, archived or not (by default: not archived)"
    )

    export = add_command(subparsers, "export", _missing_format, "write your contacts to a file")
    formats = export.add_subparsers(dest="format", metavar="FORMAT")
    vcard = formats.add_parser(
        "vcard",
        help="vCard 3.0 (.vcf), for address books and phones",
        description="Write every contact (or those matching --search) as vCard 3.0.",
    )
    add_data_dir(vcard)
    vcard.add_argument(
        "file", metavar="FILE", type=Path, help="the .vcf file to write, or - for standard output"
    )
    vcard.add_argument("--search", metavar="TEXT", help="only people matching this search")
    vcard.set_defaults(handler=_export_vcard)


def _contacts(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        if args.json and not args.search:
            # Everyone: their ids in the list's order, without a summary of each.
            ids = workspace.people.contacts.ids_in_list_order(
                include_archived=args.all, archived_only=args.archived
            )
        else:
            summaries = workspace.people.contacts.search(
                args.search or "", include_archived=args.archived or args.all
            )
            if args.archived:
                summaries = [summary for summary in summaries if summary.archived]
            if not args.json:
                for summary in summaries:
                    where = " · ".join(
                        p for p in (summary.title, summary.company, summary.city) if p
                    )
                    print(f"{summary.id}\t{summary.display_name}\t{where}")
                return 0
            ids = [summary.id for summary in summaries]
            del summaries
        names = workspace.people.contacts.group_names()
        # Streamed: a batch of contacts read, written and let go at a time, so a network of
        # any size is listed in memory of its own; the text is print_json's.
        write_json_array(
            contact_json(detail, names)
            for start in range(0, len(ids), _BATCH)
            for detail in workspace.people.contacts.details(ids[start : start + _BATCH])
        )
    return 0


_BATCH = 2000  # contacts read at a time by `contacts --json`


def write_json_array(items: Iterable[dict[str, Any]]) -> None:
    """Print a JSON array of `items` as print_json prints the list of them (two-space indent),
    one item at a time."""
    out = sys.stdout
    opening = "[\n  "
    for item in items:
        out.write(opening)
        out.write(json.dumps(item, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  "))
        opening = ",\n  "
    out.write("[]\n" if opening == "[\n  " else "\n]\n")


def contact_json(detail: ContactDetail, group_names: dict[int, str]) -> dict[str, Any]:
    """One contact as the JSON output shows it: empty values are null, dates ISO 8601."""
    draft = detail.draft

    def value(text: str | None) -> str | None:
        return text if text else None

    return {
        "id": detail.id,
        "first_name": value(draft.first_name),
        "last_name": value(draft.last_name),
        "email": value(draft.email),
        "phone": value(draft.phone),
        "company": value(draft.company),
        "title": value(draft.title),
        "previous_title": value(draft.previous_title),
        "years_in_role": draft.years_in_role,
        "city": value(draft.city),
        "country": value(draft.country),
        "kind": draft.kind.value,
        "goal": draft.goal.value if draft.goal else None,
        "online_activity": draft.online_activity.value,
        "stage": detail.stage.value,
        "linkedin_url": value(draft.linkedin_url),
        "connected_on": draft.connected_on.isoformat() if draft.connected_on else None,
        "groups": [group_names[g] for g in draft.group_ids if g in group_names],
        "notes": value(draft.notes),
        "keep_in_touch_days": draft.keep_in_touch_days,
        "archived": detail.archived,
    }


def _missing_format(args: argparse.Namespace) -> int:
    from chatplanner.errors import ChatplannerError

    raise ChatplannerError("Say which format to export, for example: chatplanner export vcard FILE")


def _export_vcard(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=False) as workspace:
        ids = None
        if args.search:
            ids = [s.id for s in workspace.people.contacts.search(args.search)]
        if str(args.file) == "-":  # as `ics MEETING -`: to standard output, for a pipe
            stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            workspace.people.contacts.write_vcard(stream, ids)
            stream.flush()
            stream.detach()  # standard output stays open for the rest of the process
            return 0
        written = workspace.people.contacts.write_vcard(args.file, ids)
    print(f"Wrote {written} {'contact' if written == 1 else 'contacts'} to {args.file}")
    return 0
