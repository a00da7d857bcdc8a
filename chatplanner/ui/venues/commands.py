"""Undoable venue changes: add, edit, remove and "I've been here"."""

from __future__ import annotations

from collections.abc import Callable

from chatplanner.domain.venues import VenueDraft
from chatplanner.services.venues import VenueService
from chatplanner.ui.undo import Change, ChangeKind, Operation

Changed = Callable[[str], None]  # told what happened, in a sentence for the status bar


class _VenueCommand(Operation):
    """The page hears each change, or each failure, as a sentence for its status bar."""

    def __init__(self, text: str, venues: VenueService, changed: Changed) -> None:
        super().__init__(text, lambda change: changed(change.message), changed)
        self._venues = venues


def _venue(venue_id: int, message: str) -> Change:
    return Change(ChangeKind.VENUES_CHANGED, (venue_id,), message)


class AddVenue(_VenueCommand):
    def __init__(self, venues: VenueService, draft: VenueDraft, changed: Changed) -> None:
        super().__init__(f"Add “{draft.name}”", venues, changed)
        self._draft = draft
        self.venue_id: int | None = None

    def apply(self) -> Change:
        if self.venue_id is None:
            self.venue_id = self._venues.add(self._draft)
            return _venue(self.venue_id, f"Added {self._draft.name}.")
        self._venues.restore(self.venue_id)
        return _venue(self.venue_id, f"Added {self._draft.name} again.")

    def revert(self) -> Change | None:
        if self.venue_id is None:
            return None
        self._venues.remove(self.venue_id)
        return _venue(self.venue_id, f"Took back {self._draft.name}.")


class EditVenue(_VenueCommand):
    def __init__(
        self,
        venues: VenueService,
        venue_id: int,
        before: VenueDraft,
        after: VenueDraft,
        changed: Changed,
    ) -> None:
        super().__init__(f"Edit “{after.name}”", venues, changed)
        self._venue_id, self._before, self._after = venue_id, before, after

    def apply(self) -> Change:
        self._venues.update(self._venue_id, self._after)
        return _venue(self._venue_id, f"Saved {self._after.name}.")

    def revert(self) -> Change:
        self._venues.update(self._venue_id, self._before)
        return _venue(self._venue_id, f"Undid the changes to {self._before.name}.")


class RemoveVenue(_VenueCommand):
    def __init__(self, venues: VenueService, venue_id: int, name: str, changed: Changed) -> None:
        super().__init__(f"Remove “{name}”", venues, changed)
        self._venue_id, self._name = venue_id, name

    def apply(self) -> Change:
        self._venues.remove(self._venue_id)
        return _venue(self._venue_id, f"Removed {self._name}. Undo (Ctrl+Z) brings it back.")

    def revert(self) -> Change:
        self._venues.restore(self._venue_id)
        return _venue(self._venue_id, f"{self._name} is back.")


class RecordVisit(_VenueCommand):
    def __init__(self, venues: VenueService, venue_id: int, name: str, changed: Changed) -> None:
        super().__init__(f"Been to “{name}”", venues, changed)
        self._venue_id, self._name = venue_id, name
        self._visit_id: int | None = None

    def apply(self) -> Change:
        self._visit_id = self._venues.record_visit(self._venue_id)
        return _venue(self._venue_id, f"Counted a visit to {self._name}.")

    def revert(self) -> Change | None:
        if self._visit_id is None:
            return None
        visit_id, self._visit_id = self._visit_id, None
        self._venues.remove_visit(visit_id)
        return _venue(self._venue_id, f"Took back the visit to {self._name}.")
