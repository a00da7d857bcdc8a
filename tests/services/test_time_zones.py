"""The user's zone and the chat's zone, through the services: Today, travel, Preferences, DST."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatplanner.db.models import Contact, Meeting
from chatplanner.domain.enums import MeetingMode, Stage
from chatplanner.domain.today_items import TodayKind
from chatplanner.services import context
from chatplanner.services.context import system_zone_name
from chatplanner.services.locating import PlaceResolver
from chatplanner.services.workspace import Workspace

TORONTO = ZoneInfo("America/Toronto")


def _open(directory: Path, now: datetime, machine_zone: str) -> Workspace:
    return Workspace.open(directory, clock=lambda: now, system_zone=lambda: machine_zone)


def _chat(workspace: Workspace, start: datetime, *, city: str = "Toronto") -> int:
    now = workspace.context.now()
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name="Nadia",
            last_name="Roy",
            city=city,
            stage=Stage.REPLIED.value,
            created_at=now,
            updated_at=now,
        )
        session.add(contact)
        session.flush()
        contact_id = contact.id
    return workspace.planning.scheduling.plan_chat(
        contact_id, MeetingMode.IN_PERSON, start, 45, timezone="America/Toronto"
    )


def _chat_reason(workspace: Workspace) -> str:
    [item] = [i for i in workspace.pipeline.today.items() if i.kind is TodayKind.UPCOMING_CHAT]
    return item.reason


def test_the_machine_zone_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import tzlocal

    monkeypatch.setenv("TZ", "Asia/Kolkata")
    tzlocal.reload_localzone()
    try:
        assert system_zone_name() == "Asia/Kolkata"
    finally:
        monkeypatch.undo()
        tzlocal.reload_localzone()


def test_without_tz_the_systems_setting_is_read_through_tzlocal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tzlocal

    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(context, "LOCALTIME", "/nonexistent/localtime")  # not a link
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Europe/Paris")
    assert system_zone_name() == "Europe/Paris"

    def broken() -> str:
        raise LookupError("no zone configured")

    monkeypatch.setattr(tzlocal, "get_localzone_name", broken)
    assert system_zone_name() == "UTC"  # a broken setting never stops the app


def _localtime_at(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the computer's `/etc/localtime` is read from, for the test (nothing there yet);
    no TZ, and the other settings tzlocal reads name Europe/Paris."""
    import tzlocal

    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "Europe/Paris")
    localtime = folder / "localtime"
    monkeypatch.setattr(context, "LOCALTIME", str(localtime))
    return localtime


def test_without_tz_the_zone_etc_localtime_links_to_is_the_computers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    localtime = _localtime_at(tmp_path, monkeypatch)
    # As systemd and macOS link it, absolute or relative, the zone files there or not.
    for target in (
        "/usr/share/zoneinfo/America/Toronto",
        "../var/db/timezone/zoneinfo/America/Toronto",
    ):
        localtime.unlink(missing_ok=True)
        localtime.symlink_to(target)
        assert system_zone_name() == "America/Toronto"
    # A link to no zone, or a copied file: tzlocal reads the other settings.
    for target in ("/usr/share/zoneinfo/Nowhere/Atlantis", "/etc/somewhere"):
        localtime.unlink()
        localtime.symlink_to(target)
        assert system_zone_name() == "Europe/Paris"
    localtime.unlink()
    localtime.write_bytes(b"TZif")
    assert system_zone_name() == "Europe/Paris"


def test_a_copied_etc_localtime_is_the_zone_whose_file_it_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The zone changed by copying a file in, `/etc/timezone` left behind (or never there): the
    # C library, and every other program, goes by the copy.
    localtime = _localtime_at(tmp_path, monkeypatch)

    def copy_of(name: str) -> None:
        data = context._zone_file(name)
        assert data is not None, f"no zone file for {name}"
        localtime.write_bytes(data)

    copy_of("Asia/Kolkata")
    assert system_zone_name() == "Asia/Kolkata"
    if context._zone_file("Canada/Eastern") is not None:  # legacy names may not be installed
        copy_of("Canada/Eastern")  # an alias: the canonical name is the one shown
        assert system_zone_name() == "America/Toronto"
    copy_of("Europe/Paris")  # the settings agree with the file
    assert system_zone_name() == "Europe/Paris"

    def nothing_configured() -> str:
        raise LookupError("no /etc/timezone")

    import tzlocal

    monkeypatch.setattr(tzlocal, "get_localzone_name", nothing_configured)
    copy_of("Australia/Sydney")
    assert system_zone_name() == "Australia/Sydney"
    localtime.write_bytes(b"not a zone file")
    assert system_zone_name() == "UTC"


def test_today_reads_the_chats_own_zone_not_the_machines(tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday
    start = datetime(2026, 3, 3, 14, 0, tzinfo=TORONTO)  # Tuesday 14:00 EST = 19:00 UTC
    with _open(tmp_path / "p", now, "UTC") as workspace:
        _chat(workspace, start)
        assert _chat_reason(workspace) == (
            "Coffee chat tomorrow at 14:00 Toronto time · 19:00 your time."
        )
    with _open(tmp_path / "p", now, "Asia/Tokyo") as workspace:
        assert _chat_reason(workspace) == (
            "Coffee chat tomorrow at 14:00 Toronto time · 04:00 the next day your time."
        )


def test_a_user_in_toronto_sees_the_chat_on_its_own_day_late_in_the_evening(
    tmp_path: Path,
) -> None:
    now = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)  # 18:00 on Tuesday in Toronto
    late = datetime(2026, 3, 3, 22, 30, tzinfo=TORONTO)  # 03:30 UTC on Wednesday
    with _open(tmp_path / "p", now, "America/Toronto") as workspace:
        _chat(workspace, late)
        assert _chat_reason(workspace) == "Coffee chat today at 22:30."


