from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from chatplanner import version
from chatplanner.cli.main import (
    COMMAND_MODULES,
    build_parser,
    gui_arguments,
    main,
    named_command,
)
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert version() in capsys.readouterr().out


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "backup" in out
    assert "restore" in out
    assert "--data-dir" in out


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert len(commands.choices) >= 10
    assert all(name in out for name in commands.choices)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(
        action.choices
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )


def test_each_command_is_listed_beside_the_module_that_adds_it() -> None:
    listed = [name for names in COMMAND_MODULES.values() for name in names]
    assert sorted(listed) == sorted(_commands(build_parser()))
    for names in COMMAND_MODULES.values():
        for name in names:
            assert sorted(_commands(build_parser(name))) == sorted(names)


@pytest.mark.parametrize("command", [n for names in COMMAND_MODULES.values() for n in names])
def test_a_command_parser_built_alone_reads_and_helps_as_among_all(command: str) -> None:
    alone, among_all = _commands(build_parser(command))[command], _commands(build_parser())[command]
    assert alone.format_help() == among_all.format_help()
    assert alone.prog == among_all.prog


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["contacts", "--search", "today"], "contacts"),
        (["--data-dir", "today", "search", "x"], "search"),
        (["--demo", "--view", "people", "brief", "1"], "brief"),
        (["export", "vcard", "f.vcf"], "export"),
        ([], None),
        (["--help"], None),
        (["-h", "contacts"], None),
        (["bogus"], None),
        (["--view", "nowhere", "today"], None),
    ],
)
def test_the_command_named_is_the_first_word_after_the_gui_options(
    argv: list[str], command: str | None
) -> None:
    assert named_command(argv) == command


def test_a_command_mistake_reads_as_with_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["contacts", "--bogus"], ["draft"], ["contacts", "--archived", "--all"]):
        with pytest.raises(SystemExit) as alone:
            build_parser(named_command(argv)).parse_args(argv)
        said_alone = capsys.readouterr()
        with pytest.raises(SystemExit) as among_all:
            build_parser().parse_args(argv)
        assert alone.value.code == among_all.value.code == 2
        assert said_alone == capsys.readouterr()


def test_the_gui_options_alone_are_read_without_the_command_parser() -> None:
    args = gui_arguments(["--data-dir", "somewhere", "--view", "people", "--demo"])
    assert args is not None
    assert (args.command, args.data_dir, args.view, args.demo) == (
        None,
        "somewhere",
        "people",
        True,
    )
    assert gui_arguments([]) is not None


@pytest.mark.parametrize(
    "argv",
    [
        ["backup", "a.json"],
        ["--data-dir", "d", "today"],
        ["--help"],
        ["-h"],
        ["--view", "nowhere"],
        ["--data-dir"],
        ["--bogus"],
    ],
)
def test_a_command_help_or_mistake_goes_to_the_full_parser(argv: list[str]) -> None:
    assert gui_arguments(argv) is None


def test_a_mistaken_gui_option_is_still_reported_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--view", "nowhere"])
    assert exited.value.code == 2
    assert "invalid choice: 'nowhere'" in capsys.readouterr().err


def test_reading_the_gui_options_imports_no_command_module() -> None:
    script = (
        "import sys\n"
        "from chatplanner.cli.main import gui_arguments\n"
        "gui_arguments(['--view', 'today'])\n"
        "print(sorted(m for m in sys.modules if m.endswith('_commands')))\n"
    )
    root = Path(__file__).resolve().parents[2]
    found = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "[]"


def test_backup_then_restore_then_backup_gives_the_same_document(
    tmp_path: Path, profile_templates: ProfileTemplates
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    profile_templates.copy_to(tmp_path / "source", demo=True)
    assert main(["backup", str(first), "--data-dir", str(tmp_path / "source")]) == 0
    assert main(["--data-dir", str(tmp_path / "copy"), "restore", str(first)]) == 0
    assert main(["backup", str(second), "--data-dir", str(tmp_path / "copy")]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["tables"]["contacts"]


def test_restore_of_a_file_that_is_not_json_fails_with_status_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\xffnot json")
    assert main(["restore", str(junk), "--data-dir", str(tmp_path / "p")]) == 2
    assert "chatplanner:" in capsys.readouterr().err
    with Workspace.open(tmp_path / "p") as workspace:
        assert workspace.overview.overview().is_empty


def test_a_writing_command_while_the_profile_is_in_use_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], profile_templates: ProfileTemplates
) -> None:
    backup = tmp_path / "a.json"
    profile_templates.copy_to(tmp_path / "source", demo=True)
    assert main(["backup", str(backup), "--data-dir", str(tmp_path / "source")]) == 0
    with Workspace.open(tmp_path / "busy"):
        assert main(["restore", str(backup), "--data-dir", str(tmp_path / "busy")]) == 2
    assert "already running" in capsys.readouterr().err


def test_demo_before_a_command_fills_a_new_data_dir_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "new"
    assert main(["--data-dir", str(profile), "--demo", "archive"]) == 0
    out, err = capsys.readouterr()
    assert f"filled {profile} with sample data" in err
    written = int(out.split(": ")[1].split(" written")[0])
    assert written > 0
    with Workspace.open(profile, for_writing=False) as workspace:
        people = workspace.people.contacts.count()
    assert people > 0
    # A profile that exists is left as it is, as the window leaves it.
    assert main(["--demo", "archive", "--data-dir", str(profile)]) == 0
    out, err = capsys.readouterr()
    assert "filled" not in err
    assert "0 written" in out
    with Workspace.open(profile, for_writing=False) as workspace:
        assert workspace.people.contacts.count() == people


def test_demo_before_a_command_without_a_data_dir_uses_a_temporary_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["--demo", "contacts"]) == 0
    out, err = capsys.readouterr()
    assert "with sample data" in err
    assert len(out.splitlines()) > 10
    assert not list(tmp_path.iterdir())  # removed when the command ended


def test_help_says_what_demo_does_before_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "before a command" in " ".join(capsys.readouterr().out.split())


def test_a_command_runs_with_the_collector_the_entry_point_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The entry point pauses the cyclic collector for the start's imports (the window keeps
    the pause until it is open); a command gets it back before it runs."""
    import gc

    from chatplanner import __main__ as entry
    from chatplanner.cli import main as cli_main
    from chatplanner.collection import end_start_up_pause

    Workspace.open(tmp_path / "p").close()
    seen: list[bool] = []
    collect_less_often = cli_main._collect_less_often

    def noting() -> tuple[int, ...]:
        seen.append(gc.isenabled())
        return collect_less_often()

    monkeypatch.setattr(cli_main, "_collect_less_often", noting)
    monkeypatch.setattr(sys, "argv", ["chatplanner", "--data-dir", str(tmp_path / "p"), "today"])
    # As it was before (off where a window's tasks collect on the GUI thread, in this process).
    before = gc.isenabled()
    try:
        assert entry.main() == 0
    finally:
        end_start_up_pause()  # whatever happened, the other tests collect
    assert seen == [before]
    assert gc.isenabled() is before
    capsys.readouterr()
