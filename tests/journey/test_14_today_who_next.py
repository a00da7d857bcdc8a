"""Today's "Who to reach next": the people it suggests are read again after every change, so
nobody written to, planned with or moved on from is still offered as "not contacted yet"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from chatplanner.domain.enums import Stage
from tests.journey.conftest import App
from tests.journey.story import sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.test_11_what_a_new_user_found import _pick_from_menu_bar
from tests.journey.user import WAIT_MS, User

SUGGESTED = "People you could write to, best first:"


def _who_next(user: User) -> QWidget:
    """The "Who to reach next" card on Today."""
    user.wait_to_see(SUGGESTED)
    title = next(label for label in user.all_visible(QLabel) if label.text() == SUGGESTED)
    card = title.parentWidget()
    assert card is not None
    return card


def _offered(user: User) -> str:
    return " | ".join(user.texts(_who_next(user)))


def test_who_to_reach_next_drops_whoever_is_contacted_and_undo_brings_them_back(
    app: App,
) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    workspace.settings.set("user.name", "Sam Rivera")
    user = app.user
    user.click_button("Suggest someone to write to")
    before = _offered(user)
    for name in ("Jessica Tran", "Omar Haddad", "Mei Chen"):
        assert name in before

    # A first message to Jessica, from the card itself.
    def write(dialog: QWidget) -> None:
        body = user.named("Message", QPlainTextEdit, dialog)
        user.type_into(body, "Hello, would you have 20 minutes for a coffee chat?", replace=True)
        user.click_button("Log as sent", dialog)

    with user.in_next_dialog(write):
        user.click(user.button_beside("Write first message", "Jessica Tran"))
    assert workspace.people.contacts.get(ids["Jessica"]).stage is Stage.MESSAGED
    user.qtbot.waitUntil(lambda: "Jessica Tran" not in _offered(user), timeout=WAIT_MS)
    assert "Omar Haddad" in _offered(user)

    # Edit › Undo takes the message back: Jessica is someone to write to again.
    _pick_from_menu_bar(app, "Edit", "Undo Log message to Jessica Tran")
    assert not workspace.pipeline.outreach.messages(ids["Jessica"])
    user.qtbot.waitUntil(lambda: "Jessica Tran" in _offered(user), timeout=WAIT_MS)

    # A message to Omar logged on People: back on Today, he is no longer offered.
    _select(app, "Omar")
    with user.in_next_dialog(write):
        user.click_button("Write message…")
    assert workspace.people.contacts.get(ids["Omar"]).stage is Stage.MESSAGED
    user.go_to("Today")
    user.qtbot.waitUntil(lambda: "Omar Haddad" not in _offered(user), timeout=WAIT_MS)

    # A chat planned with Mei: she is under Upcoming chats, and not among people to write to.
    def plan(dialog: QWidget) -> None:
        user.click_button("Online call", dialog)
        user.type_into(user.labelled("Call link", dialog), "https://meet.example.org/mei")
        user.click_button("Plan Chat", dialog)

    _select(app, "Mei")
    with user.in_next_dialog(plan):
        user.click_button("Plan a chat…")
    assert workspace.people.contacts.get(ids["Mei"]).stage is Stage.CHAT_PLANNED
    user.go_to("Today")
    user.wait_to_see("Upcoming chats")
    user.qtbot.waitUntil(lambda: "Mei Chen" not in _offered(user), timeout=WAIT_MS)
    offered = _offered(user)
    assert "Jessica Tran" in offered
    assert "not contacted yet" in offered


def test_undoing_a_message_logged_on_people_puts_their_row_back(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    workspace.settings.set("user.name", "Sam Rivera")
    user = app.user
    _select(app, "Omar")

    def write(dialog: QWidget) -> None:
        body = user.named("Message", QPlainTextEdit, dialog)
        user.type_into(body, "Hello, would you have 20 minutes for a coffee chat?", replace=True)
        user.click_button("Log as sent", dialog)

    with user.in_next_dialog(write):
        user.click_button("Write message…")
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: "Messaged" in user.rows(people, 5), timeout=WAIT_MS)

    _pick_from_menu_bar(app, "Edit", "Undo Log message to Omar Haddad")
    assert not workspace.pipeline.outreach.messages(ids["Omar"])
    assert workspace.people.contacts.get(ids["Omar"]).stage is Stage.NOT_CONTACTED
    user.qtbot.waitUntil(lambda: "Messaged" not in user.rows(people, 5), timeout=WAIT_MS)
