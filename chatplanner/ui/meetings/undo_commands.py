"""Checklist and follow-up changes as undoable commands on the window's undo stack.

Each command calls the meeting service and then `changed(meeting_id)`, so the views reload.
Removed rows come back with a new id; a command remembers the id it last saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from chatplanner.domain.enums import ChecklistPhase, FollowUpOwner
from chatplanner.services.meeting_records import ChecklistEntry, FollowUpEntry
from chatplanner.services.meetings import MeetingService
from chatplanner.ui.undo import Change, ChangeKind, Operation


@dataclass(frozen=True)
class CommandContext:
    """What every command needs: the service, who to tell of a change, where errors go."""

    service: MeetingService
    changed: Callable[[int], None]  # meeting id
    report: Callable[[str], None]  # a sentence for the user


class _MeetingCommand(Operation):
    """An operation on one chat: every step (and a failed one) has the chat read again."""

    def __init__(self, context: CommandContext, meeting_id: int, text: str) -> None:
        super().__init__(text, lambda change: context.changed(change.ids[0]), context.report)
        self._context = context
        self._service = context.service
        self._meeting_id = meeting_id

    def _run(self, action: Callable[[], object]) -> Change:
        action()  # a row deleted elsewhere meanwhile: the base says so in the status bar
        return self.after_failure()

    def after_failure(self) -> Change:
        return Change(ChangeKind.MEETING_CHANGED, (self._meeting_id,))


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


class ToggleItemCommand(_MeetingCommand):
    def __init__(self, context: CommandContext, meeting_id: int, item: ChecklistEntry) -> None:
        verb = "Check" if not item.done else "Uncheck"
        super().__init__(context, meeting_id, f"{verb} \u201c{_short(item.text)}\u201d")
        self._item_id, self._done = item.id, not item.done

    def apply(self) -> Change | None:
        return self._run(lambda: self._service.set_item_done(self._item_id, self._done))

    def revert(self) -> Change | None:
        return self._run(lambda: self._service.set_item_done(self._item_id, not self._done))


class AddItemCommand(_MeetingCommand):
    def __init__(
        self, context: CommandContext, meeting_id: int, phase: ChecklistPhase, text: str
    ) -> None:
        super().__init__(context, meeting_id, f"Add \u201c{_short(text)}\u201d")
        self._phase, self._text = phase, text
        self._item_id: int | None = None

    def apply(self) -> Change | None:
        def add() -> None:
            self._item_id = self._service.add_item(self._meeting_id, self._phase, self._text).id

        return self._run(add)

    def revert(self) -> Change | None:
        item_id = self._item_id
        if item_id is None:
            return None
        return self._run(lambda: self._service.remove_item(item_id))


class RemoveItemCommand(_MeetingCommand):
    def __init__(self, context: CommandContext, meeting_id: int, item: ChecklistEntry) -> None:
        super().__init__(context, meeting_id, f"Remove \u201c{_short(item.text)}\u201d")
        self._item_id = item.id
        self._removed: ChecklistEntry | None = None

    def apply(self) -> Change | None:
        def remove() -> None:
            self._removed = self._service.remove_item(self._item_id)

        return self._run(remove)

    def revert(self) -> Change | None:
        removed = self._removed
        if removed is None:
            return None

        def restore() -> None:
            self._item_id = self._service.restore_item(self._meeting_id, removed).id

        return self._run(restore)


class ReorderPhaseCommand(_MeetingCommand):
    def __init__(
        self,
        context: CommandContext,
        meeting_id: int,
        phase: ChecklistPhase,
        before: list[int],
        after: list[int],
    ) -> None:
        super().__init__(context, meeting_id, "Reorder the checklist")
        self._phase, self._before, self._after = phase, before, after

    def apply(self) -> Change | None:
        return self._run(
            lambda: self._service.reorder_phase(self._meeting_id, self._phase, self._after)
        )

    def revert(self) -> Change | None:
        return self._run(
            lambda: self._service.reorder_phase(self._meeting_id, self._phase, self._before)
        )


class AddFollowUpCommand(_MeetingCommand):
    def __init__(
        self,
        context: CommandContext,
        meeting_id: int,
        owner: FollowUpOwner,
        text: str,
        due_on: date | None,
    ) -> None:
        super().__init__(context, meeting_id, f"Add follow-up \u201c{_short(text)}\u201d")
        self._owner, self._text, self._due_on = owner, text, due_on
        self._id: int | None = None

    def apply(self) -> Change | None:
        def add() -> None:
            self._id = self._service.add_follow_up(
                self._meeting_id, self._owner, self._text, self._due_on
            ).id

        return self._run(add)

    def revert(self) -> Change | None:
        follow_up_id = self._id
        if follow_up_id is None:
            return None
        return self._run(lambda: self._service.remove_follow_up(follow_up_id))


class EditFollowUpCommand(_MeetingCommand):
    def __init__(
        self,
        context: CommandContext,
        meeting_id: int,
        before: FollowUpEntry,
        after: FollowUpEntry,
    ) -> None:
        super().__init__(context, meeting_id, f"Edit follow-up \u201c{_short(after.text)}\u201d")
        self._before, self._after = before, after

    def _apply(self, entry: FollowUpEntry) -> None:
        self._service.edit_follow_up(
            entry.id,
            owner=entry.owner,
            text=entry.text,
            due_on=entry.due_on,
            clear_due_date=entry.due_on is None,
            done=entry.done,
        )

    def apply(self) -> Change | None:
        return self._run(lambda: self._apply(self._after))

    def revert(self) -> Change | None:
        return self._run(lambda: self._apply(self._before))


class RemoveFollowUpCommand(_MeetingCommand):
    def __init__(self, context: CommandContext, meeting_id: int, entry: FollowUpEntry) -> None:
        super().__init__(context, meeting_id, f"Remove follow-up \u201c{_short(entry.text)}\u201d")
        self._entry = entry

    def apply(self) -> Change | None:
        return self._run(lambda: self._service.remove_follow_up(self._entry.id))

    def revert(self) -> Change | None:
        def restore() -> None:
            self._entry = self._service.add_follow_up(
                self._meeting_id,
                self._entry.owner,
                self._entry.text,
                self._entry.due_on,
                done=self._entry.done,
                index=self._entry.position,
            )

        return self._run(restore)


class SetFollowUpDoneCommand(_MeetingCommand):
    """Tick off (or reopen) one promise, e.g. from Today, without opening the chat."""

    def __init__(
        self,
        context: CommandContext,
        meeting_id: int,
        follow_up_id: int,
        whose: str,
        done: bool = True,
    ) -> None:
        verb = "done" if done else "not done"
        super().__init__(context, meeting_id, f"Mark the follow-up for {_short(whose)} {verb}")
        self._id, self._done = follow_up_id, done

    def apply(self) -> Change | None:
        return self._run(lambda: self._service.edit_follow_up(self._id, done=self._done))

    def revert(self) -> Change | None:
        return self._run(lambda: self._service.edit_follow_up(self._id, done=not self._done))
