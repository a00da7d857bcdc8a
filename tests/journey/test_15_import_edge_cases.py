"""A second LinkedIn export with what real exports hold: a title that changed, a day that does
not exist, and a blank row. The preview says each, with its row, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journey.conftest import App
from tests.journey.import_preview import preview_import
from tests.journey.story import import_network

SECOND_EXPORT = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Jessica,Tran,https://www.linkedin.com/in/jessica-tran-pm,jessica.tran@example.org,Metrolinx,Director of Project Delivery,12 Jan 2026

Aisha,Bello,https://www.linkedin.com/in/aisha-bello,,EllisDon,Site Engineer,31 Feb 2026
"""


def test_the_preview_shows_old_and_new_title_the_impossible_day_and_the_blank_row(
    app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import_network(app.workspace)
    export = tmp_path / "Connections.csv"
    export.write_text(SECOND_EXPORT, encoding="utf-8")
    user = app.user
    user.go_to("People")
    dialog, table = preview_import(user, monkeypatch, export)
    shown = " | ".join(user.texts(dialog))
    assert "1 blank row skipped" in shown
    # The impossible day: its row, and what the import does about it.
    assert (
        "Row 7 · Aisha Bello: Connected On “31 Feb 2026” is not a real date: the day you "
        "connected is left out." in shown
    )
    happens = {
        table.model().index(r, 0).data(): table.model().index(r, 4).data()
        for r in range(table.model().rowCount())
    }
    assert happens["5"].endswith(
        "title “Senior Project Manager” → “Director of Project Delivery”."
    ), happens["5"]
    assert "not a real date" in happens["7"]

    user.click_button("Import 2 Contacts", dialog)
    user.wait_to_see("1 blank row skipped", dialog)
    user.click_button("Close", dialog)
    people = {c.first_name: c for c in app.workspace.people.contacts.list_summaries()}
    aisha = app.workspace.people.contacts.get(people["Aisha"].id)
    assert aisha.draft.connected_on is None
    jessica = app.workspace.people.contacts.get(people["Jessica"].id)
    assert jessica.draft.title == "Director of Project Delivery"
