from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from chatplanner.cli.contacts_commands import write_json_array
from chatplanner.cli.main import main
from chatplanner.db.models import Contact
from chatplanner.domain.contacts import ContactDraft
from chatplanner.interop.vcard import parse_vcards, parse_vcards_bytes
from chatplanner.services.workspace import Workspace

FIELDS = {
    "id", "first_name", "last_name", "email", "phone", "company", "title", "city", "kind",
    "goal", "linkedin_url", "connected_on", "groups",
}  # fmt: skip


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    directory = tmp_path / "p"
    with Workspace.open(directory) as workspace:
        group = workspace.people.groups.create("Women in Data")
        workspace.people.contact_edits.create(
            ContactDraft(first_name="Zoë", last_name="<b>Brontë</b>", group_ids=(group.id,))
        )
        workspace.people.contact_edits.create(
            ContactDraft(first_name="Sam", company="Acme", email="s@a.io")
        )
    return directory


def test_contacts_json_has_the_documented_fields_with_nulls_for_empty_values(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contacts", "--json", "--data-dir", str(profile)]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) == 2
    for person in people:
        assert person.keys() >= FIELDS
        assert "" not in person.values()
    zoe = next(p for p in people if p["first_name"] == "Zoë")
    assert zoe["last_name"] == "<b>Brontë</b>"
    assert zoe["groups"] == ["Women in Data"]
    assert zoe["email"] is None
    assert zoe["connected_on"] is None
    assert zoe["goal"] is None
    assert zoe["kind"] == "other"


def test_contacts_search_is_accent_insensitive(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contacts", "--search", "zoe", "--json", "--data-dir", str(profile)]) == 0
    assert [p["first_name"] for p in json.loads(capsys.readouterr().out)] == ["Zoë"]


def test_contacts_without_json_prints_one_line_per_person(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contacts", "--data-dir", str(profile)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert any("Acme" in line for line in lines)


def test_connected_on_is_an_iso_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    with Workspace.open(tmp_path / "p") as workspace:
        workspace.people.contact_edits.create(
            ContactDraft(first_name="A", connected_on=date(2026, 2, 8))
        )
    assert main(["contacts", "--json", "--data-dir", str(tmp_path / "p")]) == 0
    assert json.loads(capsys.readouterr().out)[0]["connected_on"] == "2026-02-08"


def test_export_vcard_writes_every_contact_readable_again(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.vcf"
    assert main(["export", "vcard", str(target), "--data-dir", str(profile)]) == 0
    assert "Wrote 2 contacts" in capsys.readouterr().out
    parsed = parse_vcards(target)
    names = {(r.first_name, r.last_name) for r in parsed.records}
    assert names == {("Zoë", "<b>Brontë</b>"), ("Sam", None)}
    zoe = next(r for r in parsed.records if r.first_name == "Zoë")
    assert zoe.groups == ("Women in Data",)


def test_export_vcard_to_a_dash_writes_the_cards_to_standard_output(
    profile: Path,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "vcard", "-", "--data-dir", str(profile)]) == 0
    written = capsysbinary.readouterr().out
    assert not (tmp_path / "-").exists()  # not a file named "-"
    parsed = parse_vcards_bytes(written)
    assert {r.first_name for r in parsed.records} == {"Zoë", "Sam"}
    assert written.count(b"\r\n") > 10  # vCard's line ends, as in a file


def test_export_into_a_missing_folder_fails_clearly(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "out.vcf"
    assert main(["export", "vcard", str(target), "--data-dir", str(profile)]) == 2
    assert "Could not write" in capsys.readouterr().err


def test_export_without_a_format_says_what_to_type(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--data-dir", str(profile)]) == 2
    assert "export vcard FILE" in capsys.readouterr().err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    directory = tmp_path / "many"
    with Workspace.open(directory) as workspace:
        for number in range(400):  # well over a pipe's buffer of JSON
            workspace.people.contact_edits.create(
                ContactDraft(first_name=f"Person {number}", notes="Met at the PMI chapter. " * 8)
            )
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, "-m", "chatplanner", "--data-dir", str(directory)]
    reader = subprocess.Popen(
        [*command, "contacts", "--json"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    assert reader.stdout.read(10).startswith(b"[")
    reader.stdout.close()  # as `| head` does
    errors = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 141
    assert "Traceback" not in errors


def test_contacts_are_listed_by_name_with_nameless_people_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "order"
    with Workspace.open(directory) as workspace:
        workspace.people.contact_edits.create(ContactDraft(email="nobody@example.org"))
        workspace.people.contact_edits.create(ContactDraft(first_name="Zoë", last_name="Adams"))
        workspace.people.contact_edits.create(ContactDraft(first_name="Ana", last_name="Zola"))
    assert main(["contacts", "--data-dir", str(directory)]) == 0
    names = [line.split("\t")[1] for line in capsys.readouterr().out.splitlines()]
    assert names == ["Ana Zola", "Zoë Adams", "(no name)"]


def test_archived_lists_only_the_archived_and_all_lists_everyone(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(profile) as workspace:
        sam = next(c for c in workspace.people.contacts.list_summaries() if c.first_name == "Sam")
        workspace.people.contact_edits.set_archived([sam.id], True)

    def names(*options: str) -> list[str]:
        assert main(["contacts", "--json", *options, "--data-dir", str(profile)]) == 0
        return sorted(p["first_name"] for p in json.loads(capsys.readouterr().out))

    assert names() == ["Zoë"]
    assert names("--archived") == ["Sam"]
    assert names("--all") == ["Sam", "Zoë"]
    with pytest.raises(SystemExit):
        main(["contacts", "--archived", "--all", "--data-dir", str(profile)])
    capsys.readouterr()


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"id": 1, "groups": []}],
        [
            {"id": 1, "first_name": "Zoë", "groups": ["Women in Data", "a\nb"], "notes": None},
            {"id": 2, "archived": True, "groups": [], "notes": 'line\nnext "quoted"'},
        ],
    ],
)
def test_contacts_json_is_written_a_contact_at_a_time_as_the_whole_list_prints(
    items: list[dict[str, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    write_json_array(iter(items))
    assert capsys.readouterr().out == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("stale_key", [False, True])
def test_contacts_json_lists_everyone_in_the_lists_order_without_a_summary_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stale_key: bool
) -> None:
    directory = tmp_path / "order"
    names = [
        ("Zoë", "Adams"), ("zoe", "adams"), ("Ana", "Zola"), ("", ""), ("Łukasz", ""),
        ("", "王"), ("Émile", "Zola"), ("ana", "zola"), ("Ana", "Zola"), ("", "Ng"),
    ]  # fmt: skip
    with Workspace.open(directory) as workspace:
        ids = [
            workspace.people.contact_edits.create(
                ContactDraft(first_name=first, last_name=last, email=f"p{n}@example.org")
            ).id
            for n, (first, last) in enumerate(names)
        ]
        workspace.people.contact_edits.set_archived([ids[1], ids[5]], True)
        if stale_key:  # a key another tool left out: the list keys that name itself
            with workspace.context.sessions.begin() as session:
                session.execute(update(Contact).where(Contact.id == ids[6]).values(name_key=None))
        expected = {
            options: [
                s.id
                for s in workspace.people.contacts.search("", include_archived=bool(options))
                if s.archived or options != ("--archived",)
            ]
            for options in [(), ("--all",), ("--archived",)]
        }
    for options, order in expected.items():
        assert main(["contacts", "--json", *options, "--data-dir", str(directory)]) == 0
        assert [p["id"] for p in json.loads(capsys.readouterr().out)] == order
