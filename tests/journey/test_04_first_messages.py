"""Write a first message: to one person, then to several at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QPlainTextEdit, QWidget

from chatplanner.domain.enums import Goal, OutreachKind, Stage
from tests.journey.conftest import App
from tests.journey.story import sorted_out, stored_bodies


def _select(app: App, *names: str) -> None:
    user = app.user
    user.go_to("People")
    people = user.table("Stage")
    user.click_row(people, names[0])
    for name in names[1:]:
        user.click_row(people, name, Qt.KeyboardModifier.ControlModifier)


def test_a_first_message_to_one_person_is_filled_in_and_logged(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    user = app.user
    _select(app, "Jessica")
    seen: dict[str, str] = {}

    def write(dialog: QWidget) -> None:
        body = user.named("Message", QPlainTextEdit, dialog)
        # The composer starts from a template Jessica's record fills; the user picks the one
        # about her path, which needs what is not on record.
        user.choose(user.named("Template", QComboBox, dialog), "First message")
        seen["body"] = body.toPlainText()
        seen["to"] = " ".join(user.texts(dialog))
        # Nothing on record says where Jessica worked before: the message says so, and
        # logging it as it stands asks first.
        seen["gaps"] = " ".join(user.texts(dialog))
        user.then_answer("Go back and fill them in")
        user.click_button("Log as sent", dialog)
        # The user writes the message in their own words, with a placeholder typed by hand.
        user.type_into(
            body,
            "Hi {first_name}, your move into project management at {company} is the path "
            "I hope to follow. Would you have 20 minutes for a coffee chat?\n\nSam",
            replace=True,
        )
        seen["body"] = body.toPlainText()
        user.click_button("Log as sent", dialog)

    with user.in_next_dialog(write):
        user.click_button("Write message…")

    assert "{previous_title}" in seen["gaps"]
    assert "Not on record" in seen["gaps"]
    assert "To Jessica Tran" in seen["to"]
    assert seen["body"].startswith("Hi Jessica, your move into project management at Metrolinx")
    assert stored_bodies(app.workspace, ids["Jessica"]) == [seen["body"]]
    messages = app.workspace.pipeline.outreach.messages(ids["Jessica"])
    assert [(m.kind, m.goal) for m in messages] == [(OutreachKind.FIRST_MESSAGE, Goal.MENTORSHIP)]
    assert app.workspace.people.contacts.get(ids["Jessica"]).stage is Stage.MESSAGED
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: "Messaged" in user.rows(people, 5))


def test_writing_to_several_shows_each_message_with_their_own_facts_and_goal(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.people.contact_edits.set_goal([ids["Omar"]], Goal.JOB_LEAD)
    user = app.user
    _select(app, "Jessica", "Omar", "Mei")
    bodies: dict[str, str] = {}
    warnings: list[str] = []

    def write(dialog: QWidget) -> None:
        people = user.named("People written to", QListWidget, dialog)
        body = user.named("Message", QPlainTextEdit, dialog)
        goal = user.named("Goal", QComboBox, dialog)
        for name in ("Jessica Tran", "Omar Haddad", "Mei Chen"):
            user.click_row(people, name)
            assert user.sees(f"To {name}", dialog)
            bodies[name] = body.toPlainText()
        # Mei's goal is changed here, for Mei alone.
        user.choose(goal, "Professional development")
        # The user has set no name yet: {my_name} is left for them to fill in. They type a
        # placeholder by hand too; the known one is filled in at once.
        body.moveCursor(body.textCursor().MoveOperation.End)
        user.click(body)
        user.qtbot.keyClicks(body, " See you at {group_in_common}!")
        bodies["Mei Chen, edited"] = body.toPlainText()

        def read_warning(box: QWidget) -> None:
            warnings.append(" ".join(user.texts(box)))

        user.then_answer("Go back and fill them in", read_warning)
        user.click_button("Log 3 messages as sent", dialog)
        assert user.sees("To Jessica Tran (1 of 3)", dialog)
        assert not app.workspace.pipeline.outreach.messages(ids["Jessica"])  # nothing logged yet
        user.then_answer("Log anyway")
        user.click_button("Log 3 messages as sent", dialog)

    with user.in_next_dialog(write):
        user.click_button("Write message…")

    assert "Jessica" in bodies["Jessica Tran"]
    assert "Omar" in bodies["Omar Haddad"]
    assert "Mei" in bodies["Mei Chen"]
    assert "Jessica" not in bodies["Mei Chen"]
    assert "See you at PMI Toronto!" in bodies["Mei Chen, edited"]
    assert "{group_in_common}" not in bodies["Mei Chen, edited"]
    assert warnings
    assert "{my_name}" in warnings[0]
    assert "Omar Haddad" in warnings[0]
    goals = {
        name: [m.goal for m in app.workspace.pipeline.outreach.messages(ids[name])]
        for name in ("Jessica", "Omar", "Mei")
    }
    assert goals == {
        "Jessica": [Goal.MENTORSHIP],
        "Omar": [Goal.JOB_LEAD],
        "Mei": [Goal.PROFESSIONAL_DEVELOPMENT],
    }
    assert "See you at PMI Toronto!" in stored_bodies(app.workspace, ids["Mei"])[0]
