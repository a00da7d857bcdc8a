"""A contact named in Chinese script is called by the whole name, family name first, wherever a
sentence names them: never by the given name alone."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QWidget

from tests.journey.conftest import App
from tests.journey.story import messaged, settled_in_toronto, sorted_out
from tests.journey.test_04_first_messages import _select


def test_plan_a_chat_calls_li_wei_by_the_whole_name(app: App) -> None:
    ids = sorted_out(app.workspace)
    settled_in_toronto(app.workspace, ids)
    jessica = app.workspace.contacts.get(ids["Jessica"])
    app.workspace.contacts.update(
        ids["Jessica"], replace(jessica.draft, first_name="伟", last_name="李")
    )
    messaged(app.workspace, ids["Jessica"], days_ago=5)
    user = app.user
    seen: list[str] = []
    rows: list[str] = []

    def read(dialog: QWidget) -> None:
        user.wait_to_see("meet in person", dialog)
        seen.extend(user.texts(dialog))
        venues = next(
            view
            for view in user.all_visible(QListView, dialog)
            if "Lantern" in " ".join(user.rows(view))
        )
        rows.extend(
            str(venues.model().index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))
            for row in range(venues.model().rowCount())
        )
        user.click_button("Cancel", dialog)

    _select(app, "李伟")
    with user.in_next_dialog(read):
        user.click_button("Plan a chat…")

    shown = " | ".join(seen)
    assert "李伟 is in Toronto too, the same city as you: meet in person." in shown, shown
    assert rows
    assert all("in the same city as you and 李伟" in row for row in rows), rows
    assert "| 伟 " not in shown
