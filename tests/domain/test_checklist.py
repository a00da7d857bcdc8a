from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.checklist import (
    DEFAULT_CHECKLIST_TEMPLATE,
    ChecklistItem,
    ChecklistTemplateError,
    ChecklistTemplateLine,
    checklist_after_mode_change,
    checklist_for_meeting,
    parse_checklist_template,
    progress,
)
from chatplanner.domain.enums import ChecklistPhase, MeetingMode

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "templates" / "checklist.txt"


def texts(items: list[ChecklistItem], phase: ChecklistPhase) -> list[str]:
    return [item.text for item in items if item.phase is phase]


def test_shipped_template_file_is_the_default_template() -> None:
    assert RESOURCE.read_text(encoding="utf-8") == DEFAULT_CHECKLIST_TEMPLATE


def test_in_person_default_has_route_and_parking_and_no_call_test() -> None:
    items = checklist_for_meeting(MeetingMode.IN_PERSON)
    assert texts(items, ChecklistPhase.BEFORE) == [
        "Confirm the day before",
        "Plan the route and parking",
        "Re-read their profile and your goal",
        "Prepare two or three questions",
    ]
    assert texts(items, ChecklistPhase.DURING) == [
        "Arrive on time",
        "Be polite",
        "Share your story: past, present, goals",
        "Ask about their past, present and goals",
        "Listen",
        "Take notes",
    ]
    assert texts(items, ChecklistPhase.AFTER) == [
        "Send the thank-you within a day",
        "Do what you promised",
        "Set the next touch",
    ]


def test_online_default_swaps_route_for_call_test_in_the_same_place() -> None:
    in_person = checklist_for_meeting(MeetingMode.IN_PERSON)
    online = checklist_for_meeting(MeetingMode.ONLINE)
    assert online[1].text == "Test the call link, camera and microphone"
    # An online call has no "Arrive on time": joining a few minutes early, in its place.
    assert in_person[4].text == "Arrive on time"
    assert online[4].text == "Join a few minutes early"
    assert "Arrive on time" not in [i.text for i in online]
    assert len(online) == len(in_person)
    assert [i.text for i in online if i.position not in (1, 4)] == [
        i.text for i in in_person if i.position not in (1, 4)
    ]


def test_a_template_saved_from_the_earlier_default_gives_an_online_call_no_arrival() -> None:
    saved = DEFAULT_CHECKLIST_TEMPLATE.replace(
        "- Arrive on time [in person]\n- Join a few minutes early [online]\n", "- Arrive on time\n"
    )
    online = parse_checklist_template(saved).items_for(MeetingMode.ONLINE)
    assert "Arrive on time" not in [i.text for i in online]


def test_switching_a_chat_swaps_the_items_of_its_kind_and_keeps_the_rest() -> None:
    before = checklist_for_meeting(MeetingMode.IN_PERSON)
    # Ticked the route, added an item of their own.
    before[1] = replace(before[1], done=True)
    before.insert(3, replace(before[0], text="Print my questions", position=0))
    before = [replace(item, position=n) for n, item in enumerate(before)]
    after = checklist_after_mode_change(before, MeetingMode.IN_PERSON, MeetingMode.ONLINE)
    assert texts(after, ChecklistPhase.BEFORE) == [
        "Confirm the day before",
        "Test the call link, camera and microphone",
        "Plan the route and parking",  # done: kept on record
        "Re-read their profile and your goal",
        "Print my questions",
        "Prepare two or three questions",
    ]
    assert texts(after, ChecklistPhase.DURING)[0] == "Join a few minutes early"
    assert "Arrive on time" not in [i.text for i in after]
    assert [i.position for i in after] == list(range(len(after)))
    # And back: the online items go, the in-person ones return; nothing is doubled.
    back = checklist_after_mode_change(after, MeetingMode.ONLINE, MeetingMode.IN_PERSON)
    assert [i.text for i in back if i.text != "Print my questions"] == [
        i.text for i in checklist_for_meeting(MeetingMode.IN_PERSON)
    ]
    assert checklist_after_mode_change(back, MeetingMode.IN_PERSON, MeetingMode.IN_PERSON) == back


def test_positions_run_across_phases_in_phase_order() -> None:
    items = checklist_for_meeting(MeetingMode.ONLINE)
    assert [item.position for item in items] == list(range(len(items)))
    phases = [item.phase for item in items]
    assert phases == sorted(
        phases, key=[ChecklistPhase.BEFORE, ChecklistPhase.DURING, ChecklistPhase.AFTER].index
    )


def test_headers_bullets_and_case_are_read_leniently() -> None:
    template = parse_checklist_template(
        "\ufeff[BEFORE]\n  * Pack a notebook\n\nduring\n• Smile\nAfter:\nWrite notes [In-Person]\n"
    )
    assert template.lines == (
        ChecklistTemplateLine(ChecklistPhase.BEFORE, "Pack a notebook"),
        ChecklistTemplateLine(ChecklistPhase.DURING, "Smile"),
        ChecklistTemplateLine(ChecklistPhase.AFTER, "Write notes", MeetingMode.IN_PERSON),
    )


def test_repeated_sections_are_merged_in_phase_order() -> None:
    template = parse_checklist_template(
        "After:\n- Thank\nBefore:\n- Confirm\nAfter:\n- Follow up\n"
    )
    items = template.items_for(MeetingMode.IN_PERSON)
    assert [(i.phase, i.text) for i in items] == [
        (ChecklistPhase.BEFORE, "Confirm"),
        (ChecklistPhase.AFTER, "Thank"),
        (ChecklistPhase.AFTER, "Follow up"),
    ]


def test_item_before_any_section_is_a_clear_error_naming_the_line() -> None:
    with pytest.raises(ChecklistTemplateError) as caught:
        parse_checklist_template("# comment\nConfirm the day before\nBefore:\n- x\n")
    assert caught.value.line_number == 2
    assert "Line 2" in str(caught.value)
    assert "Before:" in str(caught.value)


def test_template_without_items_is_a_clear_error() -> None:
    with pytest.raises(ChecklistTemplateError, match="no items"):
        parse_checklist_template("Before:\nDuring:\n# nothing\n")


def test_overlong_item_is_refused() -> None:
    with pytest.raises(ChecklistTemplateError, match="under 500 characters"):
        parse_checklist_template("Before:\n" + "x" * 501)


def test_progress_counts_done_items() -> None:
    items = checklist_for_meeting(MeetingMode.IN_PERSON)
    assert progress(items) == (0, 13)
    items[0] = replace(items[0], done=True)
    items[-1] = replace(items[-1], done=True)
    assert progress(items) == (2, 13)


def test_progress_of_nothing_is_zero_of_zero() -> None:
    assert progress([]) == (0, 0)


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_text_parses_or_gives_the_template_error(text: str) -> None:
    try:
        template = parse_checklist_template(text)
    except ChecklistTemplateError as error:
        assert str(error)
    else:
        assert template.lines
        assert all(line.text and "\n" not in line.text for line in template.lines)
