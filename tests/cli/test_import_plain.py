"""`chatplanner import` on an up-to-date profile reads and writes it with the sqlite3 module
alone: it loads no SQLAlchemy, takes the day's backup and checks the file first, and writes
exactly what the app's import (through the database layer) writes."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from chatplanner.cli.main import main
from chatplanner.services.import_preview import Decision
from chatplanner.services.workspace import Workspace
from tests.cli.fresh_process import last_json_line

SCRIPT = """
import contextlib, io, json, sys
from chatplanner.cli.main import main

out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    status = main(sys.argv[1:])
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"sqlalchemy", "alembic"})
print(json.dumps([status, out.getvalue(), loaded]))
"""

# Arjun (LinkedIn profile): a new job and a city; Samuel (e-mail): a phone; two new people in
# groups, one the demo's "UofT Engineering Alumni" written in other letters; Hannah again with
# no profile or address: a likely duplicate, skipped.
CARDS = """\
BEGIN:VCARD
VERSION:3.0
N:Mehta;Arjun;;;
FN:Arjun Mehta
URL:https://ca.linkedin.com/in/Arjun-Mehta/
ORG:Harbour Data Co.
TITLE:Lead Analyst
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Osei;Samuel;;;
FN:Samuel Osei
EMAIL:Samuel.Osei@example.com
TEL:+1 416 555 0199
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Okafor;Ngozi;;;
FN:Ngozi Okafor
EMAIL:ngozi@example.org
ORG:Lakeview Water
CATEGORIES:uoft engineering alumni,Water Professionals
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Duarte;Inês;;;
FN:Inês Duarte
CATEGORIES:Water Professionals
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Schmidt;Hannah;;;
FN:Hannah Schmidt
ORG:Grand River Robotics
TITLE:Chief Operating Officer
END:VCARD
"""

# Moments of the import itself differ between two runs: compared as set or not.
_MOMENTS = {"created_at", "updated_at", "stage_changed_at", "at"}


def _import_command(profile: Path, source: Path, home: Path) -> tuple[int, str, list[str]]:
    status, printed, loaded = last_json_line(
        SCRIPT, ["--data-dir", str(profile), "import", "vcard", str(source)], home
    )
    return status, printed, loaded


def _tables(profile: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(profile / "chatplanner.sqlite3")
    try:
        found = {}
        for table in ("contacts", "stage_events", "groups", "contact_groups"):
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            shown = [f"{name} IS NOT NULL" if name in _MOMENTS else name for name in names] + [
                f"typeof({name})" for name in names
            ]
            found[table] = connection.execute(
                f"SELECT {', '.join(shown)} FROM {table} ORDER BY 1, 2"
            ).fetchall()
        return found
    finally:
        connection.close()


def test_the_command_writes_what_the_app_writes_and_loads_no_sqlalchemy(
    demo_profile: Path, tmp_path: Path
) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(CARDS, encoding="utf-8")
    in_app = tmp_path / "in-app"
    shutil.copytree(demo_profile, in_app)
    before = _tables(demo_profile)

    status, printed, loaded = _import_command(demo_profile, source, tmp_path)

    assert (status, loaded) == (0, []), printed
    assert "new:                2" in printed
    assert "updated:            2" in printed
    assert "likely duplicates:  1" in printed
    assert "New groups: Water Professionals" in printed
    # The app's import of the same file, through sessions, with the command's choice.
    with Workspace.open(in_app) as workspace:
        assert workspace.database_open
        service = workspace.people.contact_import
        preview = service.preview(source, "vcard")
        service.commit(preview, {row.position: Decision.SKIP for row in preview.likely_rows})
    plain, mapped = _tables(demo_profile), _tables(in_app)
    assert plain == mapped
    assert plain != before
    connection = sqlite3.connect(demo_profile / "chatplanner.sqlite3")
    arjun = connection.execute(
        "SELECT company, title, previous_title FROM contacts WHERE last_name = 'Mehta'"
    ).fetchone()
    assert arjun == ("Harbour Data Co.", "Lead Analyst", "Scheduling Analyst")
    joined = connection.execute(
        "SELECT groups.name FROM contact_groups JOIN groups ON groups.id = group_id "
        "JOIN contacts ON contacts.id = contact_id WHERE contacts.last_name = 'Okafor' "
        "ORDER BY groups.name"
    ).fetchall()
    assert joined == [("UofT Engineering Alumni",), ("Water Professionals",)]
    connection.close()


def test_the_days_backup_is_taken_before_the_command_writes(
    demo_profile: Path, tmp_path: Path
) -> None:
    for backup in (demo_profile / "backups").glob("*.sqlite3"):
        backup.unlink()
    source = tmp_path / "contacts.vcf"
    source.write_text(CARDS, encoding="utf-8")

    status, printed, _loaded = _import_command(demo_profile, source, tmp_path)

    assert status == 0, printed
    (backup,) = (demo_profile / "backups").glob("auto-*.sqlite3")
    assert backup.stat().st_mode & 0o777 == 0o600
    in_backup = sqlite3.connect(backup)
    assert in_backup.execute(
        "SELECT count(*) FROM contacts WHERE last_name = 'Okafor'"
    ).fetchone() == (0,)
    in_backup.close()


def test_a_damaged_profile_is_said_to_be_damaged_and_left_as_it_was(
    demo_profile: Path, tmp_path: Path
) -> None:
    database = demo_profile / "chatplanner.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    # A page of the contacts' e-mail index: the schema still reads, the check finds it.
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_contacts_email'"
    ).fetchone()
    connection.close()
    data = bytearray(database.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\x07" * page_size
    database.write_bytes(bytes(data))
    source = tmp_path / "contacts.vcf"
    source.write_text(CARDS, encoding="utf-8")

    status, printed, _loaded = _import_command(demo_profile, source, tmp_path)

    assert status != 0
    assert "is damaged" in printed, printed
    assert database.read_bytes() == bytes(data)
    # Nothing beside it either: no side files of a connection left behind.
    assert sorted(path.name for path in demo_profile.rglob("*-wal")) == []
    assert sorted(path.name for path in demo_profile.rglob("*-shm")) == []


def test_each_import_into_a_profile_with_people_can_be_put_back(
    demo_profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup the command names holds the profile as it was just before that import: a
    second import the same day gets its own, and `recover --backup` puts either back."""
    source = tmp_path / "contacts.vcf"
    source.write_text(CARDS, encoding="utf-8")
    other = tmp_path / "more.vcf"
    tunde = CARDS.replace("Okafor;Ngozi", "Adeyemi;Tunde").replace("FN:Ngozi Okafor", "FN:Tunde")
    other.write_text(tunde.replace("ngozi@", "tunde@"), encoding="utf-8")

    def contacts() -> int:
        connection = sqlite3.connect(demo_profile / "chatplanner.sqlite3")
        try:
            return int(connection.execute("SELECT count(*) FROM contacts").fetchone()[0])
        finally:
            connection.close()

    def backup_named(printed: str) -> str:
        found = re.search(r"recover --backup (\S+)`", printed)
        assert found, printed
        return found.group(1)

    at_first = contacts()
    _status, printed, _loaded = _import_command(demo_profile, source, tmp_path)
    first = backup_named(printed)
    after_first = contacts()
    _status, printed, _loaded = _import_command(demo_profile, other, tmp_path)
    second = backup_named(printed)
    assert first != second
    assert at_first < after_first < contacts()

    argv = ["recover", "--yes", "--backup", first, "--data-dir", str(demo_profile)]
    assert main(argv) == 0
    capsys.readouterr()
    assert contacts() == at_first
    argv = ["recover", "--yes", "--backup", second, "--data-dir", str(demo_profile)]
    assert main(argv) == 0
    assert contacts() == after_first


def test_an_import_into_an_empty_profile_keeps_no_backup_of_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    Workspace.open(profile).close()
    source = tmp_path / "contacts.vcf"
    source.write_text(CARDS, encoding="utf-8")
    status, printed, _loaded = _import_command(profile, source, tmp_path)
    assert status == 0, printed
    assert "recover --backup" not in printed
