"""`chatplanner import`: summaries, dry runs, likely duplicates and clear failures."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chatplanner.cli.main import main
from chatplanner.db.models import Contact
from chatplanner.services.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "interop" / "fixtures"
MODERN = FIXTURES / "linkedin_connections_modern.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def contact_count(profile: Path) -> int:
    with (
        Workspace.open(profile, for_writing=False) as workspace,
        workspace.context.sessions() as session,
    ):
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_prints_counts_and_each_skipped_row_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(tmp_path / "p")
    status, out, _ = run(capsys, "import", "linkedin", str(MODERN), "--data-dir", profile)
    assert status == 0
    first_line = out.splitlines()[0]
    assert (
        first_line
        == "Imported LinkedIn connections (linkedin_connections_modern.csv): 8 rows read."
    )
    assert "new:                7" in out
    assert "skipped:            1" in out
    assert "row 11: Hidden profile" in out
    assert contact_count(tmp_path / "p") == 7


def test_importing_again_reports_no_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(tmp_path / "p")
    run(capsys, "import", "linkedin", str(MODERN), "--data-dir", profile)
    status, out, _ = run(capsys, "--data-dir", profile, "import", "linkedin", str(MODERN))
    assert status == 0
    assert "new:                0" in out
    assert "updated:            0" in out
    assert "already up to date: 7" in out
    assert contact_count(tmp_path / "p") == 7


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = str(tmp_path / "p")
    status, out, _ = run(
        capsys, "import", "linkedin", str(MODERN), "--dry-run", "--data-dir", profile
    )
    assert status == 0
    assert "Dry run: nothing was written" in out
    assert "new:                7" in out
    assert "(no profile yet: everything would be new)" in out
    assert not (tmp_path / "p").exists()  # not even an empty profile


def test_dry_run_on_a_profile_compares_with_its_contacts_and_changes_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p"
    run(capsys, "import", "linkedin", str(MODERN), "--data-dir", str(profile))
    before = {
        path.relative_to(profile): path.read_bytes()
        for path in profile.rglob("*")
        if path.is_file() and path.name != ".lock"
    }
    status, out, _ = run(
        capsys, "import", "linkedin", str(MODERN), "--dry-run", "--data-dir", str(profile)
    )
    assert status == 0
    assert "already up to date: 7" in out
    assert "no profile yet" not in out
    after = {
        path.relative_to(profile): path.read_bytes()
        for path in profile.rglob("*")
        if path.is_file() and path.name != ".lock"
    }
    assert after == before


def test_likely_duplicates_are_skipped_unless_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(tmp_path / "p")
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "Grace,Mensah,,,Acme,PM,\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(
        HEADER
        + "Grace,Mensah,https://www.linkedin.com/in/gm,,Acme,Director,\n"
        + ",,,,,,08 Feb 2026\n",  # a hidden profile
        encoding="utf-8",
    )
    run(capsys, "import", "linkedin", str(first), "--data-dir", profile)

    for dry_run in (["--dry-run"], []):
        status, out, _ = run(
            capsys, "import", "linkedin", str(second), "--data-dir", profile, *dry_run
        )
        assert status == 0
        # Each row on one line: the counts add up to the rows read.
        assert "likely duplicates:  1 (skipped; --keep-duplicates adds them" in out
        assert "skipped:            1\n" in out
    assert "row 2: Grace Mensah: Same name and company as Grace Mensah (Acme)" in out
    assert contact_count(tmp_path / "p") == 1

    run(capsys, "import", "linkedin", str(second), "--keep-duplicates", "--data-dir", profile)
    assert contact_count(tmp_path / "p") == 2
    _, out, _ = run(capsys, "import", "linkedin", str(first), "--data-dir", profile, "--dry-run")
    assert "Read 1 row from" in out


@pytest.mark.parametrize(
    ("content", "kind", "words"),
    [
        (b"", "linkedin", "is empty"),
        (b"\x00\x01\x02binary" * 300, "linkedin", "is not a LinkedIn"),
        (b"Name,Phone\nAna,1\n", "google", "is not a Google Contacts CSV"),
        (HEADER.encode(), "vcard", "is not a vCard"),
    ],
)
def test_a_bad_file_exits_2_with_a_message_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, kind: str, words: str
) -> None:
    profile = str(tmp_path / "p")
    run(capsys, "import", "linkedin", str(MODERN), "--data-dir", profile)
    bad = tmp_path / "bad.file"
    bad.write_bytes(content)
    status, out, err = run(capsys, "import", kind, str(bad), "--data-dir", profile)
    assert status == 2
    assert words in err
    assert err.startswith("chatplanner: ")
    assert "Traceback" not in err
    assert out == ""
    assert contact_count(tmp_path / "p") == 7


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(
        capsys, "import", "vcard", str(tmp_path / "none.vcf"), "--data-dir", str(tmp_path / "p")
    )
    assert status == 2
    assert "could not be opened" in err


def test_many_skipped_rows_are_grouped_by_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hidden = "".join(f",,,,,,{day:02d} Feb 2024\n" for day in range(1, 29))
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "Ana,Lima,,,,,\n" + hidden, encoding="utf-8")
    status, out, _ = run(capsys, "import", "linkedin", str(path), "--data-dir", str(tmp_path / "p"))
    assert status == 0
    assert "28 rows (3, 4, 5" in out
    assert "and 16 more" in out
    assert "Hidden profile: LinkedIn exported only the date you connected, no name or link." in out
    status, out, _ = run(
        capsys, "import", "linkedin", str(path), "--verbose", "--data-dir", str(tmp_path / "q")
    )
    assert "row 30: Hidden profile" in out
    assert "(28 Feb 2024)" in out


def test_help_says_what_happens_to_likely_duplicates(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "--keep-duplicates" in out
    assert "never merged" in out
    assert "--dry-run" in out


def test_a_latin_1_file_with_hostile_names_is_imported_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes((HEADER + "José,Müller,,,Société,Ingénieur,1 Jan 2020\n").encode("latin-1"))
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        HEADER
        + "<b>Bold</b>,<i>x</i>,,,,,\n"
        + "נועה,כהן,,,,,\n"
        + "Zoë 🚀,👩🏽‍💻,,,,"
        + "t" * 10_000
        + ",\n",
        encoding="utf-8",
    )
    profile = str(tmp_path / "p")
    status, out, _ = run(capsys, "import", "linkedin", str(latin), "--data-dir", profile)
    assert status == 0
    assert "new:                1" in out
    status, out, _ = run(capsys, "import", "linkedin", str(hostile), "--data-dir", profile)
    assert status == 0
    assert "new:                3" in out
    with (
        Workspace.open(tmp_path / "p", for_writing=False) as workspace,
        workspace.context.sessions() as session,
    ):
        names = set(session.execute(select(Contact.first_name, Contact.last_name)).all())
    assert {("José", "Müller"), ("<b>Bold</b>", "<i>x</i>"), ("נועה", "כהן")} <= {
        tuple(name) for name in names
    }


def test_a_50_megabyte_file_that_is_not_an_export_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.csv"
    line = b"lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n"
    big.write_bytes(line * (50 * 1024 * 1024 // len(line)))
    status, _, err = run(capsys, "import", "linkedin", str(big), "--data-dir", str(tmp_path / "p"))
    assert status == 2
    assert "is not a LinkedIn" in err


def test_importing_an_older_file_again_keeps_titles_changed_here_since(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same export imported again changes nothing, even after titles were edited here: the
    file is older than the edit, so its title is not put back."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        HEADER
        + "Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Analyst,01 Mar 2025\n"
        + "Ben,Okafor,https://www.linkedin.com/in/ben-okafor,,Initech,Engineer,02 Mar 2025\n",
        encoding="utf-8",
    )
    made = time.time() - 3 * 24 * 3600  # exported three days ago
    os.utime(export, (made, made))
    profile = tmp_path / "p"
    run(capsys, "import", "linkedin", str(export), "--data-dir", str(profile))
    with Workspace.open(profile) as workspace:
        for summary in workspace.people.contacts.list_summaries():
            detail = workspace.people.contacts.get(summary.id)
            title = "Senior Analyst" if summary.first_name == "Ana" else "Staff Engineer"
            workspace.people.contact_edits.update(summary.id, replace(detail.draft, title=title))

    status, out, _ = run(capsys, "--data-dir", str(profile), "import", "linkedin", str(export))

    assert status == 0
    assert "updated:            0" in out
    assert "already up to date: 2" in out
    assert "changed here after this file was made" in out
    assert "title “Senior Analyst” kept" in out
    with Workspace.open(profile, for_writing=False) as workspace:
        titles = {c.first_name: c.title for c in workspace.people.contacts.list_summaries()}
    assert titles == {"Ana": "Senior Analyst", "Ben": "Staff Engineer"}

    # A newer export (made after the edit) still brings a new title in.
    later = time.time() + 60
    export.write_text(
        HEADER + "Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Director,01 Mar 2025\n",
        encoding="utf-8",
    )
    os.utime(export, (later, later))
    status, out, _ = run(capsys, "--data-dir", str(profile), "import", "linkedin", str(export))
    assert "updated:            1" in out
    with Workspace.open(profile, for_writing=False) as workspace:
        titles = {c.first_name: c.title for c in workspace.people.contacts.list_summaries()}
    assert titles["Ana"] == "Director"


def test_the_same_name_and_company_with_another_profile_link_is_a_likely_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "already up to date": the file names another LinkedIn profile, maybe another person
    of the same name at the same company, and only the user can tell (its link was dropped)."""
    profile = str(tmp_path / "p")
    first = tmp_path / "first.csv"
    row = "Zoë,Lefèvre,https://www.linkedin.com/in/zoe-lefevre,,Société Générale,Analyst,\n"
    first.write_text(HEADER + row, encoding="utf-8")
    run(capsys, "import", "linkedin", str(first), "--data-dir", profile)
    other = tmp_path / "other.csv"
    other.write_text(HEADER + row.replace("zoe-lefevre", "zoe-lefevre-2b1"), encoding="utf-8")
    status, out, _ = run(capsys, "import", "linkedin", str(other), "--data-dir", profile)
    assert status == 0
    assert "already up to date: 0" in out
    assert "likely duplicates:  1" in out
    assert "Same name and company, another LinkedIn profile, as Zoë Lefèvre" in out
    # The same person without a link of their own is the contact, with nothing new.
    bare = tmp_path / "bare.csv"
    bare.write_text(HEADER + row.replace("https://www.linkedin.com/in/zoe-lefevre", ""), "utf-8")
    status, out, _ = run(capsys, "import", "linkedin", str(bare), "--data-dir", profile)
    assert "already up to date: 1" in out
    run(capsys, "import", "linkedin", str(other), "--keep-duplicates", "--data-dir", profile)
    assert contact_count(tmp_path / "p") == 2


def test_a_file_of_only_its_header_is_said_to_hold_no_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(tmp_path / "p")
    header_only = tmp_path / "Connections.csv"
    header_only.write_text(HEADER, encoding="utf-8")
    status, out, _ = run(capsys, "import", "linkedin", str(header_only), "--data-dir", profile)
    assert status == 0
    assert "0 rows read." in out
    assert "The file holds no one to import: only its header." in out
