"""The demo profile: believable amounts, every stage and kind, valid links, same rows every time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.engine import create_profile_engine
from chatplanner.db.fts import create_fts
from chatplanner.db.fts_terms import FTS_TABLE, quote_match_query
from chatplanner.db.migrate import upgrade_database
from chatplanner.db.models import (
    Base,
    Contact,
    Meeting,
    Outreach,
    Setting,
    StageEvent,
    ThankYouDraft,
)
from chatplanner.domain.enums import ContactKind, MeetingStatus, OutreachKind, Stage
from chatplanner.services.demo import DemoProfileNotEmptyError, DemoSummary, seed_demo

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def _empty_profile(db_path: Path) -> Engine:
    engine = create_profile_engine(db_path)  # foreign keys on, as in the app
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        create_fts(connection)
    return engine


def _seed(engine: Engine, now: datetime = NOW) -> DemoSummary:
    with sessionmaker(engine).begin() as session:
        return seed_demo(session, now)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = _empty_profile(tmp_path / "demo.sqlite3")
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(engine: Engine) -> tuple[Engine, DemoSummary]:
    return engine, _seed(engine)


def _count(session: Session, table: str) -> int:
    return int(session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())


def test_summary_counts_match_the_rows_written(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, summary = seeded
    with Session(engine) as session:
        for table, expected in summary.as_dict().items():
            assert _count(session, table) == expected, table


def test_demo_fills_every_table_in_believable_amounts(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    counts = seeded[1].as_dict()
    assert counts["settings"] == 6  # name, email, title, signature, base, goal
    assert 6 <= counts["groups"] <= 10
    assert 35 <= counts["contacts"] <= 45
    assert counts["contacts"] <= counts["contact_groups"] <= 3 * counts["contacts"]
    assert counts["stage_events"] > counts["contacts"]
    assert 30 <= counts["outreach"] <= 80
    assert 8 <= counts["venues"] <= 12
    assert 8 <= counts["visits"] <= 25
    assert 10 <= counts["meetings"] <= 14
    assert counts["checklist_items"] >= 8 * counts["meetings"]
    assert 6 <= counts["meeting_notes"] <= counts["meetings"]
    assert counts["follow_ups"] >= 10
    assert 5 <= counts["thank_you_drafts"] <= counts["meeting_notes"]
    with Session(seeded[0]) as session:
        assert _count(session, "templates") == 0  # default templates are seeded elsewhere


def test_every_contact_kind_and_every_stage_appears(seeded: tuple[Engine, DemoSummary]) -> None:
    with Session(seeded[0]) as session:
        kinds = set(session.scalars(select(Contact.kind)))
        stages = set(session.scalars(select(Contact.stage)))
    assert kinds == {kind.value for kind in ContactKind}
    assert stages == {stage.value for stage in Stage}


def test_every_contact_belongs_to_one_to_three_groups(seeded: tuple[Engine, DemoSummary]) -> None:
    with Session(seeded[0]) as session:
        for contact in session.scalars(select(Contact)):
            assert 1 <= len(contact.groups) <= 3, contact.first_name
            assert contact.linkedin_url is not None
            assert contact.linkedin_url.startswith("https://www.linkedin.com/in/")


def test_names_come_in_several_scripts(seeded: tuple[Engine, DemoSummary]) -> None:
    with Session(seeded[0]) as session:
        names = " ".join(f"{c.first_name} {c.last_name}" for c in session.scalars(select(Contact)))

    def has(low: int, high: int) -> bool:
        return any(low <= ord(char) <= high for char in names)

    assert has(0x0590, 0x05FF)  # Hebrew
    assert has(0x0600, 0x06FF)  # Arabic
    assert has(0x4E00, 0x9FFF)  # CJK
    assert "Olúwadámilọ́lá" in names


def test_foreign_keys_are_all_valid(seeded: tuple[Engine, DemoSummary]) -> None:
    with seeded[0].connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []


def test_stage_history_ends_at_each_contacts_stage(seeded: tuple[Engine, DemoSummary]) -> None:
    with Session(seeded[0]) as session:
        for contact in session.scalars(select(Contact)):
            events = session.scalars(
                select(StageEvent)
                .where(StageEvent.contact_id == contact.id)
                .order_by(StageEvent.id)
            ).all()
            assert events[0].stage == Stage.NOT_CONTACTED
            assert [e.at for e in events] == sorted(e.at for e in events)
            assert events[-1].stage == contact.stage
            assert events[-1].at == contact.stage_changed_at


def test_outreach_matches_each_stage(seeded: tuple[Engine, DemoSummary]) -> None:
    with Session(seeded[0]) as session:
        for contact in session.scalars(select(Contact)):
            sent = session.scalars(select(Outreach).where(Outreach.contact_id == contact.id)).all()
            firsts = [o for o in sent if o.kind == OutreachKind.FIRST_MESSAGE]
            if contact.stage == Stage.NOT_CONTACTED:
                assert sent == []
                continue
            if contact.stage == Stage.KEEPING_IN_TOUCH and not firsts:
                assert any(o.kind == OutreachKind.TOUCH for o in sent)  # an older relationship
                continue
            assert len(firsts) == 1, contact.first_name
            first = firsts[0]
            assert first.body
            if contact.stage == Stage.MESSAGED:
                assert first.replied_at is None
                assert first.outcome is None
                assert first.follow_up_due is not None
            elif contact.stage == Stage.MOVED_ON:
                assert {o.outcome for o in sent} == {"no_reply"}
            else:
                assert first.replied_at is not None
                assert first.replied_at > first.sent_at
                assert first.outcome == "replied"


def test_waiting_messages_give_the_today_view_something_to_show(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    with Session(seeded[0]) as session:
        waiting = session.scalars(
            select(Outreach.sent_at)
            .join(Contact, Contact.id == Outreach.contact_id)
            .where(Contact.stage == Stage.MESSAGED, Outreach.kind == OutreachKind.FIRST_MESSAGE)
        ).all()
    ages = [(NOW - sent_at).days for sent_at in waiting]
    assert any(3 <= age < 7 for age in ages)  # not yet due
    assert any(7 <= age < 14 for age in ages)  # follow-up due
    assert any(age >= 14 for age in ages)  # moving on due


def test_meetings_past_upcoming_cancelled_and_one_thank_you_owed(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    with Session(seeded[0]) as session:
        meetings = session.scalars(select(Meeting)).all()
        planned = [m for m in meetings if m.status == MeetingStatus.PLANNED]
        done = [m for m in meetings if m.status == MeetingStatus.DONE]
        cancelled = [m for m in meetings if m.status == MeetingStatus.CANCELLED]
        assert 2 <= len(planned) <= 3
        assert all(NOW < m.starts_at < NOW + timedelta(days=7) for m in planned)
        assert all(m.starts_at < NOW for m in done)
        assert len(cancelled) == 1
        assert all(m.notes is not None for m in done)
        assert {m.mode for m in done} == {"in_person", "online"}
        assert all(m.venue_id is not None for m in meetings if m.mode == "in_person")
        assert all(m.call_link for m in meetings if m.mode == "online")
        owed = session.scalars(select(ThankYouDraft).where(ThankYouDraft.sent_at.is_(None))).all()
        assert len(owed) == 1
        phases = {item.phase for m in meetings for item in m.checklist}
        assert phases == {"before", "during", "after"}


def test_user_settings_are_json(seeded: tuple[Engine, DemoSummary]) -> None:
    with Session(seeded[0]) as session:
        settings = {s.key: json.loads(s.value) for s in session.scalars(select(Setting))}
    assert settings["user.name"] == "Amara Okafor"
    assert settings["user.base"]["city"] == "Toronto"
    assert isinstance(settings["user.base"]["latitude"], float)
    assert {"user.email", "user.signature", "user.goal"} <= set(settings)


def _dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            table: [
                tuple(row)
                for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1, 2'))
            ]
            for table in inspect(engine).get_table_names()
            if not table.startswith(FTS_TABLE)
        }


def test_the_same_now_gives_identical_rows(tmp_path: Path) -> None:
    first = _empty_profile(tmp_path / "one.sqlite3")
    second = _empty_profile(tmp_path / "two.sqlite3")
    assert _seed(first) == _seed(second)
    assert _dump(first) == _dump(second)
    first.dispose()
    second.dispose()


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),  # the night clocks go forward in Toronto
        datetime(2026, 11, 1, 4, 0, tzinfo=UTC),  # ... and back
        datetime(2031, 7, 1, 3, 59, tzinfo=UTC),  # still yesterday in Toronto
        datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
    ],
)
def test_dates_follow_now_whatever_the_day(tmp_path: Path, now: datetime) -> None:
    engine = _empty_profile(tmp_path / "demo.sqlite3")
    _seed(engine, now)
    with Session(engine) as session:
        for meeting in session.scalars(select(Meeting)):
            starts = meeting.starts_at
            if meeting.status == MeetingStatus.PLANNED:
                assert now < starts < now + timedelta(days=7)
            else:
                assert now - timedelta(days=120) < starts < now
        sent = session.scalars(select(Outreach.sent_at)).all()
        assert all(moment < now for moment in sent)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()


def test_full_text_search_finds_words_from_the_notes(seeded: tuple[Engine, DemoSummary]) -> None:
    with seeded[0].connect() as connection:

        def hits(words: str) -> int:
            query = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
            return int(
                connection.execute(text(query), {"q": quote_match_query(words)}).scalar_one()
            )

        assert hits("Primavera") >= 1
        assert hits("Flyvbjerg") >= 1
        assert hits("cafe") >= 1  # "Café" in the notes, found without the accent


def test_seeding_a_profile_that_has_data_is_refused(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, summary = seeded
    with pytest.raises(DemoProfileNotEmptyError, match="empty profile"):
        _seed(engine)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == summary.contacts


def test_a_naive_now_is_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="aware"), Session(engine) as session:
        seed_demo(session, datetime(2026, 3, 10, 15, 0))  # noqa: DTZ001


def test_the_caller_owns_the_transaction(engine: Engine) -> None:
    with Session(engine) as session:
        seed_demo(session, NOW)
        session.rollback()
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0
        assert _count(session, FTS_TABLE) == 0


def test_the_demo_fits_a_migrated_profile(tmp_path: Path) -> None:
    db_path = tmp_path / "profile.sqlite3"
    engine = create_profile_engine(db_path)
    upgrade_database(engine, db_path, tmp_path / "backups")
    summary = _seed(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        fts_rows = connection.execute(text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar_one()
    assert fts_rows == summary.meeting_notes
    engine.dispose()
