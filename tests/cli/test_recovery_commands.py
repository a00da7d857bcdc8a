"""A damaged database on the command line: the hint, then `chatplanner recover`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _damaged_profile_with_a_backup(directory: Path) -> None:
    with Workspace.open(directory, clock=lambda: START) as workspace:
        workspace.settings.set("user.name", "Recovered")
    Workspace.open(directory, clock=lambda: START + timedelta(days=1)).close()
    db_path = directory / "chatplanner.sqlite3"
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))


def test_recover_lists_then_restores_a_named_backup_of_no_contacts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "p"
    _damaged_profile_with_a_backup(directory)
    assert main(["recover", "--list", "--data-dir", str(directory)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["name"] for b in listed] == [
        "auto-20260303-093000.sqlite3",
        "auto-20260302-093000.sqlite3",
    ]
    # They hold no contact and no chat: put back only when named, never in place of a file
    # that may hold the user's work.
    damaged = (directory / "chatplanner.sqlite3").read_bytes()
    assert main(["recover", "--yes", "--data-dir", str(directory)]) == 2
    err = capsys.readouterr().err
    assert "No automatic backup holds any contacts or chats" in err
    assert "recover --backup auto-20260303-093000.sqlite3" in err
    assert (directory / "chatplanner.sqlite3").read_bytes() == damaged
    assert not list((directory / "backups").glob("replaced-*"))
    named = ["recover", "--yes", "--backup", listed[0]["name"], "--data-dir", str(directory)]
    assert main(named) == 0
    out = capsys.readouterr().out
    assert "Restored the automatic backup" in out
    assert "replaced-" in out
    with Workspace.open(directory) as workspace:
        assert workspace.settings.get("user.name") == "Recovered"


def test_recover_of_an_unknown_backup_name_says_how_to_list_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace.open(tmp_path / "p").close()
    assert main(["recover", "--backup", "nope", "--data-dir", str(tmp_path / "p")]) == 2
    assert "recover --list" in capsys.readouterr().err


def _backups_empty_then_full(directory: Path, now: datetime) -> None:
    """Two days ago a backup with a contact and a chat; an hour ago one taken of an empty
    database (the database was replaced by an empty one since)."""
    from chatplanner.domain.contacts import ContactDraft
    from chatplanner.domain.enums import MeetingMode
    from chatplanner.profile import Profile
    from chatplanner.services.auto_backup import take_automatic_backup

    with Workspace.open(directory, clock=lambda: now - timedelta(days=2)) as workspace:
        contact = workspace.people.contact_edits.create(
            ContactDraft(first_name="Zoë", last_name="Tremblay")
        )
        workspace.planning.scheduling.plan_chat(
            contact.id, MeetingMode.ONLINE, now - timedelta(days=1)
        )
    # (Opening took one at once, before anything was entered: the case this is about.)
    take_automatic_backup(Profile(directory), now - timedelta(days=2) + timedelta(minutes=5))
    empty = directory.parent / "empty"
    Workspace.open(empty).close()
    take_automatic_backup(Profile(empty), now - timedelta(hours=1))
    for backup in (empty / "backups").glob("auto-*"):
        backup.rename(directory / "backups" / backup.name)
    (directory / "chatplanner.sqlite3").write_bytes(b"damaged" * 1000)


@pytest.mark.parametrize(
    ("backups", "said"),
    [
        # Backups of contacts and chats: the newest of them is offered.
        ("of contacts", ["chatplanner recover --data-dir", "1 contact and 1 chat", "kept aside"]),
        # Backups that hold no contact and no chat: not offered as a recovery.
        ("empty", ["restoring one would leave an empty profile", "chatplanner restore FILE.json"]),
    ],
)
def test_a_damaged_database_says_what_its_backups_can_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], backups: str, said: list[str]
) -> None:
    directory = tmp_path / "p"
    if backups == "empty":
        _damaged_profile_with_a_backup(directory)
    else:
        _backups_empty_then_full(directory, datetime.now(UTC))
    assert main(["contacts", "--data-dir", str(directory)]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err
    for words in said:
        assert words in err


def test_recover_prefers_the_newest_backup_with_data_and_says_what_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "p"
    _backups_empty_then_full(directory, datetime.now(UTC))
    assert main(["recover", "--list", "--data-dir", str(directory)]) == 0
    listed = json.loads(capsys.readouterr().out)
    held = [(b["contacts"], b["chats"]) for b in listed]
    assert held[0] == (0, 0)
    assert (1, 1) in held

    assert main(["recover", "--yes", "--data-dir", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "1 contact and 1 chat" in out
    with Workspace.open(directory) as workspace:
        assert workspace.overview.overview().contacts == 1


def test_recover_asks_before_putting_back_a_backup_older_than_a_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "p"
    _backups_empty_then_full(directory, datetime.now(UTC))
    damaged = (directory / "chatplanner.sqlite3").read_bytes()

    # No one to ask (a script): refused, nothing changed, the way round said.
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["recover", "--data-dir", str(directory)]) == 2
    err = capsys.readouterr().err
    assert "1 day ago" in err
    assert "1 contact and 1 chat" in err
    assert "--yes" in err
    assert (directory / "chatplanner.sqlite3").read_bytes() == damaged

    # Someone at a terminal says no, then yes.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    assert main(["recover", "--data-dir", str(directory)]) == 2
    assert (directory / "chatplanner.sqlite3").read_bytes() == damaged
    monkeypatch.setattr("builtins.input", lambda _prompt: "y")
    assert main(["recover", "--data-dir", str(directory)]) == 0
    assert "1 contact and 1 chat" in capsys.readouterr().out
