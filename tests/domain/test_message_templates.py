from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.message_templates import (
    DEFAULT_TEMPLATE_FILES,
    FIRST_MESSAGE_WORD_LIMIT,
    KNOWN_PLACEHOLDERS,
    PLACEHOLDERS,
    ContactFacts,
    MessageTemplate,
    TemplateFileError,
    UserFacts,
    load_default_template,
    load_default_templates,
    parse_template_text,
    render_message,
    templates_dir,
    values_for,
    word_count,
    years_in_words,
)
from chatplanner.domain.templating import placeholders_in

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


def test_every_default_template_exists_and_uses_only_known_placeholders() -> None:
    templates = load_default_templates()
    assert set(templates) == set(DEFAULT_TEMPLATE_FILES)
    for kind, template in templates.items():
        assert template.kind is kind
        assert template.subject
        assert template.body.strip()
        used = placeholders_in(template.subject) + placeholders_in(template.body)
        assert set(used) <= KNOWN_PLACEHOLDERS, kind


def test_the_templates_folder_is_found_next_to_the_package() -> None:
    assert templates_dir().is_dir()
    assert (templates_dir() / "first_message.txt").is_file()


def test_the_first_message_is_specific_genuine_and_under_a_hundred_words() -> None:
    message = render_message(
        load_default_template(TemplateKind.FIRST_MESSAGE), values_for(PRIYA, ME)
    )
    assert message.ok and not message.body.empty
    assert (
        "I'm impressed by how quickly you advanced from Junior Engineer to Project Manager at IBM "
        "over the past six years." in message.body.text
    )
    assert "Are there one or two things you did that contributed most?" in message.body.text
    assert message.word_count < FIRST_MESSAGE_WORD_LIMIT
    assert message.body.text.startswith("Hi Priya,")


def test_the_follow_up_is_short_and_gentle() -> None:
    message = render_message(load_default_template(TemplateKind.FOLLOW_UP), values_for(PRIYA, ME))
    assert message.ok
    assert message.word_count < 70
    assert "no worries" in message.body.text


def test_the_recruiter_message_is_strictly_professional() -> None:
    message = render_message(load_default_template(TemplateKind.RECRUITER), values_for(PRIYA, ME))
    assert message.ok and not message.body.empty
    text = (message.subject.text + message.body.text).lower()
    for casual in ("coffee", "chat", "impressed", "hi ", "!"):
        assert casual not in text
    assert message.body.text.startswith("Dear Priya,")
    assert "move into project management" in message.body.text


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


def test_defaults_load_from_another_folder(tmp_path: Path) -> None:
    for name in DEFAULT_TEMPLATE_FILES.values():
        (tmp_path / name).write_bytes(
            "Subject: Ç\r\n\r\nCorps du message — {first_name}\r\n".encode()
        )
    template = load_default_template(TemplateKind.RECRUITER, tmp_path)
    assert template.subject == "Ç"
    assert template.body == "Corps du message — {first_name}\n"


def test_a_missing_or_unreadable_default_template_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateFileError, match="could not be read"):
        load_default_template(TemplateKind.FIRST_MESSAGE, tmp_path)
    (tmp_path / "follow_up.txt").write_bytes(b"\xff\xfe\x00binary\x80")
    with pytest.raises(TemplateFileError, match="template editor"):
        load_default_template(TemplateKind.FOLLOW_UP, tmp_path)


def test_kinds_without_a_default_outreach_template_are_refused() -> None:
    with pytest.raises(KeyError):
        load_default_template(TemplateKind.CHECKLIST)


@given(st.text())
def test_any_template_text_parses_and_counts(text: str) -> None:
    template = parse_template_text(TemplateKind.FIRST_MESSAGE, text)
    assert "\r" not in template.body
    assert word_count(text) >= 0
    render_message(template, values_for(PRIYA, ME))
