from __future__ import annotations

from datetime import UTC, date, datetime

from chatplanner.domain.brief import REMINDER, BriefFacts, EarlierChat, build_brief
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import ContactKind, Goal, MeetingMode


def facts(**changes: object) -> BriefFacts:
    from dataclasses import replace

    base = BriefFacts(
        meeting_id=7,
        contact_name="Anna Kowalska",
        title="Senior PM",
        previous_title="Civil Designer",
        company="Lakeshore Transit",
        city="Toronto, Canada",
        goal=Goal.MENTORSHIP,
        user_goal="move into project management",
        starts_at=datetime(2026, 12, 3, 17, 0, tzinfo=UTC),
        zone="America/Toronto",
        mode=MeetingMode.ONLINE,
        call_link="https://meet.example.com/abc",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_prepared_questions_come_first_then_suggestions_make_three() -> None:
    brief = build_brief(
        facts(
            prepared_questions=("What does a station package PM do all week?",),
            earlier_chats=(
                EarlierChat(
                    date(2026, 9, 1),
                    NoteSections(their_goals="Mentor someone through the PMP this year"),
                ),
            ),
        )
    )
    assert brief.questions == (
        "What does a station package PM do all week?",
        "How is mentoring someone through the PMP this year going?",
        "How did you go from Civil Designer to Senior PM?",
    )


def test_a_call_across_zones_gives_both_times() -> None:
    brief = build_brief(facts(contact_zone="Europe/London", first_name="Anna"))
    assert brief.when == ("Thursday 3 December, 12:00 · 17:00 for Anna (London)", "45 minutes")
    assert brief.where == ("Call link: https://meet.example.com/abc",)
    assert build_brief(facts(contact_zone="America/New_York")).when == (
        "Thursday 3 December, 12:00–12:45",
    )


def test_their_clock_calls_a_cjk_name_whole() -> None:
    brief = build_brief(facts(contact_zone="Europe/London", first_name="伟", last_name="李"))
    assert brief.when[0] == "Thursday 3 December, 12:00 · 17:00 for 李伟 (London)"


def test_a_chat_in_another_zone_than_the_users_names_both_clocks() -> None:
    brief = build_brief(
        facts(mode=MeetingMode.IN_PERSON, contact_zone="America/Toronto", user_zone="Europe/Paris")
    )
    assert brief.when == ("Thursday 3 December, 12:00 Toronto time · 18:00 your time", "45 minutes")


def test_a_late_call_says_when_it_is_the_next_day_for_the_user_and_for_them() -> None:
    brief = build_brief(
        facts(
            starts_at=datetime(2026, 12, 4, 3, 30, tzinfo=UTC),  # 22:30 in Toronto
            user_zone="Europe/London",
            contact_zone="Asia/Tokyo",
            first_name="Kenji",
        )
    )
    assert brief.when == (
        "Thursday 3 December, 22:30 Toronto time · 03:30 the next day your time"
        " · 12:30 the next day for Kenji (Tokyo)",
        "45 minutes",
    )


def test_their_story_and_promises_both_ways_come_from_earlier_chats() -> None:
    brief = build_brief(
        facts(
            earlier_chats=(
                EarlierChat(
                    date(2026, 9, 1),
                    NoteSections(their_past="Came from Kraków", advice="Keep a decision log"),
                ),
            ),
            my_promises=(("Send the charter", date(2026, 12, 1)),),
            their_promises=(("Introduce me to Marc", None),),
        )
    )
    assert brief.story == ("Past: Came from Kraków", "Their advice then: Keep a decision log")
    assert brief.my_promises == ("Send the charter (by Tuesday 1 December)",)
    assert brief.their_promises == ("Introduce me to Marc",)
    assert "You met on 1 September 2026" in brief.how_you_know


def test_sections_leave_out_what_is_empty_and_end_with_the_reminder() -> None:
    brief = build_brief(facts(kind=ContactKind.RECRUITER, mode=MeetingMode.IN_PERSON))
    headings = [heading for heading, _ in brief.sections()]
    assert "Their story so far" not in headings
    assert "You promised" not in headings
    assert headings[-1] == "Remember"
    assert brief.reminder == REMINDER
    assert brief.title == "Meeting with Anna Kowalska"
    assert brief.where == ("Place not set",)
    assert brief.as_text().startswith("Meeting with Anna Kowalska\n==========================\n")


def test_a_first_chat_shows_what_the_user_noted_on_the_person() -> None:
    brief = build_brief(facts(contact_notes="Met at the PMI gala; runs the chapter's mentoring."))
    assert brief.story == (
        "From your notes on them: Met at the PMI gala; runs the chapter's mentoring.",
    )


def test_the_first_message_is_quoted_without_its_greeting_and_sign_off_lines() -> None:
    brief = build_brief(
        facts(
            first_message="Hi Anna,\n\nWe were at the same table.\nCoffee on Queen West\n\n"
            "Thank you,\nAmara",
            first_message_on=date(2026, 11, 20),
        )
    )
    assert brief.how_you_know == (
        "You wrote on Friday 20 November: “We were at the same table. Coffee on Queen West”",
    )


def test_prepared_questions_are_asked_to_them_as_you() -> None:
    brief = build_brief(
        facts(
            first_name="Mohammed",
            last_name="Al-Sayed",
            prepared_questions=(
                "How did he write the Canadian experience part of his record?",
                "Would Mohammed introduce me to Dana and her team?",
            ),
        )
    )
    assert brief.questions[:2] == (
        "How did you write the Canadian experience part of your record?",
        "Would you introduce me to Dana and her team?",
    )
