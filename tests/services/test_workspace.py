from __future__ import annotations

from pathlib import Path

import pytest

from chatplanner.errors import ProfileLockedError
from chatplanner.services.workspace import Workspace


def test_opening_creates_an_empty_private_profile(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        assert workspace.writable
        assert workspace.overview.overview().is_empty
    assert (tmp_path / "p" / "chatplanner.sqlite3").stat().st_mode & 0o777 == 0o600


def test_a_second_writer_is_refused_while_the_first_holds_the_profile(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p"), pytest.raises(ProfileLockedError):
        Workspace.open(tmp_path / "p")


def test_a_reader_may_read_alongside_the_owner(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as owner:
        owner.settings.set("user.name", "Amara")
        with Workspace.open(tmp_path / "p", for_writing=False) as reader:
            assert not reader.writable
            assert reader.settings.get("user.name") == "Amara"


def test_settings_round_trip_json_values(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.settings.set("user.base", {"city": "Montréal", "latitude": 45.5})
        assert workspace.settings.get("user.base") == {"city": "Montréal", "latitude": 45.5}
        assert workspace.settings.get("missing", 7) == 7
