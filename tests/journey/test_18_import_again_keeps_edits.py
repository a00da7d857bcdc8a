"""Importing the same LinkedIn export again after editing a title in the app: the preview says
the title is kept, and the import puts nothing older back."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.journey.conftest import App
from tests.journey.import_preview import preview_import
from tests.journey.story import CONNECTIONS
from tests.journey.user import WAIT_MS


def test_importing_the_same_file_again_keeps_a_title_edited_since(
    app: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    export = tmp_path / "Connections.csv"
    shutil.copyfile(CONNECTIONS, export)
    made = time.time() - 2 * 24 * 3600  # downloaded two days ago
    os.utime(export, (made, made))
    service = app.workspace.people.contact_import
    service.commit(service.preview(export))
    user = app.user
    user.go_to("People")
    user.click_row(user.table("Stage"), "Jessica")
    user.type_into(user.labelled("Title"), "Program Director", replace=True)
    user.shortcut(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    jessica = next(
        c for c in app.workspace.people.contacts.list_summaries() if c.first_name == "Jessica"
    )
    user.qtbot.waitUntil(
        lambda: app.workspace.people.contacts.get(jessica.id).draft.title == "Program Director",
        timeout=WAIT_MS,
    )

    dialog, table = preview_import(user, monkeypatch, export)
    shown = " | ".join(user.texts(dialog))
    assert "0 updates" in shown
    assert "5 already up to date" in shown
    assert "1 person keeps what was changed here after this file was made" in shown
    happens = {
        table.model().index(r, 0).data(): table.model().index(r, 4).data()
        for r in range(table.model().rowCount())
    }
    assert happens["5"].endswith(
        "title “Program Director” kept: changed here after this file was made "
        "(the file says “Senior Project Manager”)."
    ), happens["5"]
    user.press(Qt.Key.Key_Escape, widget=table)
    assert app.workspace.people.contacts.get(jessica.id).draft.title == "Program Director"
