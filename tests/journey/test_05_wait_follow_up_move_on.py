"""Wait; follow up once when no reply comes; move on without guilt and pick the next person."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from chatplanner.domain.enums import OutreachKind, Stage
from tests.journey.conftest import App
from tests.journey.story import messaged, sorted_out


def test_today_offers_a_follow_up_then_moving_on_and_the_next_people(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    messaged(app.workspace, ids["Omar"], days_ago=8)  # past the 7 days before a follow-up
    messaged(app.workspace, ids["Lucas"], days_ago=20)  # past the 14 days before moving on
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Omar")

    def follow_up(dialog: QWidget) -> None:
        assert user.sees("To Omar Haddad", dialog)
        # Everything the follow-up template asks for is on record: nothing left to fill.
        assert not user.sees("Not on record", dialog)
        user.click_button("Log as sent", dialog)

    with user.in_next_dialog(follow_up):
        user.click(user.button_beside("Write follow-up", "Omar"))
    kinds = [m.kind for m in app.workspace.pipeline.outreach.messages(ids["Omar"])]
    assert kinds == [OutreachKind.FIRST_MESSAGE, OutreachKind.FOLLOW_UP]

    user.click(user.button_beside("Mark as moved on", "Lucas"))
    user.wait_to_see("You moved on from")
    assert app.workspace.people.contacts.get(ids["Lucas"]).stage is Stage.MOVED_ON
    # The next people worth writing to are offered right there.
    next_up: list[str] = []

    def first_message(dialog: QWidget) -> None:
        next_up.extend(t for t in user.texts(dialog) if t.startswith("To "))
        user.click_button("Close", dialog)

    with user.in_next_dialog(first_message):
        user.click(user.button_beside("Write first message", "moved on from"))
    assert next_up
    assert "Lucas" not in next_up[0]