def test_a_chat_just_after_the_spring_change_keeps_its_time(tmp_path: Path) -> None:
    # The day before: clocks go forward at 02:00 on Sun 8 Mar 2026 (EST -> EDT).
    now = datetime(2026, 3, 7, 17, 0, tzinfo=UTC)
    start = datetime(2026, 3, 8, 10, 0, tzinfo=TORONTO)
    with _open(tmp_path / "p", now, "America/Toronto") as workspace:
        meeting_id = _chat(workspace, start)
        assert _chat_reason(workspace) == "Coffee chat tomorrow at 10:00."
        with workspace.context.sessions() as session:
            meeting = session.get(Meeting, meeting_id)
            assert meeting is not None
            assert meeting.starts_at == datetime(2026, 3, 8, 14, 0, tzinfo=UTC)  # EDT, UTC-4
        summary = workspace.chats.meetings.summary(meeting_id)
        assert summary.local_start(TORONTO).hour == 10


def test_a_chat_just_after_the_autumn_change_keeps_its_time(tmp_path: Path) -> None:
    now = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    start = datetime(2026, 11, 1, 10, 0, tzinfo=TORONTO)  # EST again: 15:00 UTC
    with _open(tmp_path / "p", now, "America/Toronto") as workspace:
        meeting_id = _chat(workspace, start)
        assert _chat_reason(workspace) == "Coffee chat tomorrow at 10:00."
        assert workspace.chats.meetings.summary(meeting_id).starts_at == datetime(
            2026, 11, 1, 15, 0, tzinfo=UTC
        )
        invite = workspace.planning.scheduling.invite_ics(meeting_id).decode()
        assert "DTSTART;TZID=America/Toronto:20261101T100000" in invite


def test_a_user_who_travels_keeps_the_chat_and_sees_their_new_clock(tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    start = datetime(2026, 3, 3, 14, 0, tzinfo=TORONTO)
    with _open(tmp_path / "p", now, "America/Toronto") as workspace:
        meeting_id = _chat(workspace, start)
        assert _chat_reason(workspace) == "Coffee chat tomorrow at 14:00."
    # The next launch is in London: the machine's zone changed in between.
    with _open(tmp_path / "p", now, "Europe/London") as workspace:
        assert workspace.context.zone().key == "Europe/London"
        assert workspace.chats.meetings.summary(meeting_id).starts_at == start
        assert _chat_reason(workspace) == (
            "Coffee chat tomorrow at 14:00 Toronto time · 19:00 your time."
        )
        # "today" is the user's: 15:00 UTC is Monday in London.
        [thank] = [i for i in workspace.pipeline.today.items() if i.meeting_id == meeting_id]
        assert thank.when_text.startswith("tomorrow at 14:00")


def test_the_zone_chosen_in_preferences_wins_over_the_machines(tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    start = datetime(2026, 3, 3, 14, 0, tzinfo=TORONTO)
    with _open(tmp_path / "p", now, "Europe/London") as workspace:
        _chat(workspace, start)
        workspace.settings.set("user.timezone", "Asia/Kolkata")
        assert workspace.context.zone().key == "Asia/Kolkata"
        assert _chat_reason(workspace) == (
            "Coffee chat tomorrow at 14:00 Toronto time · 00:30 the next day your time."
        )
    with _open(tmp_path / "p", now, "Europe/London") as workspace:
        assert workspace.context.zone().key == "Asia/Kolkata"  # remembered in the profile
        workspace.settings.set("user.timezone", None)
        assert workspace.context.zone().key == "Europe/London"


def test_an_unknown_zone_in_the_settings_falls_back_to_the_machines(tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    with _open(tmp_path / "p", now, "Europe/London") as workspace:
        workspace.settings.set("user.timezone", "Mars/Olympus_Mons")
        assert workspace.context.zone().key == "Europe/London"


def test_an_online_call_with_someone_in_vancouver_shows_their_clock(tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    start = datetime(2026, 3, 3, 14, 0, tzinfo=TORONTO)
    with _open(tmp_path / "p", now, "America/Toronto") as workspace:
        with workspace.context.sessions.begin() as session:
            contact = Contact(
                first_name="Mei-Lin",
                last_name="Chen",
                city="Vancouver",
                country="Canada",
                stage=Stage.REPLIED.value,
                created_at=now,
                updated_at=now,
            )
            session.add(contact)
            session.flush()
            contact_id = contact.id
        meeting_id = workspace.planning.scheduling.plan_chat(
            contact_id, MeetingMode.ONLINE, start, 30, timezone="America/Toronto"
        )
        assert _chat_reason(workspace) == (
            "Online call tomorrow at 14:00 · 11:00 for Mei-Lin (Vancouver)."
        )
        invite = workspace.planning.scheduling.invite_ics(meeting_id).decode()
        assert "11:00 for Mei-Lin (Vancouver)" in invite.replace("\r\n ", "")
        # Once the city list is read (the window reads it in the background), the meeting's
        # page shows their clock too. (A look-up alone searches the file for that one name.)
        PlaceResolver().warm_up()
        their = workspace.chats.meetings.meeting(meeting_id).their_clock
        assert their is not None
        assert (their.zone.key, their.who) == ("America/Vancouver", "Mei-Lin")
