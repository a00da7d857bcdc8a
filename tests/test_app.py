"""The GUI's start on a damaged database: it offers the newest automatic backup."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from chatplanner import app
from chatplanner.services.workspace import Workspace

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _damage(directory: Path) -> bytes:
    with Workspace.open(directory, clock=lambda: START) as workspace:
        workspace.settings.set("user.name", "Back again")
    Workspace.open(directory, clock=lambda: START + timedelta(days=1)).close()
    db_path = directory / "chatplanner.sqlite3"
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    return bytes(data)


def test_accepting_the_offer_restores_and_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = _damage(tmp_path / "p")
    offers: list[str] = []

    def accept(_parent: object, message: str, latest: object, _dir: str) -> bool:
        offers.append(message)
        return latest is not None

    monkeypatch.setattr("chatplanner.ui.restore_backup.offer_recovery", accept)
    workspace = app._open_or_recover(argparse.Namespace(screenshot=None), tmp_path / "p")
    assert workspace is not None
    with workspace:
        assert workspace.settings.get("user.name") == "Back again"
    assert "damaged" in offers[0]
    kept = list((tmp_path / "p" / "backups").glob("replaced-*.sqlite3"))
    assert [k.read_bytes() for k in kept] == [damaged]


def test_declining_leaves_the_damaged_file_as_it_was(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = _damage(tmp_path / "p")
    monkeypatch.setattr("chatplanner.ui.restore_backup.offer_recovery", lambda *_a: False)
    assert app._open_or_recover(argparse.Namespace(screenshot=None), tmp_path / "p") is None
    assert (tmp_path / "p" / "chatplanner.sqlite3").read_bytes() == damaged
