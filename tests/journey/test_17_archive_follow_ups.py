"""Archive: the follow-ups promised in a chat are searched like its notes (accents or not), a hit
opens the chat at that follow-up, and a snippet keeps the lines of a note apart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QListView, QTableView, QWidget

from chatplanner.domain.chat_notes import NoteSections
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out
from tests.journey.user import WAIT_MS, User


def _type(user: User, widget: QWidget, text: str) -> None:
    """Type `text` key by key; a letter with an accent comes as a keyboard layout sends it (a
    key event carrying the letter), which the test library's own typing cannot send."""
    user.click(widget)
    for char in text:
        if char.isascii():
            user.qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _results(user: User, words: str) -> list[str]:
    """Search the archive for `words`; what a screen reader says of each result."""

    def shown() -> list[str]:
        lists = [v for v in user.all_visible(QListView) if v.accessibleName() == "Search results"]
        if not lists:
            return []
        model = lists[0].model()
        return [
            str(model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))
            for row in range(model.rowCount(QModelIndex()))
        ]

    search = user.named("Search the notes", QLineEdit)
    # The last search's results go first, so that those shown are this search's.
    user.type_into(search, "", replace=True)
    user.qtbot.waitUntil(lambda: not shown(), timeout=WAIT_MS)
    user.type_into(search, words)
    user.qtbot.waitUntil(lambda: bool(shown()) or user.sees("Nothing found"), timeout=WAIT_MS)
    return shown()


def test_follow_ups_are_found_by_the_archive_search_and_open_at_the_promise(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    meeting = met(workspace, ids["Omar"])
    workspace.chats.meetings.save_notes(
        meeting,
        NoteSections(
            advice="Take the CAPM exam before the PMP\nVolunteer at the PMI Toronto Chapter"
        ),
    )
    user = app.user
    # Two promises written on the chat's Notes tab, as the user does.
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Omar")
    user.open_tab("Notes")
    for owner, promise in (
        ("Them", "Introduce me to the PMI volunteer coordinator"),
        ("Me", "Send my résumé"),
    ):
        user.choose(user.named("Who promised", QComboBox), owner)
        _type(user, user.named("What was promised"), promise)
        user.click_button("Add follow-up")
    user.qtbot.waitUntil(
        lambda: len(workspace.chats.meetings.meeting(meeting).follow_ups) == 2, timeout=WAIT_MS
    )

    user.go_to("Archive")
    [coordinator] = _results(user, "coordinator")
    assert "Omar Haddad" in coordinator
    assert "Follow-up: Introduce me to the PMI volunteer coordinator" in coordinator
    [resume] = _results(user, "resume")
    assert "Follow-up: Send my résumé" in resume
    # Advice written one per line reads as two pieces, not one run-on sentence.
    [capm] = _results(user, "capm")
    assert "before the PMP · Volunteer at" in capm

    # Opening the résumé hit: the chat, on its Notes tab, with that follow-up chosen.
    _results(user, "resume")
    user.press(Qt.Key.Key_Return, widget=user.named("Search the notes", QLineEdit))
    user.wait_to_see("Omar Haddad")
    follow_ups = user.named("Follow-ups", QTableView)
    user.qtbot.waitUntil(lambda: follow_ups.currentIndex().isValid(), timeout=WAIT_MS)
    assert follow_ups.currentIndex().data() == "Send my résumé"
