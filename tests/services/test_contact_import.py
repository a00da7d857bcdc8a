"""The contact import service: preview, matching, all-or-nothing commit, hostile input."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from chatplanner.db.models import Contact, Group, StageEvent, contact_groups
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.services.import_preview import Decision, ImportCancelledError
from chatplanner.services.import_writes import ImportWriter
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates

FIXTURES = Path(__file__).resolve().parents[1] / "interop" / "fixtures"
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def write_linkedin(path: Path, rows: list[list[str]], *, preamble: bool = True) -> Path:
    buffer = io.StringIO()
    if preamble:
        buffer.write('Notes:\n"When exporting your connection data, you may notice..."\n\n')
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return path


def snapshot(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import may touch, in a comparable form."""
    with workspace.context.sessions() as session:
        return {
            "contacts": [
                tuple(getattr(c, column.key) for column in Contact.__table__.columns)
                for c in session.scalars(select(Contact).order_by(Contact.id))
            ],
            "groups": [
                (g.id, g.name, g.kind) for g in session.scalars(select(Group).order_by(Group.id))
            ],
            "members": sorted(tuple(row) for row in session.execute(select(contact_groups))),
            "events": [
                (e.id, e.contact_id, e.stage, e.at, e.note)
                for e in session.scalars(select(StageEvent).order_by(StageEvent.id))
            ],
        }


def contact_where(workspace: Workspace, **equal: object) -> Contact:
    with workspace.context.sessions() as session:
        query = select(Contact)
        for name, value in equal.items():
            query = query.where(getattr(Contact, name) == value)
        contact = session.scalars(query).one()
        session.expunge(contact)
        return contact


def test_a_modern_linkedin_export_adds_every_person_not_contacted_with_a_stage_event(
    workspace: Workspace,
) -> None:
    service = workspace.people.contact_import
    preview = service.preview(FIXTURES / "linkedin_connections_modern.csv")
    assert preview.kind == "linkedin"
    assert (preview.count("new"), preview.count("skipped")) == (7, 1)
    hidden = next(row for row in preview.rows if row.status == "skipped")
    assert hidden.row_number == 11
    assert "Hidden profile" in hidden.reason

    summary = service.commit(preview)

    assert (summary.new, summary.updated, summary.skipped) == (7, 0, 1)
    assert summary.skipped_reasons[0].row_number == 11
    zoe = contact_where(workspace, last_name="Lefèvre")
    assert zoe.source == "linkedin"
    assert zoe.stage == "not_contacted"
    assert str(zoe.connected_on) == "2026-02-08"
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-lefevre-4b2a1c"
    events = snapshot(workspace)["events"]
    assert len(events) == 7
    assert {event[2] for event in events} == {"not_contacted"}
    assert {event[4] for event in events} == {"Imported from LinkedIn connections"}


@pytest.mark.parametrize(
    "name",
    [
        "linkedin_connections_modern.csv",
        "linkedin_connections_2019.csv",
        "apple_contacts.vcf",
        "outlook_21.vcf",
        "google_and_v4.vcf",
        "google_contacts.csv",
        "google_contacts_legacy.csv",
    ],
)
def test_importing_the_same_file_again_changes_nothing(demo: Workspace, name: str) -> None:
    service = demo.people.contact_import
    service.commit(service.preview(FIXTURES / name))
    before = snapshot(demo)

    again = service.preview(FIXTURES / name)
    summary = service.commit(again)

    assert again.count("new") == again.count("update") == again.count("likely") == 0
    assert (summary.new, summary.updated, summary.merged) == (0, 0, 0)
    assert summary.groups_created == ()
    assert snapshot(demo) == before


