"""Exports are the user's alone (0600 whatever the umask) and hold no raw control characters."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from chatplanner.cli.main import main
from chatplanner.db.models import Contact
from chatplanner.interop.contact_record import ContactRecord
from chatplanner.interop.vcard import parse_vcards, write_vcards
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates

# Every C0 and C1 control but the CRLF that ends vCard lines.
_RAW_CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, profile_templates: ProfileTemplates
) -> tuple[Path, int]:
    directory = profile_templates.copy_to(tmp_path_factory.mktemp("exports") / "demo", demo=True)
    with Workspace.open(directory) as workspace:
        meeting = workspace.chats.meetings.list_meetings()[0]
    return directory, meeting.id


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_every_export_is_private_whatever_the_umask(
    demo: tuple[Path, int], tmp_path: Path, umask: int
) -> None:
    profile, meeting_id = demo
    out = tmp_path / "out"
    out.mkdir()
    archive = tmp_path / "new" / "archive"
    old = os.umask(umask)
    try:
        assert main(["export", "vcard", str(out / "all.vcf"), "--data-dir", str(profile)]) == 0
        assert main(["draft", str(meeting_id), "--eml", str(out / "t.eml"), "--data-dir", str(profile)]) == 0  # fmt: skip
        assert main(["ics", str(meeting_id), str(out / "c.ics"), "--data-dir", str(profile)]) == 0
        assert main(["backup", str(out / "b.json"), "--data-dir", str(profile)]) == 0
        assert main(["archive", str(archive), "--data-dir", str(profile)]) == 0
    finally:
        os.umask(old)
    for name in ("all.vcf", "t.eml", "c.ics", "b.json"):
        assert _mode(out / name) == 0o600, name
    assert _mode(archive) == 0o700
    for path in archive.iterdir():
        assert _mode(path) == 0o600, path.name


def test_an_export_over_a_loose_file_leaves_it_private(
    demo: tuple[Path, int], tmp_path: Path
) -> None:
    profile, _ = demo
    target = tmp_path / "all.vcf"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    assert main(["export", "vcard", str(target), "--data-dir", str(profile)]) == 0
    assert _mode(target) == 0o600


def test_export_vcard_writes_no_raw_control_characters(tmp_path: Path, demo_profile: Path) -> None:
    profile = demo_profile
    with Workspace.open(profile) as workspace, workspace.context.sessions.begin() as session:
        first = session.scalars(select(Contact.id).order_by(Contact.id)).first()
        # Stored values may hold anything: an old import, a restored backup.
        session.execute(
            update(Contact)
            .where(Contact.id == first)
            .values(
                first_name="\x1b[31mRed\x1b[0m",
                last_name="Null\x00Byte\x07",
                company="Acme\x85Corp\x9b",
                notes="line one\r\nline two\x0c\tindented\x08",
            )
        )
    target = tmp_path / "all.vcf"
    assert main(["export", "vcard", str(target), "--data-dir", str(profile)]) == 0
    text = target.read_bytes().decode("utf-8")
    assert _RAW_CONTROL.findall(text) == []
    assert "[31mRed" in text
    assert "Null Byte" in text
    parsed = parse_vcards(target)
    assert any(r.notes and "line one\nline two" in r.notes for r in parsed.records)


@settings(max_examples=80, deadline=None)
@given(
    first=st.text(max_size=30),
    last=st.text(max_size=30),
    notes=st.text(max_size=60),
    company=st.text(max_size=30),
)
def test_no_stored_value_puts_a_control_character_in_a_vcard(
    first: str, last: str, notes: str, company: str
) -> None:
    stream = io.StringIO()
    record = ContactRecord(
        first_name=first or None,
        last_name=last or None,
        notes=notes or None,
        company=company or None,
    )
    write_vcards([record], stream)
    assert _RAW_CONTROL.findall(stream.getvalue().replace("\r\n", "")) == []
