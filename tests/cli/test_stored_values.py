"""A stored text that is no member of its enum (a hand-edited or damaged file, a crafted backup,
a newer version's profile) never crashes a command that reads it: each reads it as a safe
member and still names the person or the chat."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace

UNKNOWN = "from-a-newer-version"

# Every column that stores an enum's value.
ENUM_COLUMNS = (
    ("contacts", "kind"),
    ("contacts", "goal"),
    ("contacts", "online_activity"),
    ("contacts", "stage"),
    ("meetings", "mode"),
    ("meetings", "status"),
    ("meetings", "travel_mode"),
    ("outreach", "kind"),
    ("outreach", "channel"),
    ("outreach", "goal"),
    ("stage_events", "stage"),
    ("checklist_items", "phase"),
    ("follow_ups", "owner"),
    ("groups", "kind"),
    ("venues", "kind"),
)

# Each read command, and a name its output must still hold (the demo's people and chats:
# chat 1 with Zoë Tremblay, 10 with Fatemeh Rahimi, 11 with Olúwadámilọ́lá Adébáyọ̀).
READ_COMMANDS = (
    (("contacts",), "Fatemeh Rahimi"),
    (("contacts", "--json"), "Fatemeh"),
    (("contacts", "--json", "--all"), "Fatemeh"),
    (("contacts", "--search", "Rahimi"), "Fatemeh Rahimi"),
    (("today",), "Fatemeh Rahimi"),
    (("today", "--json"), "Fatemeh"),
    (("venues", "--contact", "24"), "Fatemeh"),
    (("venues", "--contact", "24", "--json"), "Fatemeh"),
    (("ics", "10", "-"), "Fatemeh"),
    (("ics", "11", "-"), "Olúwadámilọ́lá"),
    (("ics", "1", "-"), "Zoë"),
    (("draft", "1"), "Zoë"),
    (("draft", "1", "--new"), "Zoë"),
    (("brief", "10"), "Fatemeh Rahimi"),
    (("brief", "11"), "Olúwadámilọ́lá"),
    (("brief", "1"), "Zoë Tremblay"),
    (("search", "Rahimi"), "Fatemeh"),
    (("search", "--json", "Rahimi"), "Fatemeh"),
    (("advice",), "Zoë Tremblay"),
    (("advice", "--json"), "Zoë"),
)


def write_unknown_values(profile: Path) -> None:
    """Every enum column of every row holds a text no member has."""
    with sqlite3.connect(profile / "chatplanner.sqlite3") as database:
        for table, column in ENUM_COLUMNS:
            database.execute(f"UPDATE {table} SET {column} = ?", (UNKNOWN,))
    database.close()


@pytest.mark.parametrize("plain", [True, False], ids=["plain reader", "open database"])
@pytest.mark.parametrize(
    ("words", "name"),
    [pytest.param(*command, id=" ".join(command[0])) for command in READ_COMMANDS],
)
def test_a_read_command_reads_an_unknown_stored_value(
    demo_profile: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    words: tuple[str, ...],
    name: str,
    plain: bool,
) -> None:
    write_unknown_values(demo_profile)
    if not plain:
        monkeypatch.setattr(Workspace, "open_plain_reader", lambda _self: False)
    assert main(["--data-dir", str(demo_profile), *words]) == 0
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    assert name in printed.out
    assert UNKNOWN not in printed.out


@pytest.mark.parametrize(
    ("words", "written"),
    [(("archive", "{out}"), "*.md"), (("export", "vcard", "{out}/people.vcf"), "*.vcf")],
    ids=["archive", "export vcard"],
)
def test_files_are_written_with_unknown_stored_values(
    demo_profile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    words: tuple[str, ...],
    written: str,
) -> None:
    write_unknown_values(demo_profile)
    out = tmp_path / "out"
    out.mkdir()
    argv = ["--data-dir", str(demo_profile), *(word.format(out=out) for word in words)]
    assert main(argv) == 0
    assert "Traceback" not in capsys.readouterr().err
    text = "".join(path.read_text(encoding="utf-8") for path in out.rglob(written))
    assert "Tremblay" in text
    assert UNKNOWN not in text


def test_a_backup_refuses_an_unknown_value_in_words(
    demo_profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup is one a restore accepts: it names the row instead of writing one it would
    refuse."""
    write_unknown_values(demo_profile)
    argv = ["--data-dir", str(demo_profile), "backup", str(tmp_path / "backup.json")]
    assert main(argv) == 2
    said = capsys.readouterr().err
    assert "Traceback" not in said
    assert f"it is '{UNKNOWN}'" in said