def test_the_same_linkedin_url_updates_company_and_title_and_fills_empty_fields(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = workspace.people.contact_import
    url = "https://www.linkedin.com/in/ana-lima"
    first = write_linkedin(tmp_path / "a.csv", [["Ana", "Lima", url, "", "Acme", "Engineer", ""]])
    service.commit(service.preview(first))
    later = write_linkedin(
        tmp_path / "b.csv",
        [["Anna", "Lima", url + "/", "ana@example.com", "Globex", "Lead Engineer", "3 Mar 2024"]],
    )

    preview = service.preview(later)
    row = preview.rows[0]
    assert row.status == "update"
    assert set(row.changes) == {"company", "title", "e-mail", "connected on"}
    summary = service.commit(preview)

    assert summary.updated == 1
    assert summary.new == 0
    ana = contact_where(workspace, linkedin_url=url)
    assert ana.first_name == "Ana"  # a name the user has is never overwritten
    assert (ana.company, ana.title, ana.previous_title) == ("Globex", "Lead Engineer", "Engineer")
    assert ana.email == "ana@example.com"
    assert str(ana.connected_on) == "2024-03-03"


def test_the_same_email_is_the_same_person(workspace: Workspace, tmp_path: Path) -> None:
    service = workspace.people.contact_import
    first = write_linkedin(tmp_path / "a.csv", [["Wei", "Wang", "", "WEI@Example.com", "", "", ""]])
    service.commit(service.preview(first))
    later = write_linkedin(
        tmp_path / "b.csv",
        [["Wei", "Wang", "https://www.linkedin.com/in/weiwang", "wei@example.com", "", "", ""]],
    )
    preview = service.preview(later)
    assert preview.rows[0].status == "update"
    assert preview.rows[0].changes == ("LinkedIn profile",)
    service.commit(preview)
    linkedin_url = contact_where(workspace, email="WEI@Example.com").linkedin_url
    assert linkedin_url is not None
    assert linkedin_url.endswith("/weiwang")


def test_names_an_import_fills_in_are_sorted_and_searched_by(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = workspace.people.contact_import
    first = write_linkedin(tmp_path / "a.csv", [["", "", "", "zoe@example.com", "", "", ""]])
    service.commit(service.preview(first))
    later = write_linkedin(tmp_path / "b.csv", [["Zoë", "Ng", "", "zoe@example.com", "", "", ""]])
    service.commit(service.preview(later))
    assert contact_where(workspace, email="zoe@example.com").name_key == "zoe ng"
    assert [s.display_name for s in workspace.people.contacts.search("zoe ng")] == ["Zoë Ng"]


def _likely_setup(workspace: Workspace, tmp_path: Path) -> Path:
    service = workspace.people.contact_import
    existing = write_linkedin(
        tmp_path / "a.csv", [["Grace", "Mensah", "", "", "Acme, Inc.", "PM", ""]]
    )
    service.commit(service.preview(existing))
    return write_linkedin(
        tmp_path / "b.csv",
        [["Grace", "Mensah", "https://www.linkedin.com/in/gmensah", "", "ACME Inc", "PM", ""]],
    )


def test_a_likely_duplicate_is_offered_and_skipped_unless_the_user_chooses(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = workspace.people.contact_import
    preview = service.preview(_likely_setup(workspace, tmp_path))
    row = preview.rows[0]
    assert row.status == "likely"
    assert row.can_merge
    assert row.match is not None
    assert row.match.name == "Grace Mensah"
    assert "Same name and company" in row.reason
    before = snapshot(workspace)

    summary = service.commit(preview)

    assert (summary.new, summary.merged, summary.skipped) == (0, 0, 1)
    assert "left out" in summary.skipped_reasons[0].reason
    assert snapshot(workspace) == before


def test_merging_a_likely_duplicate_fills_the_existing_contact(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = workspace.people.contact_import
    preview = service.preview(_likely_setup(workspace, tmp_path))
    summary = service.commit(preview, {0: Decision.MERGE})
    assert (summary.merged, summary.new) == (1, 0)
    grace = contact_where(workspace, last_name="Mensah")
    assert grace.linkedin_url == "https://www.linkedin.com/in/gmensah"
    assert grace.company == "Acme, Inc."  # only case and punctuation differed: kept


def test_adding_a_likely_duplicate_as_new_makes_a_second_person(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = workspace.people.contact_import
    preview = service.preview(_likely_setup(workspace, tmp_path))
    assert service.commit(preview, {0: Decision.ADD}).new == 1
    assert len(snapshot(workspace)["contacts"]) == 2


def test_repeated_rows_in_one_file_are_skipped_with_the_earlier_row_number(
    workspace: Workspace, tmp_path: Path
) -> None:
    url = "https://www.linkedin.com/in/samuel-osei"
    path = write_linkedin(
        tmp_path / "c.csv",
        [
            ["Samuel", "Osei", url, "", "", "", ""],
            ["Sam", "Osei", url.upper(), "", "", "", ""],
            # Same name, another profile: one export never lists a person twice.
            ["Wei", "Wang", "https://www.linkedin.com/in/wei-1", "", "Tencent", "", ""],
            ["Wei", "Wang", "https://www.linkedin.com/in/wei-2", "", "Tencent", "", ""],
        ],
    )
    preview = workspace.people.contact_import.preview(path)
    statuses = [(row.row_number, row.status) for row in preview.rows]
    assert statuses == [(5, "new"), (6, "skipped"), (7, "new"), (8, "new")]
    assert (
        preview.rows[1].reason == "Same person as row 5 of this file (the same LinkedIn profile)."
    )
    summary = workspace.people.contact_import.commit(preview)
    assert summary.new == 3
    assert summary.skipped_reasons[0].row_number == 6


def test_vcard_categories_become_groups_joined_case_insensitively(demo: Workspace) -> None:
    with demo.context.sessions.begin() as session:
        session.add(Group(name="toastmasters", kind="club", created_at=demo.context.now()))
    preview = demo.people.contact_import.preview(FIXTURES / "apple_contacts.vcf")
    assert "toastmasters" not in [name.casefold() for name in preview.new_groups]
    summary = demo.people.contact_import.commit(preview)
    assert "UofT Alumni" in summary.groups_created
    with demo.context.sessions() as session:
        kinds = {name: kind for name, kind in session.execute(select(Group.name, Group.kind))}
        mai = session.scalars(select(Contact).where(Contact.last_name == "Nguyễn")).one()
        assert {group.name for group in mai.groups} == {"toastmasters", "UofT Alumni"}
    assert kinds["UofT Alumni"] == "other"
    assert kinds["toastmasters"] == "club"


def test_hostile_values_are_stored_literally(workspace: Workspace, tmp_path: Path) -> None:
    long_title = "t" * 10_000
    path = write_linkedin(
        tmp_path / "h.csv",
        [
            ["<b>Bold</b>", "<script>x</script>", "", "", "", long_title, ""],
            ["נועה", "כהן", "", "", "", "", ""],
            ["Zoë 🚀", "👩🏽‍💻", "", "", "", "", ""],
        ],
    )
    summary = workspace.people.contact_import.commit(workspace.people.contact_import.preview(path))
    assert summary.new == 3
    assert contact_where(workspace, first_name="<b>Bold</b>").title == long_title
    assert contact_where(workspace, first_name="נועה").last_name == "כהן"
    assert contact_where(workspace, first_name="Zoë 🚀").last_name == "👩🏽‍💻"


def test_a_latin_1_export_is_read(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (",".join(HEADER) + "\nJosé,Müller,,,Société,Ingénieur,1 Jan 2020\n").encode("latin-1")
    )
    workspace.people.contact_import.commit(
        workspace.people.contact_import.preview(path, "linkedin")
    )
    assert contact_where(workspace, first_name="José").company == "Société"


@pytest.mark.parametrize(
    ("content", "kind", "problem"),
    [
        (b"", "linkedin", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "linkedin", "wrong_kind"),
        (b"\x00\x01\x02\x03junk" * 500, None, "wrong_kind"),
        (b"Name,Phone\nAna,123\n", "linkedin", "wrong_kind"),
        (b"Name,Phone\nAna,123\n", "vcard", "wrong_kind"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n", "google", "wrong_kind"),
    ],
)
def test_unreadable_files_raise_a_plain_error_and_change_nothing(
    demo: Workspace, tmp_path: Path, content: bytes, kind: Any, problem: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = snapshot(demo)
    with pytest.raises(ImportFormatError) as raised:
        demo.people.contact_import.preview(path, kind)
    assert raised.value.problem == problem
    assert str(raised.value).endswith(".")
    assert snapshot(demo) == before


def test_a_50_megabyte_file_of_something_else_is_refused_quickly(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    line = b"lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n"
    path.write_bytes(line * (50 * 1024 * 1024 // len(line)))
    with pytest.raises(ImportFormatError) as raised:
        workspace.people.contact_import.preview(path, "linkedin")
    assert raised.value.problem == "wrong_kind"


def test_a_missing_file_says_so(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError) as raised:
        workspace.people.contact_import.preview(tmp_path / "nowhere.csv", "linkedin")
    assert raised.value.problem == "unreadable"


def test_cancelling_the_preview_stops_it(workspace: Workspace) -> None:
    with pytest.raises(ImportCancelledError):
        workspace.people.contact_import.preview(
            FIXTURES / "linkedin_connections_modern.csv", should_stop=lambda: True
        )


def test_cancelling_the_commit_rolls_everything_back(demo: Workspace) -> None:
    preview = demo.people.contact_import.preview(FIXTURES / "apple_contacts.vcf")
    before = snapshot(demo)
    calls = []

    def stop_late() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the contacts were inserted

    with pytest.raises(ImportCancelledError):
        demo.people.contact_import.commit(preview, should_stop=stop_late)
    assert snapshot(demo) == before


def test_a_failure_in_the_middle_of_the_commit_writes_nothing(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = demo.people.contact_import.preview(FIXTURES / "apple_contacts.vcf")
    before = snapshot(demo)

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(ImportWriter, "_join_groups", broken)
    with pytest.raises(OSError, match="disk full"):
        demo.people.contact_import.commit(preview)
    assert snapshot(demo) == before


def test_progress_is_reported_while_comparing_and_saving(workspace: Workspace) -> None:
    seen: list[tuple[int, int, str]] = []
    service = workspace.people.contact_import
    preview = service.preview(
        FIXTURES / "linkedin_connections_modern.csv", progress=lambda *a: seen.append(a)
    )
    service.commit(preview, progress=lambda *a: seen.append(a))
    assert (7, 7, "Comparing with your contacts…") in seen
    assert seen[-1] == (7, 7, "Saving contacts…")


def test_any_bytes_give_a_preview_or_a_plain_error_and_never_change_the_profile(
    tmp_path: Path, demo_profile: Path
) -> None:
    with Workspace.open(demo_profile) as workspace:
        before = snapshot(workspace)
        path = tmp_path / "input"

        @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(
            data=st.one_of(
                st.binary(max_size=2000),
                st.text(max_size=500).map(lambda t: (",".join(HEADER) + "\n" + t).encode()),
                st.text(max_size=500).map(lambda t: ("BEGIN:VCARD\n" + t).encode()),
            ),
            kind=st.sampled_from([None, "linkedin", "vcard", "google"]),
        )
        def check(data: bytes, kind: Any) -> None:
            path.write_bytes(data)
            try:
                preview = workspace.people.contact_import.preview(path, kind)
            except ImportFormatError as error:
                assert str(error)
            else:
                assert all(row.reason for row in preview.rows)
            assert snapshot(workspace) == before

        check()


def test_the_linkedin_export_zip_is_read_directly(workspace: Workspace, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "Basic_LinkedInDataExport_02-08-2026.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(FIXTURES / "linkedin_connections_modern.csv", "Connections.csv")
        zipped.writestr("messages.csv", "CONVERSATION ID,FROM\n")
    preview = workspace.people.contact_import.preview(archive)
    assert preview.kind == "linkedin"
    assert preview.count("new") == 7


_BAD_ADDRESS_PARTS = st.sampled_from([" ", "\n", "\r\n", "\t", "\u2028", "\x0b", ",", "<"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(address=st.emails(), cut=st.integers(min_value=1), bad=_BAD_ADDRESS_PARTS)
def test_the_import_refuses_every_address_the_editor_refuses_and_keeps_it_in_the_notes(
    tmp_path_factory: pytest.TempPathFactory,
    profile_templates: ProfileTemplates,
    address: str,
    cut: int,
    bad: str,
) -> None:
    from chatplanner.domain.contacts import ContactDraft
    from chatplanner.services.contacts import ContactError

    position = 1 + cut % (len(address) - 1)
    broken = address[:position] + bad + address[position:]
    folder = tmp_path_factory.mktemp("invalid")
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tremblay;Zoë;;;\r\nFN:Zoë Tremblay\r\n"
        f"EMAIL;TYPE=INTERNET:{broken.replace(chr(10), chr(92) + 'n').replace(chr(13), '')}\r\n"
        "END:VCARD\r\n"
    )
    (folder / "c.vcf").write_text(card, encoding="utf-8")
    with Workspace.open(profile_templates.copy_to(folder / "p")) as workspace:
        preview = workspace.people.contact_import.preview(folder / "c.vcf", "vcard")
        (row,) = preview.rows
        assert row.record is not None
        stored = row.record.email
        try:
            workspace.people.contact_edits.create(ContactDraft(first_name="Zoë", email=stored))
            editor_accepts = True
        except ContactError:
            editor_accepts = False
        # One rule: what the import would store, the editor stores too.
        assert stored is None or editor_accepts
        if stored is None:
            assert "is not valid" in row.reason
            workspace.people.contact_import.commit(preview)
            contact = contact_where(workspace, last_name="Tremblay")
            assert contact.email is None
            assert "not a valid address" in contact.notes


def test_an_address_with_a_space_from_linkedin_is_reported_and_kept_in_the_notes(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_linkedin(
        tmp_path / "c.csv",
        [["Ana", "Lima", "", "ana lima@example.com", "Acme", "Engineer", "08 Feb 2026"]],
    )
    preview = workspace.people.contact_import.preview(path)
    (row,) = preview.rows
    assert row.status == "new"
    assert "“ana lima@example.com” is not valid: it is kept in the notes" in row.reason
    workspace.people.contact_import.commit(preview)
    contact = contact_where(workspace, first_name="Ana")
    assert contact.email is None
    assert contact.notes.endswith("not a valid address: ana lima@example.com")
