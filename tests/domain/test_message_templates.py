from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.templates import (
    KNOWN_PLACEHOLDERS,
    PLACEHOLDERS,
    ContactFacts,
    MarkKind,
    MessageTemplate,
    UserFacts,
    parse_template_text,
    render_message,
    template_marks,
    values_for,
    word_count,
    years_in_words,
)

PRIYA = ContactFacts(
    first_name="Priya",
    last_name="Shah",
    company="IBM",
    title="Project Manager",
    previous_title="Junior Engineer",
    years_in_role=6,
    city="Toronto",
    group_names=("PMP Toronto", "Women in Tech"),
)
ME = UserFacts(name="Sam Lee", title="Business Analyst", goal="move into project management.")


def test_the_vocabulary_names_the_agreed_placeholders_with_descriptions() -> None:
    for name in (
        "first_name",
        "last_name",
        "company",
        "title",
        "previous_title",
        "years",
        "group_in_common",
        "my_name",
        "my_goal",
    ):
        assert PLACEHOLDERS[name].strip()
    assert frozenset(PLACEHOLDERS) == KNOWN_PLACEHOLDERS


def test_values_cover_every_placeholder() -> None:
    values = values_for(PRIYA, ME)
    assert set(values) == KNOWN_PLACEHOLDERS
    assert values["years"] == "six years"
    assert values["full_name"] == "Priya Shah"
    assert values["group_in_common"] == "PMP Toronto"
    assert values["my_goal"] == "move into project management"


def test_unknown_facts_become_empty_values_not_none() -> None:
    values = values_for(ContactFacts(), UserFacts())
    assert all(v == "" for v in values.values())


def test_a_full_name_in_korean_reads_family_name_first() -> None:
    assert values_for(ContactFacts(first_name="민준", last_name="김"), ME)["full_name"] == "김민준"


def test_a_message_greets_a_name_in_cjk_script_whole() -> None:
    # "Hi 伟" reads as a stranger's shorthand: the whole name, family name first.
    assert values_for(ContactFacts(first_name="伟", last_name="李"), ME)["first_name"] == "李伟"
    assert values_for(ContactFacts(first_name="Wei", last_name="Li"), ME)["first_name"] == "Wei"


def test_imported_values_are_put_on_one_line() -> None:
    values = values_for(
        ContactFacts(first_name="  Ana\n", company="Big\r\n\tCo", group_names=(" ", "X")), ME
    )
    assert values["first_name"] == "Ana"
    assert values["company"] == "Big Co"
    assert values["group_in_common"] == "X"


@pytest.mark.parametrize(
    ("years", "words"),
    [
        (None, ""),
        (0, ""),
        (-2, ""),
        (1, "one year"),
        (6, "six years"),
        (20, "twenty years"),
        (25, "25 years"),
    ],
)
def test_years_read_as_words(years: int | None, words: str) -> None:
    assert years_in_words(years) == words


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("   \n ", 0),
        ("I'm impressed.", 2),
        ("A gentle follow-up — thanks!", 4),
        ("Hi {first_name},", 2),
        ("Ça va très bien", 4),
        ("über 100 words", 3),
    ],
)
def test_words_are_counted_as_a_reader_counts_them(text: str, count: int) -> None:
    assert word_count(text) == count


def test_a_subject_line_is_split_from_the_body() -> None:
    template = parse_template_text(
        TemplateKind.FOLLOW_UP, "\ufeffSUBJECT:  Hello {first_name}\r\n\r\nBody\r\nline\r\n\r\n"
    )
    assert template == MessageTemplate(TemplateKind.FOLLOW_UP, "Hello {first_name}", "Body\nline\n")


def test_a_template_without_subject_keeps_its_first_line() -> None:
    template = parse_template_text(TemplateKind.FIRST_MESSAGE, "Hi {first_name},\nThanks")
    assert template.subject == ""
    assert template.body == "Hi {first_name},\nThanks\n"


def test_unknown_placeholders_are_reported_not_dropped() -> None:
    message = render_message(
        MessageTemplate(TemplateKind.FIRST_MESSAGE, "", "Hi {nickname}"), values_for(PRIYA, ME)
    )
    assert not message.ok
    assert "{nickname}" in message.body.text


@given(st.text())
def test_any_template_text_parses_and_counts(text: str) -> None:
    template = parse_template_text(TemplateKind.FIRST_MESSAGE, text)
    assert "\r" not in template.body
    assert word_count(text) >= 0
    render_message(template, values_for(PRIYA, ME))


def test_marks_show_known_placeholders_unknown_ones_and_lone_braces_where_they_stand() -> None:
    text = "Hi {first_name}, {nickname} {{ok}} }"
    marks = template_marks(text)
    assert [(text[m.start : m.end], m.kind) for m in marks] == [
        ("{first_name}", MarkKind.PLACEHOLDER),
        ("{nickname}", MarkKind.UNKNOWN),
        ("}", MarkKind.BRACE),
    ]
    assert "not a placeholder" in marks[1].message


@given(st.text())
def test_marks_of_any_text_lie_inside_it(text: str) -> None:
    for mark in template_marks(text):
        assert 0 <= mark.start < mark.end <= len(text)


def test_the_first_message_suits_the_goal_and_what_the_records_fill() -> None:
    from chatplanner.domain.enums import Goal
    from chatplanner.domain.templates import first_message_kind

    templates = {
        TemplateKind.FIRST_MESSAGE: parse_template_text(
            TemplateKind.FIRST_MESSAGE, "From {previous_title} to {title} in {years}"
        ),
        TemplateKind.INTRODUCTION: parse_template_text(
            TemplateKind.INTRODUCTION, "Hi {first_name}, {title}"
        ),
        TemplateKind.JOB_LEAD: parse_template_text(TemplateKind.JOB_LEAD, "Work at {company}?"),
    }
    full = {"previous_title": "Analyst", "title": "PM", "years": "six years", "first_name": "A"}
    no_path = {"title": "PM", "first_name": "A", "company": "IBM"}
    assert first_message_kind(Goal.MENTORSHIP, templates, [full]) is TemplateKind.FIRST_MESSAGE
    assert first_message_kind(Goal.MENTORSHIP, templates, [no_path]) is TemplateKind.INTRODUCTION
    assert first_message_kind(Goal.JOB_LEAD, templates, [no_path]) is TemplateKind.JOB_LEAD
    assert first_message_kind(None, templates, [full, no_path]) is TemplateKind.INTRODUCTION
