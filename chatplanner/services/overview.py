"""How much a profile holds: the numbers behind empty states and the About box."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from chatplanner.db.models import Contact, Group, Meeting, MeetingNotes, Venue
from chatplanner.services.context import ServiceContext


@dataclass(frozen=True)
class ProfileOverview:
    contacts: int
    groups: int
    venues: int
    meetings: int
    notes: int

    @property
    def is_empty(self) -> bool:
        return not (self.contacts or self.groups or self.venues or self.meetings)


class OverviewService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def overview(self) -> ProfileOverview:
        with self._context.sessions() as session:

            def count(model: type) -> int:
                return int(session.scalar(select(func.count()).select_from(model)) or 0)

            return ProfileOverview(
                contacts=count(Contact),
                groups=count(Group),
                venues=count(Venue),
                meetings=count(Meeting),
                notes=count(MeetingNotes),
            )
