"""`chatplanner advice [--json]`: every piece of advice, who gave it, when, and what you did."""

from __future__ import annotations

import argparse

from chatplanner.cli.common import add_command, open_workspace, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    advice = add_command(
        subparsers,
        "advice",
        _advice,
        "list the advice from your chats: who gave it, when, and whether you acted on it",
    )
    advice.add_argument("--json", action="store_true", help="print a JSON array")


def _advice(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        records = workspace.chats.advice.all_advice()
    if args.json:
        print_json([record.as_json() for record in records])
        return 0
    if not records:
        print("No advice in your notes yet. Write it in a chat's notes, under Advice they gave.")
        return 0
    for record in records:
        print(
            f"{record.given_on.isoformat()}  {record.contact_name}  (meeting {record.meeting_id})"
        )
        print(f"    {record.advice}")
        if record.acted_on is not None:
            what = f": {record.outcome}" if record.outcome else ""
            told = " (you told them)" if record.reported_back else ""
            print(f"    Acted on {record.acted_on.isoformat()}{what}{told}")
    acted = sum(1 for r in records if r.is_acted_on)
    print(f"\n{len(records)} pieces of advice, {acted} acted on.")
    return 0
