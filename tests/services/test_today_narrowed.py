"""Today's page reads only what its rules can make due, and of the chats owed a thank-you only
those it lists: its list (items, order, counts, whom each kind is about) is the one the rules
give when they run over everyone, read here through the ORM without narrowing anything."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from benchmarks.synthetic_profile import NOW as SYNTHETIC_NOW
from benchmarks.synthetic_profile import build_profile
from chatplanner.db.models import (
    AdviceAction,
    Contact,
    FollowUp,
    Group,
    Meeting,
    Outreach,
    ThankYouDraft,
    Venue,
    contact_groups,
)
from chatplanner.domain.enums import (
    ContactKind,
    FollowUpOwner,
    MeetingMode,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.person_names import called_name, shown_name
from chatplanner.domain.pipeline import OutreachRecord
from chatplanner.domain.today import (
    TodayContact,
    TodayFollowUp,
    TodayMeeting,
    TodayReportBack,
    TodaySnapshot,
    today_list,
)
from chatplanner.domain.today_items import TodayKind
from chatplanner.services.chat_times import ChatTimes
from chatplanner.services.stored_enums import enum_or, goal_or_none
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates

DEMO_NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
ZONES = ("America/Toronto", "Asia/Tokyo")
THANKED = (Stage.THANKED.value, Stage.KEEPING_IN_TOUCH.value)


def everyone(workspace: Workspace) -> TodaySnapshot:
    """Every person, message, chat, promise and advice acted on, as the rules take them."""
    times = ChatTimes(workspace.context, read_places=False)
    with workspace.context.sessions() as session:
        group_days: dict[int, list[int]] = defaultdict(list)
        for contact_id, days in session.execute(
            select(contact_groups.c.contact_id, Group.keep_in_touch_days).join(Group)
        ):
            if days is not None:
                group_days[contact_id].append(days)
        people = {c.id: c for c in session.scalars(select(Contact))}
        venues: dict[int, str] = {v.id: v.name for v in session.scalars(select(Venue))}
        messages = session.scalars(select(Outreach)).all()
        thank_yous = [m for m in messages if m.kind == OutreachKind.THANK_YOU.value]
        drafts_sent = {
            d.meeting_id for d in session.scalars(select(ThankYouDraft)) if d.sent_at is not None
        }
        contacts = tuple(
            TodayContact(
                id=c.id,
                name=shown_name(c.first_name, c.last_name),
                stage=enum_or(Stage, c.stage, Stage.NOT_CONTACTED),
                kind=enum_or(ContactKind, c.kind, ContactKind.OTHER),
                stage_changed_at=c.stage_changed_at,
                follow_up_after_days=c.follow_up_after_days,
                move_on_after_days=c.move_on_after_days,
                keep_in_touch_days=c.keep_in_touch_days,
                group_keep_in_touch_days=tuple(group_days.get(c.id, ())),
                last_touch_at=c.last_touch_at,
                snoozed_until=c.snoozed_until,
                archived=c.archived,
            )
            for c in people.values()
        )
        meetings = []
        for m in session.scalars(select(Meeting)):
            person = people[m.contact_id]
            status = enum_or(MeetingStatus, m.status, MeetingStatus.PLANNED)
            thanked = (
                m.id in drafts_sent
                or any(
                    t.contact_id == m.contact_id and t.sent_at >= m.starts_at for t in thank_yous
                )
                or (
                    person.stage in THANKED
                    and person.stage_changed_at is not None
                    and person.stage_changed_at >= m.starts_at
                )
            )
            other = None
            if status is MeetingStatus.PLANNED:
                who = called_name(person.first_name, person.last_name)
                who = who or shown_name(person.first_name, person.last_name)
                other = times.other_clock(m.mode, who, person.city, person.country)
            meetings.append(
                TodayMeeting(
                    id=m.id,
                    contact_id=m.contact_id,
                    starts_at=m.starts_at,
                    duration_minutes=m.duration_minutes or 0,
                    status=status,
                    mode=enum_or(MeetingMode, m.mode, MeetingMode.IN_PERSON),
                    place=venues.get(m.venue_id, "") if m.venue_id is not None else "",
                    timezone=m.timezone,
                    other=other,
                    thank_you_sent=thanked,
                )
            )
        return TodaySnapshot(
            contacts=contacts,
            outreach=tuple(
                OutreachRecord(
                    m.id,
                    m.contact_id,
                    enum_or(OutreachKind, m.kind, OutreachKind.TOUCH),
                    m.sent_at,
                    m.replied_at,
                    m.outcome,
                    goal_or_none(m.goal),
                )
                for m in messages
            ),
            meetings=tuple(meetings),
            follow_ups=tuple(
                TodayFollowUp(f.id, f.contact_id, f.text, f.due_on, FollowUpOwner.ME, f.meeting_id)
                for f in session.scalars(select(FollowUp))
                if f.owner == FollowUpOwner.ME.value and f.done_at is None and f.due_on is not None
            ),
            report_backs=tuple(
                TodayReportBack(a.id, a.contact_id, a.meeting_id, a.advice, a.acted_on)
                for a in session.scalars(select(AdviceAction))
                if a.report_back_sent_at is None and not a.report_back_dismissed
            ),
        )


def assert_the_page_lists_what_the_rules_give(folder: Path, now: datetime, zone: str) -> None:
    workspace = Workspace.open(
        folder, plain_reads=True, clock=lambda: now, system_zone=lambda: zone
    )
    try:
        today = workspace.pipeline.today
        narrowed = {
            shown: today.listing(dict.fromkeys(TodayKind, shown), read_places=False)
            for shown in (0, 1, 3, 25)
        }
        assert not workspace.database_open  # read as the page reads it first
        workspace.open_database()
        snapshot, rules = everyone(workspace), today.rules()
    finally:
        workspace.close()
    for shown, listing in narrowed.items():
        assert listing == today_list(snapshot, now, rules, shown=dict.fromkeys(TodayKind, shown))
    assert narrowed[25].counts  # something is due: the comparison compared lists


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("days_later", [0, 3, 12, 45])
def test_the_demo_lists_what_the_rules_give_over_everyone(
    tmp_path: Path, profile_templates: ProfileTemplates, days_later: int, zone: str
) -> None:
    folder = profile_templates.copy_to(tmp_path / "demo", demo=True, now=DEMO_NOW)
    assert_the_page_lists_what_the_rules_give(folder, DEMO_NOW + timedelta(days=days_later), zone)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic profile (every chat done, none thanked for) with some chats thanked for in
    each way the rules count, chats ending at the same moment, planned chats, touches logged,
    people archived."""
    folder = tmp_path_factory.mktemp("synthetic")
    build_profile(folder, contacts=3_000, venues=300, meetings=1_500)
    workspace = Workspace.open(folder, clock=lambda: SYNTHETIC_NOW)
    with workspace, workspace.context.sessions.begin() as session:
        chats = session.scalars(select(Meeting).order_by(Meeting.id)).all()
        for chat in chats[:40]:  # ten moments, four chats ending at each
            chat.starts_at = SYNTHETIC_NOW - timedelta(days=chat.id % 10, minutes=45)
        for chat in chats[40:200:7]:
            session.add(
                ThankYouDraft(
                    meeting_id=chat.id,
                    sent_at=chat.starts_at + timedelta(hours=3),
                    updated_at=SYNTHETIC_NOW,
                )
            )
        for chat in chats[200:400:5]:
            session.add(
                Outreach(
                    contact_id=chat.contact_id,
                    kind=OutreachKind.THANK_YOU.value,
                    sent_at=chat.starts_at + timedelta(days=chat.id % 3 - 1),
                )
            )
        for chat in chats[400:600:3]:
            session.get_one(Contact, chat.contact_id).stage = THANKED[chat.id % 2]
            session.get_one(Contact, chat.contact_id).stage_changed_at = chat.starts_at
        for chat in chats[600:1000:5]:  # a touch logged, before the chat, after it, or ahead
            person = session.get_one(Contact, chat.contact_id)
            person.last_touch_at = chat.starts_at + timedelta(days=chat.id % 5 * 90 - 90)
        for chat in chats[1000:1100:4]:  # a touch logged ahead of some moments seen from
            person = session.get_one(Contact, chat.contact_id)
            person.stage = Stage.KEEPING_IN_TOUCH.value
            person.last_touch_at = SYNTHETIC_NOW + timedelta(days=30)
        for chat in chats[600:700:4]:
            chat.status = MeetingStatus.PLANNED.value
            chat.starts_at = SYNTHETIC_NOW + timedelta(days=chat.id % 9 - 4)
        for chat in chats[700:800:9]:
            chat.duration_minutes = chat.id % 200
        session.execute(update(Contact).where(Contact.id % 13 == 0).values(archived=True))
    return folder


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("days_later", [-30, 0, 2, 400])
def test_a_large_profile_lists_what_the_rules_give_over_everyone(
    synthetic: Path, tmp_path: Path, days_later: int, zone: str
) -> None:
    from shutil import copytree

    folder = copytree(synthetic, tmp_path / "profile")
    assert_the_page_lists_what_the_rules_give(
        folder, SYNTHETIC_NOW + timedelta(days=days_later), zone
    )
