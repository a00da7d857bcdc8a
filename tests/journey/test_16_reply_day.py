"""They replied: the user gives the day the reply came (today unless they say otherwise), never
before their message nor a day still ahead; Insights counts the wait to that day."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QAbstractSpinBox, QWidget

from chatplanner.domain.enums import Stage
from chatplanner.domain.moments import short_date_year
from tests.journey.conftest import App
from tests.journey.story import messaged, sorted_out
from tests.journey.user import WAIT_MS


def test_a_reply_is_logged_on_the_day_the_user_gives(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    messaged(workspace, ids["Jessica"], days_ago=20)
    context = workspace.context
    zone = context.zone()
    today = context.now().astimezone(zone).date()
    sent_on = today - timedelta(days=20)
    replied_on = today - timedelta(days=5)
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Time to move on")
    seen: dict[str, str] = {}

    def answer(dialog: QWidget) -> None:
        day = user.named("Replied on", QAbstractSpinBox, within=dialog)
        seen["default"] = day.lineEdit().text()
        seen["asked"] = " ".join(user.texts(dialog))
        # A day before the message: said, and the dialog stays open.
        user.type_into(day, short_date_year(sent_on - timedelta(days=1)), replace=True)
        user.click_button("Record Reply", dialog)
        user.wait_to_see("their reply came that day or later", dialog)
        assert not workspace.pipeline.outreach.messages(ids["Jessica"])[0].got_reply
        # A day still ahead: said too.
        user.type_into(day, short_date_year(today + timedelta(days=1)), replace=True)
        user.click_button("Record Reply", dialog)
        user.wait_to_see("is still ahead", dialog)
        # The real day.
        user.type_into(day, short_date_year(replied_on), replace=True)
        user.click_button("Record Reply", dialog)

    with user.in_next_dialog(answer):
        user.click(user.button_beside("They replied", "Jessica Tran"))

    assert seen["default"] == short_date_year(today)
    assert "When did Jessica Tran reply?" in seen["asked"]
    [message] = workspace.pipeline.outreach.messages(ids["Jessica"])
    assert message.replied_at is not None
    assert message.replied_at.astimezone(zone).date() == replied_on
    assert workspace.people.contacts.get(ids["Jessica"]).stage is Stage.REPLIED
    assert "replied" in user.status_text()
    user.qtbot.waitUntil(lambda: not user.sees("Jessica Tran"), timeout=WAIT_MS)

    # Insights: the wait is counted to the day given, not to today.
    median = workspace.pipeline.insights.insights().summary.median_days_to_reply
    assert median is not None
    assert 14 <= median <= 16
    user.go_to("Insights")
    user.wait_to_see(f"{median:.1f}".removesuffix(".0"))


def test_a_reply_today_is_the_default_and_cancel_logs_nothing(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    messaged(workspace, ids["Omar"], days_ago=9)
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Follow-ups due")

    with user.in_next_dialog(lambda dialog: user.click_button("Cancel", dialog)):
        user.click(user.button_beside("They replied", "Omar Haddad"))
    assert not workspace.pipeline.outreach.messages(ids["Omar"])[0].got_reply

    with user.in_next_dialog(lambda dialog: user.click_button("Record Reply", dialog)):
        user.click(user.button_beside("They replied", "Omar Haddad"))
    [message] = workspace.pipeline.outreach.messages(ids["Omar"])
    assert message.replied_at is not None
    now = workspace.context.now()
    assert now - timedelta(minutes=5) <= message.replied_at <= now
