"""What the window says after an action shows whole, and the Follow-through list reads with room
around its text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QListWidget, QWidget

from chatplanner.domain.chat_notes import NoteSections
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out


def _follow_through(app: App) -> QListWidget:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"], days_ago=2)
    app.workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Take the CAPM exam first")
    )
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Follow-through")
    items = user.named("Advice and promises", QListWidget)
    user.qtbot.waitUntil(lambda: "○ Take the CAPM exam first" in user.rows(items))
    return items


def test_a_status_message_shows_whole_beside_the_sync_line(app: App) -> None:
    app.window.resize(1024, 700)
    items = _follow_through(app)
    user = app.user
    user.shortcut(
        Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    bar = app.window.statusBar()
    sync = app.window.sync_controller()
    # The sync line says why nothing synced; it shows once no message is in the bar.
    assert sync.line.text() == "No sync account: add one in Preferences › Sync."
    # What a failed sync says, at its longest.
    sync.line.setText(
        "The password for this account is not in the keyring. Add the account again, "
        "or give it with --password-env VAR."
    )
    bar.clearMessage()
    sync_line = user.named("Sync status", QLabel)

    user.click_row(items, "○ Take the CAPM exam first")
    user.type_into(user.named("What happened"), "Passed it in March")
    user.click_button("Mark as acted on")

    message = bar.currentMessage()
    assert message == (
        "Marked as acted on. Today suggests a note to tell Jessica Tran what came of it."
    )
    # The sync line steps aside while the message shows: the message has the bar's width.
    assert not sync_line.isVisible()
    assert bar.fontMetrics().horizontalAdvance(message) < bar.width() - 24
    # When the message goes, the sync line is back.
    bar.clearMessage()
    assert sync_line.isVisible()


def test_add_venue_says_how_to_give_the_location_in_whole_words(app: App) -> None:
    app.window.resize(1024, 700)
    user = app.user
    user.go_to("Venues")
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        location = user.labelled("Location", dialog)
        edit = location.findChild(QLineEdit) if not isinstance(location, QLineEdit) else location
        assert isinstance(edit, QLineEdit)
        room = edit.width() - 24  # the frame, the text margins and the clear button
        seen["placeholder fits"] = (
            edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room
        )
        hint = next(
            label
            for label in user.all_visible(QLabel, dialog)
            if "Google Maps link" in label.text()
        )
        seen["hint"] = hint.text()
        seen["hint whole"] = hint.wordWrap() and hint.height() >= hint.heightForWidth(hint.width())
        user.click_button("Cancel", dialog)

    with user.in_next_dialog(look):
        user.click_button("Add Venue")

    assert seen["placeholder fits"]
    assert "paste an OpenStreetMap / Google Maps link" in str(seen["hint"])
    assert seen["hint whole"]


def test_the_follow_through_list_keeps_its_text_off_the_border(app: App) -> None:
    items = _follow_through(app)
    first = items.item(1)
    assert first.text() == "○ Take the CAPM exam first"
    rect = items.visualItemRect(first).translated(items.viewport().geometry().topLeft())
    image = items.grab().toImage()
    dark = [
        x
        for y in range(max(0, rect.top()), min(image.height(), rect.bottom()))
        for x in range(3, rect.right())
        if image.pixelColor(x, y).lightness() < 110
    ]
    assert dark, "no text drawn"
    assert min(dark) >= 10, f"text starts {min(dark)} px from the list's edge"
    top = items.visualItemRect(items.item(0)).translated(items.viewport().geometry().topLeft())
    assert top.top() >= 6, f"the first line starts {top.top()} px below the list's edge"
