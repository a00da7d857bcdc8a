from __future__ import annotations

from pathlib import Path

import pytest

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.templates import (
    FIRST_MESSAGE_WORD_LIMIT,
    KNOWN_PLACEHOLDERS,
    ContactFacts,
    UserFacts,
    placeholders_in,
    render_message,
    values_for,
)
from chatplanner.interop.default_templates import (
    DEFAULT_TEMPLATE_FILES,
    TemplateFileError,
    load_default_template,
)
from chatplanner.resources_path import templates_dir

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


def test_every_default_template_exists_and_uses_only_known_placeholders() -> None:
    templates = {kind: load_default_template(kind) for kind in DEFAULT_TEMPLATE_FILES}
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
    assert message.ok
    assert not message.body.empty
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
    assert message.ok
    assert not message.body.empty
    text = (message.subject.text + message.body.text).lower()
    for casual in ("coffee", "chat", "impressed", "hi ", "!"):
        assert casual not in text
    assert message.body.text.startswith("Dear Priya,")
    assert "move into project management" in message.body.text


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
