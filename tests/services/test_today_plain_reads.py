"""Today read in plain SQL: the same items before the database is open (the plain reader) and
after (a session's connection), with every value as the ORM's columns give it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from chatplanner.db.models import AdviceAction, Contact, FollowUp, Meeting, Outreach
from chatplanner.domain.today_items import TodayKind
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
SHOWN = dict.fromkeys(TodayKind, 25)


@pytest.fixture
def demo_folder(tmp_path: Path, profile_templates: ProfileTemplates) -> Path:
    return profile_templates.copy_to(tmp_path / "demo", demo=True, now=NOW)


@pytest.mark.parametrize("days_later", [0, 3, 12, 45])
def test_the_plain_reader_and_the_session_give_the_same_items(
    demo_folder: Path, days_later: int
) -> None:
    now = NOW + timedelta(days=days_later)
    workspace = Workspace.open(demo_folder, plain_reads=True, clock=lambda: now)
    try:
        today = workspace.pipeline.today
        plain_items, plain_listing = today.items(), today.listing(SHOWN)
        assert not workspace.database_open  # read without the database layer's opening
        workspace.open_database()
        assert today.items() == plain_items
        assert today.listing(SHOWN) == plain_listing
    finally:
        workspace.close()
    assert plain_items  # the demo always owes something


def test_every_value_read_plainly_is_the_orms(demo_folder: Path) -> None:
    workspace = Workspace.open(demo_folder, plain_reads=True, clock=lambda: NOW)
    try:
        snapshot = workspace.pipeline.today.snapshot()
        workspace.open_database()
        with workspace.context.sessions() as session:
            contacts = {c.id: c for c in session.scalars(select(Contact))}
            meetings = {m.id: m for m in session.scalars(select(Meeting))}
            outreach = {o.id: o for o in session.scalars(select(Outreach))}
            promises = {f.id: f for f in session.scalars(select(FollowUp))}
            advice = {a.id: a for a in session.scalars(select(AdviceAction))}
    finally:
        workspace.close()
    for contact in snapshot.contacts:
        row = contacts[contact.id]
        assert (contact.stage.value, contact.kind.value) == (row.stage, row.kind)
        assert contact.stage_changed_at == row.stage_changed_at
        assert contact.last_touch_at == row.last_touch_at
        assert contact.snoozed_until == row.snoozed_until
    for meeting in snapshot.meetings:
        assert meeting.starts_at == meetings[meeting.id].starts_at
        assert meeting.starts_at.tzinfo is UTC
    for message in snapshot.outreach:
        assert message.sent_at == outreach[message.id].sent_at
        assert message.replied_at == outreach[message.id].replied_at
    for promise in snapshot.follow_ups:
        assert promise.due_on == promises[promise.id].due_on
    for report_back in snapshot.report_backs:
        assert report_back.acted_on == advice[report_back.id].acted_on
    # The demo holds each kind of value read, so each conversion above was exercised.
    assert snapshot.contacts
    assert snapshot.meetings
    assert snapshot.outreach
    assert snapshot.follow_ups
    assert snapshot.report_backs


def test_the_zone_chosen_in_preferences_applies_before_the_first_plain_read(
    demo_folder: Path,
) -> None:
    with Workspace.open(demo_folder) as workspace:
        workspace.settings.set("user.timezone", "Asia/Tokyo")
    workspace = Workspace.open(demo_folder, plain_reads=True, system_zone=lambda: "UTC")
    try:
        assert not workspace.database_open
        assert workspace.context.zone().key == "Asia/Tokyo"
    finally:
        workspace.close()


def test_an_empty_network_is_told_plainly(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "p").close()
    workspace = Workspace.open(tmp_path / "p", plain_reads=True)
    try:
        assert not workspace.pipeline.today.has_people()
        assert not workspace.database_open
    finally:
        workspace.close()
