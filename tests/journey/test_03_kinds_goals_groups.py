"""Sort the network out: kinds, goals and groups, for several people at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListView, QWidget

from chatplanner.domain.enums import ContactKind, Goal
from tests.journey.conftest import App
from tests.journey.story import import_network
from tests.journey.test_04_first_messages import _select


def test_kinds_goals_and_a_group_are_set_for_the_selected_people(app: App) -> None:
    ids = import_network(app.workspace)
    user = app.user
    _select(app, "Jessica", "Mei")
    user.pick_from_menu("Set kind", "Mentor")
    user.pick_from_menu("Set goal", "Mentorship")

    def make_group(dialog: QWidget) -> None:
        assert not user.button("Delete", dialog).isEnabled()  # no group yet
        user.then_answer(
            "OK", lambda box: user.type_into(user.all_visible(QLineEdit, box)[0], "PMI Toronto")
        )
        user.click_button("New group…", dialog)
        user.wait_to_see("Members of PMI Toronto", dialog)
        assert user.button("Delete", dialog).isEnabled()
        # Ctrl+click takes the group out of the selection: nothing is chosen to delete.
        groups = user.all_visible(QListView, dialog)[0]
        user.click_row(groups, "PMI Toronto", Qt.KeyboardModifier.ControlModifier)
        assert not user.button("Delete", dialog).isEnabled()
        assert not user.button("Rename…", dialog).isEnabled()
        user.click_button("Close", dialog)

    with user.in_next_dialog(make_group):
        user.click_button("Groups")

    _select(app, "Jessica", "Mei")
    user.pick_from_menu("Add to group", "PMI Toronto")

    stored = {
        name: app.workspace.people.contacts.get(ids[name]).draft for name in ("Jessica", "Mei")
    }
    assert {d.kind for d in stored.values()} == {ContactKind.MENTOR}
    assert {d.goal for d in stored.values()} == {Goal.MENTORSHIP}
    group = next(g for g in app.workspace.people.groups.list() if g.name == "PMI Toronto")
    assert all(group.id in d.group_ids for d in stored.values())
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: user.rows(people, 4).count("Mentor") == 2, timeout=15000)


def test_kind_and_stage_are_shown_whole_in_the_people_table(app: App) -> None:
    ids = import_network(app.workspace)
    app.workspace.pipeline.outreach.mark_moved_on(ids["Omar"])
    user = app.user
    user.go_to("People")
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: "No reply, moved on" in user.rows(people, 5), timeout=15000)
    metrics = people.fontMetrics()
    for column, text in ((4, "Recruiter"), (5, "No reply, moved on")):
        assert people.columnWidth(column) > metrics.horizontalAdvance(text) + 12, text
