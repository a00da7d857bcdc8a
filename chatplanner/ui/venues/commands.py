"""Undoable venue changes: add, edit, remove and "I've been here"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from chatplanner.domain.venues import VenueDraft
from chatplanner.errors import ChatplannerError
from chatplanner.services.venues import VenueService

Changed = Callable[[str], None]  # told what happened, in a sentence for the status bar


class _VenueCommand(QUndoCommand):
    def __init__(self, text: str, venues: VenueService, changed: Changed) -> None:
        super().__init__(text)
        self._venues = venues
        self._changed = changed

    def _run(self, action: Callable[[], object], message: str) -> None:
        try:
            action()
        except ChatplannerError as error:
            self._changed(str(error))
            self.setObsolete(True)
            return
        self._changed(message)


class AddVenue(_VenueCommand):
    def __init__(self, venues: VenueService, draft: VenueDraft, changed: Changed) -> None:
        super().__init__(f"Add “{draft.name}”", venues, changed)
        self._draft = draft
        self.venue_id: int | None = None

    def redo(self) -> None:
        if self.venue_id is None:
            self.venue_id = self._venues.add(self._draft)
            self._changed(f"Added {self._draft.name}.")
        else:
            venue_id = self.venue_id
            self._run(lambda: self._venues.restore(venue_id), f"Added {self._draft.name} again.")

    def undo(self) -> None:
        if self.venue_id is not None:
            venue_id = self.venue_id
            self._run(lambda: self._venues.remove(venue_id), f"Took back {self._draft.name}.")


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

    def redo(self) -> None:
        self._run(
            lambda: self._venues.update(self._venue_id, self._after), f"Saved {self._after.name}."
        )

    def undo(self) -> None:
        self._run(
            lambda: self._venues.update(self._venue_id, self._before),
            f"Undid the changes to {self._before.name}.",
        )


class RemoveVenue(_VenueCommand):
    def __init__(self, venues: VenueService, venue_id: int, name: str, changed: Changed) -> None:
        super().__init__(f"Remove “{name}”", venues, changed)
        self._venue_id, self._name = venue_id, name

    def redo(self) -> None:
        self._run(
            lambda: self._venues.remove(self._venue_id),
            f"Removed {self._name}. Undo (Ctrl+Z) brings it back.",
        )

    def undo(self) -> None:
        self._run(lambda: self._venues.restore(self._venue_id), f"{self._name} is back.")


class RecordVisit(_VenueCommand):
    def __init__(self, venues: VenueService, venue_id: int, name: str, changed: Changed) -> None:
        super().__init__(f"Been to “{name}”", venues, changed)
        self._venue_id, self._name = venue_id, name
        self._visit_id: int | None = None

    def redo(self) -> None:
        def record() -> None:
            self._visit_id = self._venues.record_visit(self._venue_id)

        self._run(record, f"Counted a visit to {self._name}.")

    def undo(self) -> None:
        if self._visit_id is not None:
            visit_id = self._visit_id
            self._run(
                lambda: self._venues.remove_visit(visit_id), f"Took back the visit to {self._name}."
            )
            self._visit_id = None
