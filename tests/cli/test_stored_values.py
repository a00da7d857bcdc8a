"""A stored text that is no member of its enum (a hand-edited or damaged file, a crafted backup,
a newer version's profile) never crashes a command that reads it: each reads it as a safe
member and still names the person or the chat."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace
from tests.unknown_values import UNKNOWN, write_unknown_values

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


@pytest.mark.parametrize("every_other_row", [False, True], ids=["every row", "every other row"])
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
    every_other_row: bool,
) -> None:
    write_unknown_values(demo_profile, every_other_row=every_other_row)
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
