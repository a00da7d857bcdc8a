"""The venues' rows through the ORM: what the venue service writes, and the records it lists.

Apart from `services/venues.py` so that ranking venues (plain SQL through
`ServiceContext.reading`) does not load SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select, union_all
from sqlalchemy.orm import Session

from chatplanner.db.models import Meeting, Venue, Visit
from chatplanner.domain.enums import MeetingMode, MeetingStatus
from chatplanner.domain.venues import VenueDraft


@dataclass(frozen=True, slots=True)
class VisitTally:
    count: int
    last: date | None


def visit_tallies(
    session: Session, venue_ids: Sequence[int] | None = None
) -> dict[int, VisitTally]:
    """Visits per venue: "I've been here" rows plus every past in-person meeting there.

    A Visit linked to a meeting is not counted on its own, so a meeting is never counted twice;
    a visit whose meeting was deleted (its link set to null) still counts as a visit.
    """
    own = select(Visit.venue_id.label("venue_id"), Visit.visited_on.label("day")).where(
        Visit.meeting_id.is_(None)
    )
    met = select(
        Meeting.venue_id.label("venue_id"), func.date(Meeting.starts_at).label("day")
    ).where(
        and_(
            Meeting.venue_id.is_not(None),
            Meeting.status == MeetingStatus.DONE.value,
            Meeting.mode == MeetingMode.IN_PERSON.value,
        )
    )
    if venue_ids is not None:
        own = own.where(Visit.venue_id.in_(venue_ids))
        met = met.where(Meeting.venue_id.in_(venue_ids))
    both = union_all(own, met).subquery()
    rows = session.execute(
        select(both.c.venue_id, func.count(), func.max(both.c.day)).group_by(both.c.venue_id)
    )
    tallies: dict[int, VisitTally] = {}
    for venue_id, count, last in rows:
        day = date.fromisoformat(last) if isinstance(last, str) else last
        tallies[int(venue_id)] = VisitTally(int(count), day)
    return tallies


# What `_record` reads of a venue.
RECORD_COLUMNS = (
    Venue.id,
    Venue.name,
    Venue.kind,
    Venue.address,
    Venue.city,
    Venue.latitude,
    Venue.longitude,
    Venue.quietness,
    Venue.knows_commute,
    Venue.knows_parking,
    Venue.knows_menu,
    Venue.notes,
)


def apply_draft(row: Venue, draft: VenueDraft) -> None:
    row.name = draft.name
    row.kind = draft.kind.value
    row.address = draft.address or None
    row.city = draft.city or None
    row.latitude = draft.latitude
    row.longitude = draft.longitude
    row.quietness = draft.quietness
    row.knows_commute = draft.knows_commute
    row.knows_parking = draft.knows_parking
    row.knows_menu = draft.knows_menu
    row.notes = draft.notes
