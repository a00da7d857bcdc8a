"""A venue's row through the ORM: what the venue service writes.

Apart from `services/venues.py` so that listing and ranking venues (plain SQL through
`ServiceContext.reading`) does not load SQLAlchemy.
"""

from __future__ import annotations

from chatplanner.db.models import Venue
from chatplanner.domain.venues import VenueDraft


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
