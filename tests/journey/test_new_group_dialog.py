"""A new group named from the People page: the small question is wide enough for its title in
the window's title bar and for a group's name of several words."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from tests.journey.conftest import App
from tests.journey.story import sorted_out
from tests.journey.test_04_first_messages import _select
from tests.ui.layout_audit import layout_problems

NAME = "Project Managers in Toronto Transit"


def test_a_new_group_for_the_selected_person_is_asked_for_in_a_wide_enough_window(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    seen: dict[str, object] = {}

    def answer(dialog: QWidget) -> None:
        seen["title"] = dialog.windowTitle()
        seen["texts"] = user.texts(dialog)
        title_room = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + 140
        seen["narrow"] = dialog.width() < title_room
        name = user.all_visible(QLineEdit, dialog)[0]
        seen["problems"] = layout_problems(dialog)
        user.type_into(name, NAME)
        seen["name shown whole"] = name.fontMetrics().horizontalAdvance(NAME) < name.width()

    _select(app, "Omar")
    user.then_answer("OK", answer)
    user.pick_from_menu("Add to group", "New group…")

    assert seen["title"] == "New group"
    assert seen["narrow"] is False
    assert "Name of the new group:" in seen["texts"]  # type: ignore[operator]
    assert seen["problems"] == []
    assert seen["name shown whole"] is True
    group = next(g for g in app.workspace.people.groups.list() if g.name == NAME)
    assert group.id in app.workspace.people.contacts.get(ids["Omar"]).draft.group_ids
