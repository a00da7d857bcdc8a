"""The typed settings service: Preferences read in one go, checked whole, written at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from chatplanner.domain.enums import ContactKind
from chatplanner.services.settings import (
    FOLLOW_UP_KEY,
    MOVE_ON_KEY,
    Preferences,
    SettingsError,
    cadence_key,
)
from chatplanner.services.workspace import Workspace


def test_a_new_profile_shows_the_shipped_preferences(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        shown = workspace.settings.preferences()
    assert (shown.follow_up_after_days, shown.move_on_after_days) == (7, 14)
    assert shown.cadence_days[ContactKind.MENTOR] == 60
    assert shown.time_zone is None
    assert shown.archive_directory is None


def test_saved_preferences_read_back_and_apply_the_time_zone(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        chosen = replace(
            workspace.settings.preferences(),
            name="Amara Okafor",
            time_zone="Asia/Kolkata",
            follow_up_after_days=5,
            move_on_after_days=9,
            cadence_days={kind: 30 for kind in ContactKind},
            sync_every_minutes=15,
        )
        workspace.settings.save_preferences(chosen)
        assert workspace.settings.preferences() == chosen
        assert workspace.context.zone().key == "Asia/Kolkata"
        assert workspace.settings.get(cadence_key(ContactKind.PEER)) == 30


def test_an_impossible_patience_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        before = workspace.settings.all()
        impossible = replace(
            Preferences(), name="Someone", follow_up_after_days=10, move_on_after_days=10
        )
        with pytest.raises(SettingsError, match="Moving on must come after"):
            workspace.settings.save_preferences(impossible)
        assert workspace.settings.all() == before
        assert workspace.settings.get(FOLLOW_UP_KEY) == 7
        assert workspace.settings.get(MOVE_ON_KEY) == 14


def test_many_settings_are_written_in_one_transaction(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        with pytest.raises(TypeError):  # the second value cannot be stored as JSON
            workspace.settings.set_many({"user.name": "Ana", "user.goal": object()})
        assert workspace.settings.get("user.name") == ""
