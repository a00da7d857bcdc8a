"""Backing up a whole profile to JSON and restoring it into an empty one."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db import fts
from chatplanner.db.engine import create_profile_engine, make_session_factory
from chatplanner.db.fts_terms import FTS_TABLE, quote_match_query
from chatplanner.db.models import (
    AdviceAction,
    ArchiveFile,
    Base,
    ChecklistItem,
    Contact,
    FollowUp,
    GeocodeCacheEntry,
    Group,
    Meeting,
    MeetingNotes,
    Outreach,
    Setting,
    StageEvent,
    SyncAccount,
    SyncCard,
    SyncEvent,
    SyncNotice,
    Template,
    ThankYouDraft,
    Venue,
    Visit,
)
from chatplanner.domain.text import name_sort_key
from chatplanner.services import backup as backup_module
from chatplanner.services.backup import (
    BackupFailedError,
    BackupService,
    RestoreRefusedError,
    read_backup,
)

Sessions = sessionmaker[Session]
HOSTILE_NAME = '<b onmouseover="alert(1)">Zoë</b> & "Bob"'
RTL_NAME = "مريم العلي"
EMOJI = "☕🙂👩🏽‍💻"
LONG_NOTE = "Café talk. " * 1000


@pytest.fixture
def make_profile(tmp_path: Path) -> Iterator[Callable[[str], Sessions]]:
    """Factory of fresh profiles: the whole schema and the full-text index, foreign keys on."""
    engines: list[Engine] = []

    def make(name: str) -> Sessions:
        engine = create_profile_engine(tmp_path / f"{name}.sqlite3")
        engines.append(engine)
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            fts.create_fts(connection)
        return make_session_factory(engine)

    yield make
    for engine in engines:
        engine.dispose()


# Long: one row in every table, so that a new table cannot be left out of the backup test.
def populate(sessions: Sessions) -> None:
    """At least one row in every table, with the awkward values real profiles hold."""
    moment = datetime(2025, 6, 1, 14, 3, 22, 123456, tzinfo=UTC)
    with sessions.begin() as session:
        alumni = Group(name=f"Alumni {EMOJI}", kind="alumni", description="", created_at=moment)
        chapter = Group(name=RTL_NAME, kind="licence_chapter", url=None, created_at=moment)
        zoe = Contact(
            first_name=HOSTILE_NAME,
            last_name="O'Brien\ttab\nnewline\x00nul",
            email="zoe@example.org",
            phone="+33 1 23 45 67 89",
            linkedin_url="https://www.linkedin.com/in/zoe-obrien",
            company="Ünïcödé GmbH",
            title="Project Manager",
            previous_title="Junior Engineer",
            years_in_role=3,
            city="Paris",
            country="France",
            latitude=48.856613,
            longitude=2.352222,
            kind="mentor",
            goal="mentorship",
            online_activity="often",
            stage="met",
            stage_changed_at=moment,
            notes=LONG_NOTE,
            connected_on=date(2026, 2, 8),
            source="linkedin",
            follow_up_after_days=7,
            move_on_after_days=21,
            keep_in_touch_days=90,
            last_touch_at=datetime(2025, 6, 2, 9, 0, 0, tzinfo=UTC),
            snoozed_until=date(2025, 7, 1),
            archived=False,
            created_at=moment,
            updated_at=moment,
            groups=[alumni, chapter],
        )
        bare = Contact(
            first_name=RTL_NAME, last_name="", created_at=moment, updated_at=moment, archived=True
        )
        venue = Venue(
            name="Le Café ☕",
            kind="coffee_shop",
            address="1 rue de Rivoli",
            city="Paris",
            latitude=-0.1,
            longitude=1e-7,
            quietness=5,
            knows_commute=True,
            created_at=moment,
        )
        session.add_all([zoe, bare, venue])
        session.flush()
        meeting = Meeting(
            contact_id=zoe.id,
            mode="in_person",
            venue_id=venue.id,
            starts_at=datetime(2025, 6, 10, 8, 30, tzinfo=UTC),
            timezone="Europe/Paris",
            travel_mode="walk",
            status="done",
            tags="first,coffee",
            created_at=moment,
            updated_at=moment,
        )
        online = Meeting(
            contact_id=bare.id,
            mode="online",
            call_link="https://meet.example.org/abc?x=<script>",
            starts_at=datetime(2025, 7, 1, 16, 0, 0, 1, tzinfo=UTC),
            status="planned",
            created_at=moment,
            updated_at=moment,
        )
        session.add_all([meeting, online])
        session.flush()
        session.add_all(
            [
                StageEvent(contact_id=zoe.id, stage="messaged", at=moment, note="first note"),
                StageEvent(contact_id=zoe.id, stage="met", at=moment),
                Outreach(
                    contact_id=zoe.id,
                    kind="first_message",
                    channel="linkedin",
                    goal="mentorship",
                    subject="Coffee?",
                    body=f"Hello {HOSTILE_NAME} {EMOJI}",
                    sent_at=moment,
                    replied_at=datetime(2025, 6, 3, 0, 0, 0, 999999, tzinfo=UTC),
                    follow_up_due=date(2025, 6, 8),
                    outcome="replied",
                ),
                Visit(venue_id=venue.id, visited_on=date(2025, 6, 10), meeting_id=meeting.id),
                Visit(venue_id=venue.id, visited_on=date(2025, 5, 1), meeting_id=None, note="ok"),
                ChecklistItem(meeting_id=meeting.id, phase="before", text="Read her posts"),
                ChecklistItem(meeting_id=meeting.id, phase="after", text="Thank", done=True),
                MeetingNotes(
                    meeting_id=meeting.id,
                    their_past="Junior Engineer at Ünïcödé",
                    their_goals=RTL_NAME,
                    advice="Go to the Café meetup",
                    free_notes=EMOJI,
                    updated_at=moment,
                ),
                FollowUp(
                    contact_id=zoe.id,
                    meeting_id=meeting.id,
                    owner="them",
                    text="Intro",
                    outcome="Met Marc",
                ),
                FollowUp(contact_id=zoe.id, meeting_id=None, owner="me", text="Send article"),
                ThankYouDraft(
                    meeting_id=meeting.id, subject="Thank you", body="Merci !", updated_at=moment
                ),
                Template(
                    kind="thank_you", name="Warm", body="Thanks {first_name}", updated_at=moment
                ),
                Setting(key="patience.days", value=json.dumps({"follow_up": 7, "move_on": 21})),
                Setting(key="ui.theme", value='"dark"'),
                GeocodeCacheEntry(query="1 rue de Rivoli, Paris", fetched_at=moment),
                GeocodeCacheEntry(
                    query="Paris",
                    latitude=48.8566,
                    longitude=2.3522,
                    display_name="Paris, Île-de-France, France",
                    fetched_at=moment,
                ),
                AdviceAction(
                    meeting_id=meeting.id,
                    contact_id=zoe.id,
                    advice="Go to the Café meetup",
                    acted_on=date(2025, 6, 20),
                    outcome=f"Went twice {EMOJI}",
                    created_at=moment,
                ),
                ArchiveFile(
                    meeting_id=meeting.id,
                    relative_path="2025/2025-06-10 Zoë.md",
                    content_sha256="0" * 64,
                    written_at=moment,
                ),
            ]
        )
        account = SyncAccount(
            server_url="https://dav.example.org/",
            username="zoe",
            principal_url="https://dav.example.org/zoe/",
            calendar_url="https://dav.example.org/zoe/chats/",
            calendar_name="Chats",
            address_book_url="https://dav.example.org/zoe/people/",
            address_book_name="People",
            card_version="3.0",
            contacts_sync_token="token-1",
            contact_groups='["Engineers"]',
            last_sync_at=moment,
            last_result="Contacts: no changes.",
            created_at=moment,
        )
        session.add(account)
        session.flush()
        session.add_all(
            [
                SyncCard(
                    account_id=account.id,
                    contact_id=zoe.id,
                    href="https://dav.example.org/zoe/people/z.vcf",
                    uid="z-1",
                    etag='"e1"',
                    base='{"first_name": "Zoë"}',
                    card="BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n",
                    state="synced",
                    conflict=None,
                ),
                SyncEvent(
                    account_id=account.id,
                    meeting_id=meeting.id,
                    uid="chat-1@chatplanner",
                    href="https://dav.example.org/zoe/chats/chat-1.ics",
                    etag='"e2"',
                    content_sha256="1" * 64,
                    body="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                    conflict='{"what": "changed on the server", "fields": {}}',
                ),
                SyncNotice(account_id=account.id, at=moment, text="Zoë was archived."),
            ]
        )


def row_counts(sessions: Sessions) -> dict[str, int]:
    with sessions.begin() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def assert_empty(sessions: Sessions) -> None:
    assert set(row_counts(sessions).values()) == {0}


@pytest.fixture
def source(make_profile: Callable[[str], Sessions]) -> Sessions:
    sessions = make_profile("source")
    populate(sessions)
    return sessions


@pytest.fixture
def target(make_profile: Callable[[str], Sessions]) -> Sessions:
    return make_profile("target")


@pytest.fixture
def backup_text(source: Sessions) -> str:
    return BackupService(source).export_document()


def write_variant(
    tmp_path: Path, backup_text: str, change: Callable[[dict[str, Any]], None]
) -> Path:
    document = json.loads(backup_text)
    change(document)
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_sample_profile_has_rows_in_every_table(source: Sessions) -> None:
    # Guards the round-trip test: a table added to the schema must get sample rows here.
    assert all(count > 0 for count in row_counts(source).values()), row_counts(source)


def test_backup_restore_backup_gives_the_same_bytes(
    source: Sessions, target: Sessions, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    BackupService(source).write_backup(first)

    BackupService(target).restore_from(first)
    BackupService(target).write_backup(second)

    assert second.read_bytes() == first.read_bytes()
    assert row_counts(target) == row_counts(source)


def test_restore_keeps_exact_values_including_microseconds_and_unicode(
    source: Sessions, target: Sessions, tmp_path: Path
) -> None:
    path = tmp_path / "backup.json"
    BackupService(source).write_backup(path)
    BackupService(target).restore_from(path)

    with target.begin() as session:
        zoe = session.execute(
            select(Contact).where(Contact.email == "zoe@example.org")
        ).scalar_one()
        assert zoe.first_name == HOSTILE_NAME
        assert zoe.last_name == "O'Brien\ttab\nnewline\x00nul"
        assert zoe.notes == LONG_NOTE
        assert zoe.created_at == datetime(2025, 6, 1, 14, 3, 22, 123456, tzinfo=UTC)
        assert zoe.connected_on == date(2026, 2, 8)
        assert zoe.latitude == 48.856613
        assert zoe.phone == "+33 1 23 45 67 89"
        assert zoe.address is None
        assert [group.name for group in zoe.groups] == [f"Alumni {EMOJI}", RTL_NAME]
        # The name key is derived: not in the document, computed again on restore.
        assert zoe.name_key == name_sort_key(zoe.first_name, zoe.last_name)
        venue = session.execute(select(Venue)).scalar_one()
        assert (venue.knows_commute, venue.knows_parking, venue.longitude) == (True, False, 1e-7)


def test_backup_document_has_envelope_sorted_keys_and_no_time_stamp(backup_text: str) -> None:
    document = json.loads(backup_text)
    assert document["format"] == "chatplanner-backup"
    assert document["format_version"] == 1
    assert isinstance(document["schema_revision"], str)
    assert list(document) == sorted(document)
    assert backup_text.endswith("}\n")
    assert "exported" not in backup_text
    ids = [row["id"] for row in document["tables"]["contacts"]]
    assert ids == sorted(ids)
    assert all("name_key" not in row for row in document["tables"]["contacts"])


def test_restore_rebuilds_the_full_text_index(
    source: Sessions, target: Sessions, tmp_path: Path
) -> None:
    path = tmp_path / "backup.json"
    BackupService(source).write_backup(path)
    BackupService(target).restore_from(path)

    query = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
    with target.begin() as session:
        found = session.execute(text(query), {"q": quote_match_query("cafe")}).all()
    assert len(found) == 1


def test_restore_reports_what_it_loaded(source: Sessions, target: Sessions, tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    written = BackupService(source).write_backup(path)

    summary = BackupService(target).restore_from(path)

    assert summary.total_rows == written == sum(row_counts(source).values())
    assert summary.rows_by_table == row_counts(source)
    assert summary.schema_revision == json.loads(path.read_text())["schema_revision"]
    assert summary.app_version == json.loads(path.read_text())["app_version"]


def test_backup_file_is_private_and_leaves_no_temporary_file(
    source: Sessions, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "backup.json"

    BackupService(source).write_backup(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(folder) == ["backup.json"]
    assert path.read_text(encoding="utf-8") == BackupService(source).export_document()


def test_backup_replaces_an_older_file_at_the_same_path(source: Sessions, tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)

    BackupService(source).write_backup(path)

    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "chatplanner-backup"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backup_into_a_missing_folder_says_so(source: Sessions, tmp_path: Path) -> None:
    with pytest.raises(BackupFailedError, match="Could not write the backup"):
        BackupService(source).write_backup(tmp_path / "missing" / "backup.json")


def test_backup_refuses_profile_data_that_a_restore_would_refuse(
    source: Sessions, tmp_path: Path
) -> None:
    with source.begin() as session:
        session.execute(text("UPDATE contacts SET kind = 'friend' WHERE id = 1"))
    path = tmp_path / "backup.json"

    with pytest.raises(BackupFailedError, match=r"contacts \(id 1\): 'kind' must be one of"):
        BackupService(source).write_backup(path)
    assert not path.exists()


def _drop_key(document: dict[str, Any]) -> None:
    del document["tables"]["contacts"][0]["email"]


def _add_key(document: dict[str, Any]) -> None:
    document["tables"]["venues"][0]["rating"] = 5


def _wrong_type(document: dict[str, Any]) -> None:
    document["tables"]["venues"][0]["quietness"] = "5"


def _bad_enum(document: dict[str, Any]) -> None:
    document["tables"]["contacts"][0]["kind"] = "friend"


def _dangling(document: dict[str, Any]) -> None:
    document["tables"]["meetings"][0]["venue_id"] = 999


def _newer(document: dict[str, Any]) -> None:
    document["format_version"] = 3


def _unknown_version(document: dict[str, Any]) -> None:
    document["format_version"] = 0


def _duplicate_id(document: dict[str, Any]) -> None:
    rows = document["tables"]["contacts"]
    rows[1]["id"] = rows[0]["id"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop_key, r"Row 1 of contacts \(id 1\) has no 'email' field"),
        (_add_key, "Row 1 of venues .* a field chatplanner does not know: 'rating'"),
        (_wrong_type, "'quietness' must be a whole number; it is '5'"),
        (_bad_enum, "'kind' must be one of mentor, peer, recruiter, other; it is 'friend'"),
        (_dangling, "Row 1 of meetings refers to a missing record: no row of venues has id 999"),
        (_newer, r"newer chatplanner \(format 3\); update chatplanner"),
        (_unknown_version, "format version 0, which chatplanner does not know"),
        (_duplicate_id, "Rows 1 and 2 of contacts have the same id 1"),
    ],
)
def test_restore_refuses_a_document_that_breaks_the_format_and_changes_nothing(
    backup_text: str,
    target: Sessions,
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    path = write_variant(tmp_path, backup_text, change)

    with pytest.raises(RestoreRefusedError, match=message) as refused:
        BackupService(target).restore_from(path)

    assert str(refused.value).endswith("Nothing was changed.")
    assert_empty(target)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,email\nZoe,zoe@example.org\n", "not valid JSON"),
        (b'{"format": "chatplanner-backup", "format_version": 1', "not valid JSON"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8 text"),
        (b"", "not valid JSON"),
        (b'{"format": "something-else"}', "its format is 'something-else'"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_backup(
    target: Sessions, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "wrong.json"
    path.write_bytes(content)

    with pytest.raises(RestoreRefusedError, match=message):
        BackupService(target).restore_from(path)
    assert_empty(target)


def test_restore_of_a_missing_file_says_it_cannot_read_it(target: Sessions, tmp_path: Path) -> None:
    with pytest.raises(RestoreRefusedError, match="Could not read"):
        BackupService(target).restore_from(tmp_path / "nowhere.json")


def test_restore_refuses_a_profile_that_holds_data_and_leaves_it_as_it_was(
    backup_text: str, make_profile: Callable[[str], Sessions], tmp_path: Path
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(backup_text, encoding="utf-8")
    used = make_profile("used")
    with used.begin() as session:
        session.add(Setting(key="ui.theme", value='"light"'))
    before = BackupService(used).export_document()

    with pytest.raises(RestoreRefusedError, match="Restore needs an empty profile"):
        BackupService(used).restore_from(path)

    assert BackupService(used).export_document() == before


def test_a_failure_while_writing_rows_leaves_the_profile_empty(
    backup_text: str, target: Sessions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(backup_text, encoding="utf-8")

    def broken_rebuild(_connection: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backup_module, "rebuild_fts", broken_rebuild)

    with pytest.raises(RestoreRefusedError, match="nothing was changed: disk full"):
        BackupService(target).restore_from(path)
    assert_empty(target)


def test_an_empty_profile_backs_up_and_restores_to_an_empty_profile(
    make_profile: Callable[[str], Sessions], tmp_path: Path
) -> None:
    path = tmp_path / "empty.json"
    assert BackupService(make_profile("empty")).write_backup(path) == 0

    restored = make_profile("restored")
    assert BackupService(restored).restore_from(path).total_rows == 0
    assert_empty(restored)


def _renamed(document: dict[str, Any]) -> None:
    document["tables"]["contacts"][0]["first_name"] = "Someone else"


@pytest.mark.parametrize("change", [_dangling, _duplicate_id, _bad_enum, _renamed])
def test_a_backup_changed_after_it_was_checked_is_refused_and_changes_nothing(
    backup_text: str, target: Sessions, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    # The rows are inserted from a second reading that does not check them again: it must
    # refuse any file that is not the one checked, good or bad, and leave nothing behind.
    path = write_variant(tmp_path, backup_text, lambda _document: None)
    checked = read_backup(path)
    write_variant(tmp_path, backup_text, change)  # the same path, other bytes

    with pytest.raises(RestoreRefusedError, match="changed while it was being restored"):
        BackupService(target).restore_document(checked)
    assert_empty(target)


def test_a_backup_of_an_older_schema_restores_its_missing_fields_filled(
    backup_text: str, target: Sessions, tmp_path: Path
) -> None:
    def older(document: dict[str, Any]) -> None:
        document["schema_revision"] = "0004_advice_loop"
        for row in document["tables"]["contacts"]:
            del row["first_name"], row["phone"]
        for row in document["tables"]["venues"]:
            del row["quietness"], row["knows_menu"]

    path = write_variant(tmp_path, backup_text, older)
    BackupService(target).restore_from(path)

    with target.begin() as session:
        zoe = session.execute(
            select(Contact).where(Contact.email == "zoe@example.org")
        ).scalar_one()
        assert (zoe.first_name, zoe.phone, zoe.last_name) == (
            "",
            None,
            "O'Brien\ttab\nnewline\x00nul",
        )
        assert zoe.name_key == name_sort_key("", zoe.last_name)
        assert zoe.created_at == datetime(2025, 6, 1, 14, 3, 22, 123456, tzinfo=UTC)
        venue = session.execute(select(Venue)).scalar_one()
        assert (venue.quietness, venue.knows_menu, venue.knows_commute) == (3, False, True)


def stored_rows(sessions: Sessions) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every backed-up table as SQLite holds it: each value with its type."""
    with sessions.begin() as session:
        connection = session.connection()
        return {
            table.name: [
                tuple((value, type(value).__name__) for value in row)
                for row in connection.exec_driver_sql(f"SELECT * FROM {table.name} ORDER BY 1")
            ]
            for table in Base.metadata.sorted_tables
        }


def test_a_restore_stores_exactly_what_the_profile_stored(
    source: Sessions, target: Sessions, tmp_path: Path
) -> None:
    # The rows are inserted from the file's text (moments and days rearranged, not parsed):
    # what SQLite holds must be what the application's own writes left, type for type.
    path = tmp_path / "backup.json"
    BackupService(source).write_backup(path)
    BackupService(target).restore_from(path)

    assert stored_rows(target) == stored_rows(source)


def test_a_backup_written_by_hand_with_its_tables_first_restores_the_same(
    backup_text: str, source: Sessions, target: Sessions, tmp_path: Path
) -> None:
    document = json.loads(backup_text)
    path = tmp_path / "by-hand.json"
    path.write_text(json.dumps({"tables": document.pop("tables"), **document}), encoding="utf-8")

    BackupService(target).restore_from(path)

    assert stored_rows(target) == stored_rows(source)
