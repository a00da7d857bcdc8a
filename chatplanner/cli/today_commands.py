"""`chatplanner today [--json]`: what needs you now, as the Today view shows it."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from chatplanner.cli.common import add_command, open_workspace, print_json

# What a command needs is imported when it runs: every command builds this parser.
if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from chatplanner.domain.today_items import TodayItem, TodayKind


def headings() -> dict[TodayKind, str]:
    from chatplanner.domain.today_items import TodayKind

    return {
        TodayKind.UPCOMING_CHAT: "Upcoming chats",
        TodayKind.THANK_YOU: "Thank-yous owed",
        TodayKind.FOLLOW_UP: "Follow-ups due",
        TodayKind.MOVE_ON: "Time to move on",
        TodayKind.KEEP_IN_TOUCH: "Keep in touch",
        TodayKind.REPORT_BACK: "Report back",
    }


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    today = add_command(
        subparsers,
        "today",
        _today,
        "list what needs you now: chats, thank-yous, follow-ups, moving on, keeping in touch",
    )
    today.add_argument("--json", action="store_true", help="print a JSON array of items")


def item_json(item: TodayItem, zone: ZoneInfo) -> dict[str, Any]:
    """One item; `due` is a moment with its offset in the user's `zone` (a day-only item, a
    promise or a hello, is due from the start of that day), `when_text` the words shown."""
    return {
        "kind": item.kind.value,
        "contact_id": item.contact_id,
        "contact_name": item.contact_name,
        "due": _iso(item.due, zone),
        "when_text": item.when_text,
        "reason": item.reason,
        "meeting_id": item.meeting_id,
        "outreach_id": item.outreach_id,
        "follow_up_id": item.follow_up_id,
        "advice_id": item.advice_id,  # a report-back's advice acted on
    }


def _iso(due: datetime | date, zone: ZoneInfo) -> str:
    if not isinstance(due, datetime):
        from chatplanner.domain.clock import resolve_local

        due = resolve_local(due, time(0, 0), zone).moment
    return due.astimezone(zone).isoformat()


def _today(args: argparse.Namespace) -> int:
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        items = workspace.pipeline.today.items()
        zone = workspace.context.zone()
    if args.json:
        print_json([item_json(item, zone) for item in items])
        return 0
    if not items:
        print("Nothing needs you today.")
        return 0
    for kind, heading in headings().items():
        group = [item for item in items if item.kind is kind]
        if not group:
            continue
        print(f"{heading} ({len(group)})")
        for item in group:
            print(f"  {_one_line(item.contact_name)}: {_one_line(item.reason)}")
        print()
    return 0


def _one_line(text: str) -> str:
    # Names and reasons may hold user text: keep each item on its own line.
    return " ".join(text.split())
