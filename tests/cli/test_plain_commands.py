"""Commands that only read an up-to-date profile read it with the sqlite3 module alone: they
never load SQLAlchemy, and print what they print once the database is open."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace
from tests.cli.fresh_process import last_json_line

PLAIN_COMMANDS = (
    ("contacts",),
    ("contacts", "--search", "x"),
    ("contacts", "--search", "an"),
    ("contacts", "--archived"),
    ("contacts", "--all", "--search", "a"),
    ("contacts", "--json"),
    ("contacts", "--json", "--all"),
    ("contacts", "--json", "--archived"),
    ("contacts", "--json", "--search", "an"),
    ("search", "coffee"),
    ("search", "--json", "a"),
    ("today",),
    ("today", "--json"),
    ("venues", "--contact", "1", "--json"),
    ("venues", "--contact", "2"),
    ("venues",),
    # A chat's paper trail: a thank-you sent and one saved unsent, a fresh draft from the notes,
    # in person and online (the brief and invite of a chat still ahead too).
    ("draft", "1"),
    ("draft", "9"),
    ("draft", "3", "--new"),
    ("brief", "2"),
    ("brief", "10"),
    ("brief", "11"),
    ("advice",),
    ("advice", "--json"),
    ("ics", "4", "-"),
    ("ics", "10", "-"),
    ("ics", "12", "-"),
)
# Chats no profile holds: the same words and exit status either way.
UNKNOWN_CHAT_COMMANDS = (
    ("draft", "999"),
    ("draft", "999", "--new"),
    ("brief", "999"),
    ("ics", "999", "-"),
)

SCRIPT = """
import contextlib, io, json, sys
from chatplanner.cli.main import main

for words in json.loads(sys.argv[1]):
    # Text and bytes (an invite is written to the buffer under it).
    with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())):
        status = main(words)
    if status != 0:
        raise SystemExit(f"{words}: exit status {status}")
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "sqlalchemy")))
"""


def test_reading_commands_load_no_sqlalchemy(demo_profile: Path, tmp_path: Path) -> None:
    commands = [["--data-dir", str(demo_profile), *words] for words in PLAIN_COMMANDS]
    assert last_json_line(SCRIPT, [json.dumps(commands)], tmp_path) == []


def _printed(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.fixture(autouse=True)
def _one_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both readings run at one moment, and an invite's calendar has one id: an invite is
    stamped with the moment it is made."""
    now = datetime.now(UTC)
    opened = Workspace.open.__func__  # type: ignore[attr-defined]

    def at_one_moment(cls: type[Workspace], /, directory: Path, **options: Any) -> Workspace:
        options.setdefault("clock", lambda: now)
        return opened(cls, directory, **options)  # type: ignore[no-any-return]

    monkeypatch.setattr(Workspace, "open", classmethod(at_one_moment))
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=1))


@pytest.mark.parametrize("words", UNKNOWN_CHAT_COMMANDS, ids=" ".join)
def test_an_unknown_chat_is_said_as_the_open_database_says_it(
    demo_profile: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    words: tuple[str, ...],
) -> None:
    argv = ["--data-dir", str(demo_profile), *words]
    plainly = main(argv), capsys.readouterr()
    assert plainly[0] == 2
    assert "There is no meeting number 999" in plainly[1].err
    monkeypatch.setattr(Workspace, "open_plain_reader", lambda _self: False)
    assert (main(argv), capsys.readouterr()) == plainly


@pytest.mark.parametrize("words", [*UNKNOWN_CHAT_COMMANDS, ("advice",)], ids=" ".join)
def test_a_damaged_profile_is_said_to_be_damaged(
    demo_profile: Path, capsys: pytest.CaptureFixture[str], words: tuple[str, ...]
) -> None:
    database = demo_profile / "chatplanner.sqlite3"
    with database.open("r+b") as file:
        file.write(b"not a database" * 8)
    assert main(["--data-dir", str(demo_profile), *words]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "is damaged" in captured.err


@pytest.mark.parametrize("unkeyed", [False, True], ids=["keyed", "a name key missing"])
@pytest.mark.parametrize("words", PLAIN_COMMANDS, ids=" ".join)
def test_plain_reads_print_what_the_open_database_prints(
    demo_profile: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    words: tuple[str, ...],
    unkeyed: bool,
) -> None:
    with sqlite3.connect(demo_profile / "chatplanner.sqlite3") as database:
        # Archived people, and (as another tool may leave them) rows without a name key.
        database.execute("UPDATE contacts SET archived = 1 WHERE id % 4 = 0")
        # A zone chosen in Preferences, far from the computer's, and chats without their own:
        # a chat's day is the chosen zone's.
        database.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('user.timezone', ?)",
            (json.dumps("Pacific/Kiritimati"),),
        )
        database.execute("UPDATE meetings SET timezone = NULL WHERE id % 2 = 0")
        # Groups whose names are not in the order of their ids, and a date and moments set.
        database.execute("UPDATE groups SET name = 'Zz ' || name WHERE id % 2 = 1")
        database.execute(
            "UPDATE contacts SET connected_on = '2024-02-29', snoozed_until = '2031-01-05',"
            " stage_changed_at = '2025-06-01 08:30:00.000000' WHERE id % 2 = 0"
        )
        if unkeyed:
            database.execute("UPDATE contacts SET name_key = NULL WHERE id % 3 = 0")
    argv = ["--data-dir", str(demo_profile), *words]
    plainly = _printed(argv, capsys)
    assert plainly.strip() or "x" in words
    monkeypatch.setattr(Workspace, "open_plain_reader", lambda _self: False)
    assert _printed(argv, capsys) == plainly
