"""`chatplanner venues` (ranked suggestions) and `chatplanner ics MEETING_ID FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatplanner.cli.common import add_command, open_workspace, print_json
from chatplanner.errors import ChatplannerError

if TYPE_CHECKING:  # the ranking's module loads when a venue command runs
    from chatplanner.domain.venue_ranking import RankedVenue


class CommandInputError(ChatplannerError):
    """An argument the command cannot use; the message says how to write it."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    venues = add_command(
        subparsers,
        "venues",
        _venues,
        "list your venues ranked for a chat, best first (familiar, quiet, convenient)",
    )
    where = venues.add_mutually_exclusive_group()
    where.add_argument(
        "--near",
        metavar="LAT,LON",
        help="rank for a chat near this point, e.g. --near=43.65,-79.38 or a map link",
    )
    where.add_argument(
        "--contact", metavar="ID", type=int, help="rank for a chat with this contact"
    )
    venues.add_argument("--limit", type=int, default=20, help="how many venues (default: 20)")
    venues.add_argument("--json", action="store_true", help="print a JSON array")

    ics = add_command(
        subparsers, "ics", _ics, "write a chat's calendar invite (.ics) to FILE ('-' for stdout)"
    )
    ics.add_argument("meeting_id", metavar="MEETING_ID", type=int)
    ics.add_argument("file", metavar="FILE")


def _near(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    from chatplanner.domain.map_links import parse_coordinates

    point = parse_coordinates(text)
    if point is None:
        raise CommandInputError(
            f"“{text[:80]}” is not a point. Write latitude,longitude, for example "
            "--near=43.65,-79.38, or paste an OpenStreetMap or Google Maps link."
        )
    return point


def _as_json(venue: RankedVenue) -> dict[str, Any]:
    return {
        "id": venue.id,
        "name": venue.name,
        "kind": venue.kind.value,
        "score": venue.score,
        "distance_km": None if venue.distance_km is None else round(venue.distance_km, 3),
        "contact_distance_km": (
            None if venue.contact_distance_km is None else round(venue.contact_distance_km, 3)
        ),
        "reasons": list(venue.reasons),
    }


def _venues(args: argparse.Namespace) -> int:
    near = _near(args.near)
    if args.limit is not None and args.limit < 1:
        raise CommandInputError("--limit must be 1 or more.")
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        ranked = workspace.planning.venues.rank_for(
            contact_id=args.contact, near=near, limit=args.limit
        )
        base = workspace.planning.venues.base()
    # From a base known only as its city's centre, a distance is no distance: the reasons say
    # "in your city" instead.
    from_city = base is not None and base.city_centre
    if args.json:
        print_json([_as_json(venue) for venue in ranked])
        return 0
    if not ranked:
        print("No venues to suggest yet. Add the places you know in the Venues view.")
        return 0
    from chatplanner.domain.places import format_distance

    for position, venue in enumerate(ranked, start=1):
        known = venue.distance_km is not None and not from_city
        distance = f"  {format_distance(venue.distance_km or 0.0)}" if known else ""
        print(f"{position:>2}. {venue.name} ({venue.kind.label.lower()}){distance}")
        print(f"    {' · '.join(venue.reasons)}")
    return 0


def _ics(args: argparse.Namespace) -> int:
    from chatplanner.services.chat_invites import PlanningError

    path = Path(args.file)
    with open_workspace(args, for_writing=False, plain_reads=True) as workspace:
        if args.file == "-":
            sys.stdout.buffer.write(workspace.planning.scheduling.invite_ics(args.meeting_id))
            sys.stdout.flush()
            return 0
        try:
            workspace.planning.scheduling.export_invite(args.meeting_id, path)
        except PlanningError as error:
            raise CommandInputError(str(error)) from error
    print(f"Wrote the invite for meeting {args.meeting_id} to {path}")
    return 0
