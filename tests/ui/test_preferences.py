from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.preferences import PreferencesDialog


def test_preferences_show_defaults_and_save_on_ok(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        dialog = PreferencesDialog(workspace.settings)
        qtbot.addWidget(dialog)
        assert dialog.follow_up.value() == 7
        assert dialog.move_on.value() == 14
        dialog.name.setText("  Amara Okafor ")
        dialog.in_person_km.setValue(30)
        dialog.accept()
        assert workspace.settings.get("user.name") == "Amara Okafor"
        assert workspace.settings.get("places.in_person_km") == 30


def test_cancel_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        dialog = PreferencesDialog(workspace.settings)
        qtbot.addWidget(dialog)
        dialog.name.setText("Someone")
        dialog.reject()
        assert workspace.settings.get("user.name") == ""


def test_moving_on_never_comes_before_the_follow_up(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        dialog = PreferencesDialog(workspace.settings)
        qtbot.addWidget(dialog)
        dialog.follow_up.setValue(10)
        dialog.move_on.setValue(5)
        assert dialog.values()["pipeline.move_on_after_days"] == 11


def test_an_address_the_contact_editor_would_refuse_is_not_saved_as_yours(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        dialog = PreferencesDialog(workspace.settings)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.email, "me @example.com")
        dialog.accept()
        assert dialog.isVisible()
        assert dialog.email_error.isVisible()
        assert "is not an email address" in dialog.email_error.text()
        assert workspace.settings.get("user.email") == ""
        dialog.email.clear()
        qtbot.keyClicks(dialog.email, "me@example.com")
        dialog.accept()
        assert workspace.settings.get("user.email") == "me@example.com"


def test_the_users_time_zone_is_chosen_here_and_the_computers_is_the_default(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Workspace.open(tmp_path / "p", system_zone=lambda: "Europe/Paris") as workspace:
        dialog = PreferencesDialog(workspace.settings)
        qtbot.addWidget(dialog)
        assert dialog.time_zone.currentText() == "The computer's (Europe/Paris)"
        dialog.time_zone.setFocus()
        # Typing a name picks it, as in any list.
        qtbot.keyClicks(dialog.time_zone, "Asia/Kolkata")
        assert dialog.time_zone.currentData() == "Asia/Kolkata"
        dialog.accept()
        assert workspace.settings.get("user.timezone") == "Asia/Kolkata"
        assert workspace.context.zone().key == "Asia/Kolkata"

        again = PreferencesDialog(workspace.settings)
        qtbot.addWidget(again)
        assert again.time_zone.currentData() == "Asia/Kolkata"
        again.time_zone.setCurrentIndex(0)
        again.accept()
        assert workspace.settings.get("user.timezone") is None
        assert workspace.context.zone().key == "Europe/Paris"
