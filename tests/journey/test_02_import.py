"""Import a LinkedIn export through the import dialog (only the file chooser is stood in for)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from chatplanner.domain.enums import ContactKind
from tests.journey.conftest import App
from tests.journey.import_preview import preview_import
from tests.journey.story import CONNECTIONS


def test_importing_a_linkedin_export_lists_everyone_and_marks_the_recruiter(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = app.user
    user.go_to("People")
    dialog, _table = preview_import(user, monkeypatch, CONNECTIONS)
    user.click(user.button("Import 5 Contacts", dialog))
    # The import runs in the background: its finished page says so ("5" alone is already on
    # the button that started it).
    user.wait_to_see("Import finished", dialog)
    summary = " ".join(user.texts(dialog))
    # The finished page reads as one block at the top, not lines spread down the page.
    finished = user.all_visible(QLabel, dialog)
    title = next(label for label in finished if label.text() == "Import finished")
    counts = next(label for label in finished if "5 new people" in label.text())
    for label in (title, counts):  # a label taller than its text shows it amid empty space
        assert label.height() <= label.sizeHint().height() + 4, (label.text(), label.height())
    gap = (
        counts.mapTo(dialog, counts.rect().topLeft()).y()
        - title.mapTo(dialog, title.rect().bottomLeft()).y()
    )
    assert gap <= 24, gap
    user.click_button("Close", dialog)

    assert "5" in summary
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: len(user.rows(people)) == 5, timeout=15000)
    assert "Jessica Tran" in user.rows(people)
    stored = {c.first_name: c.kind for c in app.workspace.people.contacts.list_summaries()}
    # "Technical Recruiter" is a recruiter from the start: a business relationship.
    assert stored["Priya"] is ContactKind.RECRUITER
    assert stored["Jessica"] is ContactKind.OTHER
    user.qtbot.waitUntil(lambda: "Recruiter" in user.rows(people, 4), timeout=15000)


def test_the_editor_suggests_recruiter_from_a_title_and_the_user_accepts(app: App) -> None:
    from tests.journey.story import import_network

    import_network(app.workspace)
    user = app.user
    user.go_to("People")
    user.click_row(user.table("Stage"), "Omar")
    title = user.labelled("Title")
    user.type_into(title, "Talent Acquisition Partner", replace=True)
    user.click_button("Title says Recruiter: use it")
    user.shortcut(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    omar = next(c for c in app.workspace.people.contacts.list_summaries() if c.first_name == "Omar")
    user.qtbot.waitUntil(
        lambda: app.workspace.people.contacts.get(omar.id).draft.kind is ContactKind.RECRUITER,
        timeout=15000,
    )
