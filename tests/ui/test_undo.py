"""The one undo base: operations say what they changed, failures are said and dropped."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from chatplanner.errors import ChatplannerError
from chatplanner.ui.undo import Change, ChangeKind, Operation, perform, top_operation


class _Rename(Operation):
    def __init__(self, names: dict[int, str], key: int, new: str, heard: list[object]) -> None:
        super().__init__(f"Rename {names[key]}", heard.append, heard.append)
        self._names, self._key, self._new, self._old = names, key, new, names[key]

    def apply(self) -> Change:
        if self._key not in self._names:
            raise ChatplannerError("That contact was deleted meanwhile.")
        self._names[self._key] = self._new
        return Change(ChangeKind.CONTACTS_CHANGED, (self._key,))

    def revert(self) -> Change:
        self._names[self._key] = self._old
        return Change(ChangeKind.CONTACTS_CHANGED, (self._key,))


def test_the_first_push_does_the_work_and_the_page_hears_the_change() -> None:
    stack, names, heard = QUndoStack(), {1: "Ana", 2: "Ana"}, list[object]()
    operation = _Rename(names, 2, "Bo", heard)
    assert perform(stack, operation) == Change(ChangeKind.CONTACTS_CHANGED, (2,))
    assert names == {1: "Ana", 2: "Bo"}
    assert heard == [Change(ChangeKind.CONTACTS_CHANGED, (2,))]
    assert top_operation(stack) is operation
    assert operation.done is not None
    stack.undo()
    assert names == {1: "Ana", 2: "Ana"}
    assert operation.done is None
    assert top_operation(stack) is None


def test_entries_with_one_label_are_told_apart_by_what_they_changed() -> None:
    stack, names, heard = QUndoStack(), {1: "Ana", 2: "Ana"}, list[object]()
    perform(stack, _Rename(names, 1, "Cy", heard))
    perform(stack, _Rename(names, 2, "Cy", heard))
    top = top_operation(stack)
    assert stack.undoText() == stack.text(0) == "Rename Ana"
    assert top is not None
    assert top.done == Change(ChangeKind.CONTACTS_CHANGED, (2,))


def test_a_failure_is_said_and_the_entry_is_not_kept() -> None:
    stack, names, heard = QUndoStack(), {1: "Ana"}, list[object]()
    operation = _Rename(names, 1, "Bo", heard)
    del names[1]
    names[2] = "Ana"
    assert perform(stack, operation) is None
    assert heard == ["That contact was deleted meanwhile."]
    assert stack.count() == 0


def test_without_a_stack_the_work_is_done_once() -> None:
    names, heard = {1: "Ana"}, list[object]()
    perform(None, _Rename(names, 1, "Bo", heard))
    assert names == {1: "Bo"}
    assert len(heard) == 1
